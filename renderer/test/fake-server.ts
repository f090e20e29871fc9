import {
  appendEvent,
  DomainError,
  MAX_DOKUMENT_BYTES,
  sha256Hex,
  type JournalEvent,
  type User,
  type Vorgang,
  type VerfahrenDef,
} from '../../shared/domain/index.ts';
import { DEMO_AUTHORITY, type Authority } from '../../shared/bescheid/authority.ts';
import type { Aktenplan } from '../../shared/domain/aktenplan.ts';
import { runMutation, type MutatorTx } from '../../shared/mutators/index.ts';
import type { EntityValue, WritableEntity } from '../../shared/sync/entities.ts';
import {
  blobQuery,
  journalQuery,
  pullQuery,
  pushRequest,
  type PullResponse,
  type PushResponse,
  type PushResult,
  type Rejection,
  type SyncChange,
} from '../../shared/contracts/http/index.ts';

/**
 * An in-memory stand-in for the sync server, speaking the shared HTTP contract (validated with
 * the shared zod schemas) and running the shared mutators authoritatively. The renderer may not
 * import server/ (lint boundary); the end-to-end suite runs the client against the real server.
 */
interface Logged {
  seq: number;
  change?: SyncChange;
  rejection?: Rejection;
}

export interface RequestLog {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** Size of an application/octet-stream request body. */
  bytes?: number;
}

export class FakeServer {
  readonly requests: RequestLog[] = [];
  /** When true, fetch fails like an unplugged cable. */
  offline = false;
  /** Statuses to answer the next requests with (one per request), before any other handling. */
  readonly failures: number[] = [];
  verfahren: VerfahrenDef[] = [];
  /** What GET /api/authority answers (null: the server has none configured). */
  authority: Authority | null = DEMO_AUTHORITY;
  /** What GET /api/aktenplan answers. */
  aktenplan: Aktenplan = {
    version: 1,
    name: { de: 'Testplan', en: 'Test plan' },
    einheiten: [
      {
        kennzeichen: '32',
        titel: { de: 'Ordnung', en: 'Order' },
        parent: null,
        aufbewahrungsfristJahre: null,
        aussonderungsart: null,
      },
      {
        kennzeichen: '32.10',
        titel: { de: 'Verkehr', en: 'Traffic' },
        parent: '32',
        aufbewahrungsfristJahre: 3,
        aussonderungsart: 'V',
      },
    ],
  };
  now = '2026-11-23T12:00:00.000Z';
  /** Document bytes by SHA-256, as PUT /api/blobs stored them. */
  readonly blobs = new Map<string, Uint8Array>();
  /** Journal events by Vorgang, appended for every applied mutation (hash-chained like the real server). */
  readonly journals = new Map<string, JournalEvent[]>();
  /** When set, GET /api/blobs answers with these bytes instead of the stored ones (a corrupting proxy). */
  corruptDownloads: Uint8Array | null = null;

  private seq = 0;
  private readonly latest = new Map<string, Logged>();
  private readonly rejectionLog: Logged[] = [];
  private readonly tokens = new Map<string, User>();
  private readonly clients = new Map<string, number>();
  private readonly streams = new Set<ReadableStreamDefaultController<Uint8Array>>();

  login(user: User, token: string = `token-${user.id}-0123456789abcdef`): string {
    this.tokens.set(token, user);
    this.put({ entity: 'user', value: user });
    return token;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }

  /** Writes an entity as if another client or the intake changed it. */
  put(change: SyncChange): void {
    this.latest.set(`${change.entity}:${change.value.id}`, { seq: ++this.seq, change });
  }

  vorgang(id: string): Vorgang | undefined {
    const c = this.latest.get(`vorgang:${id}`)?.change;
    return c?.entity === 'vorgang' ? c.value : undefined;
  }

  lastMutationSeq(clientId: string): number {
    return this.clients.get(clientId) ?? 0;
  }

  get openStreams(): number {
    return this.streams.size;
  }

  poke(): void {
    const bytes = new TextEncoder().encode(`event: poke\ndata: {"cursor":"${this.seq}"}\n\n`);
    for (const s of this.streams) s.enqueue(bytes);
  }

  /** Ends every open event stream, as a restarting server would. */
  dropStreams(): void {
    for (const s of this.streams) s.close();
    this.streams.clear();
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const bytes = init?.body instanceof Blob ? new Uint8Array(await init.body.arrayBuffer()) : undefined;
    this.requests.push({
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      ...(bytes && { bytes: bytes.byteLength }),
    });
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted', 'AbortError');
    if (this.offline) throw new TypeError('fetch failed');
    const failure = this.failures.shift();
    if (failure !== undefined) return json(failure, { error: { code: 'internal', message: 'injected failure' } });

    const header = new Headers(init?.headers).get('authorization') ?? '';
    const user = this.tokens.get(header.replace(/^Bearer /, ''));
    if (!user) return json(401, { error: { code: 'unauthenticated', message: 'Session expired' } });

    switch (`${init?.method ?? 'GET'} ${url.pathname}`) {
      case 'GET /api/sync/pull':
        return this.pull(user, Object.fromEntries(url.searchParams));
      case 'POST /api/sync/push':
        return this.push(user, body);
      case 'GET /api/sync/events':
        return this.events(init?.signal ?? undefined);
      case 'GET /api/verfahren':
        return json(200, { verfahren: this.verfahren });
      case 'GET /api/authority':
        return json(200, { authority: this.authority });
      case 'GET /api/aktenplan':
        return json(200, { aktenplan: this.aktenplan });
      case 'PUT /api/blobs':
        return this.putBlob(Object.fromEntries(url.searchParams), bytes ?? new Uint8Array());
      case 'GET /api/blobs':
        return this.getBlob(user, Object.fromEntries(url.searchParams));
      case 'GET /api/journal':
        return this.journal(user, Object.fromEntries(url.searchParams));
      default:
        return json(404, { error: { code: 'not_found', message: 'no such route' } });
    }
  };

  private pull(user: User, rawQuery: Record<string, string>): Response {
    const q = pullQuery.safeParse(rawQuery);
    if (!q.success) return json(400, { error: { code: 'validation_failed', message: q.error.message } });
    const from = Number(q.data.cursor ?? '0');
    const visible = [...this.latest.values()]
      .filter((l) => l.seq > from && l.change && this.visibleTo(user, l.change))
      .sort((a, b) => a.seq - b.seq);
    const page = visible.slice(0, q.data.limit);
    const hasMore = visible.length > page.length;
    const to = hasMore ? (page.at(-1)?.seq ?? from) : this.seq;
    const res: PullResponse = {
      cursor: String(to),
      changes: page.flatMap((l) => (l.change ? [l.change] : [])),
      lastMutationSeq: this.lastMutationSeq(q.data.clientId),
      rejections: this.rejectionLog
        .filter((l) => l.seq > from && l.seq <= to && l.rejection?.clientId === q.data.clientId)
        .flatMap((l) => (l.rejection ? [l.rejection] : [])),
      exits: [],
      hasMore,
    };
    return json(200, res);
  }

  private visibleTo(user: User, c: SyncChange): boolean {
    switch (c.entity) {
      case 'vorgang':
      case 'user':
      case 'absence':
      case 'bescheid':
      case 'umlauf':
        return c.value.orgUnitId === user.orgUnitId;
      case 'note':
      case 'dokument':
      case 'akte':
        return this.vorgang(c.value.vorgangId)?.orgUnitId === user.orgUnitId;
      case 'orgUnit':
        return true;
    }
  }

  private async putBlob(rawQuery: Record<string, string>, bytes: Uint8Array): Promise<Response> {
    const q = blobQuery.safeParse(rawQuery);
    if (!q.success) return json(400, { error: { code: 'validation_failed', message: q.error.message } });
    if (bytes.byteLength > MAX_DOKUMENT_BYTES) {
      return json(413, { error: { code: 'payload_too_large', message: 'too large' } });
    }
    if ((await sha256Hex(bytes)) !== q.data.sha256) {
      return json(400, { error: { code: 'hash_mismatch', message: 'The bytes do not match the SHA-256' } });
    }
    const created = !this.blobs.has(q.data.sha256);
    this.blobs.set(q.data.sha256, bytes);
    return json(created ? 201 : 200, { sha256: q.data.sha256, size: bytes.byteLength, created });
  }

  private getBlob(user: User, rawQuery: Record<string, string>): Response {
    const q = blobQuery.safeParse(rawQuery);
    if (!q.success) return json(400, { error: { code: 'validation_failed', message: q.error.message } });
    const referenced = [...this.latest.values()].some(
      (l) =>
        l.change?.entity === 'dokument' && l.change.value.sha256 === q.data.sha256 && this.visibleTo(user, l.change),
    );
    const bytes = this.blobs.get(q.data.sha256);
    if (!referenced || !bytes) return json(404, { error: { code: 'not_found', message: 'no such blob' } });
    const body = this.corruptDownloads ?? bytes;
    return new Response(new Blob([body.slice()]), {
      status: 200,
      headers: { 'content-type': 'application/octet-stream' },
    });
  }

  private journal(user: User, rawQuery: Record<string, string>): Response {
    const q = journalQuery.safeParse(rawQuery);
    if (!q.success) return json(400, { error: { code: 'validation_failed', message: q.error.message } });
    if (this.vorgang(q.data.vorgangId)?.orgUnitId !== user.orgUnitId) {
      return json(404, { error: { code: 'not_found', message: 'no such Vorgang' } });
    }
    const events = this.journals.get(q.data.vorgangId) ?? [];
    const last = events.at(-1);
    return json(200, { events, head: { seq: last?.seq ?? 0, hash: last?.hash ?? '' } });
  }

  private async appendJournal(user: User, m: { name: string; args: unknown; clientTime: string }): Promise<void> {
    const id = (m.args as { vorgangId?: unknown } | null)?.vorgangId;
    if (typeof id !== 'string') return;
    const events = this.journals.get(id) ?? [];
    const event = await appendEvent(events.at(-1) ?? null, {
      vorgangId: id,
      actorId: user.id,
      action: m.name,
      deviceTime: new Date(m.clientTime).toISOString(),
      serverTime: this.now,
      summary: {},
    });
    this.journals.set(id, [...events, event]);
  }

  private async push(user: User, raw: unknown): Promise<Response> {
    const req = pushRequest.safeParse(raw);
    if (!req.success) return json(400, { error: { code: 'validation_failed', message: req.error.message } });
    const { clientId, mutations } = req.data;
    const results: PushResult[] = [];
    for (const m of mutations) {
      if (m.seq <= this.lastMutationSeq(clientId)) {
        results.push({ seq: m.seq, status: 'skipped' });
        continue;
      }
      const tx = this.tx();
      try {
        await runMutation(tx.tx, { actor: user, now: this.now, authoritative: true }, m.name, m.args);
        for (const c of tx.writes) this.put(c);
        await this.appendJournal(user, m);
        results.push({ seq: m.seq, status: 'applied' });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const rejection: Rejection = {
          clientId,
          mutationSeq: m.seq,
          name: m.name,
          code: e.code,
          message: e.message,
          rejectedAt: this.now,
        };
        this.rejectionLog.push({ seq: ++this.seq, rejection });
        // Re-send the Vorgang so the client's optimistic effect is replaced by the server's state.
        const id = (m.args as { vorgangId?: unknown } | null)?.vorgangId;
        const v = typeof id === 'string' ? this.vorgang(id) : undefined;
        if (v) this.put({ entity: 'vorgang', value: v });
        results.push({ seq: m.seq, status: 'rejected', error: e.toJSON() });
      }
      this.clients.set(clientId, m.seq);
    }
    const res: PushResponse = { results, lastMutationSeq: this.lastMutationSeq(clientId) };
    this.poke();
    return json(200, res);
  }

  private tx(): { tx: MutatorTx; writes: SyncChange[] } {
    const writes: SyncChange[] = [];
    const latestOf = <E extends SyncChange['entity']>(entity: E, id: string) => {
      const pending = writes.findLast((w) => w.entity === entity && w.value.id === id);
      return (pending ?? this.latest.get(`${entity}:${id}`)?.change) as { value: EntityValue<E> } | undefined;
    };
    return {
      writes,
      tx: {
        get: async <E extends WritableEntity>(entity: E, id: string) => latestOf(entity, id)?.value,
        put: async (entity, value) => void writes.push({ entity, value } as SyncChange),
        getUser: async (id) => latestOf('user', id)?.value,
        getVerfahren: async (id) => this.verfahren.find((v) => v.id === id),
        getAktenplanEinheit: async (kennzeichen) => this.aktenplan.einheiten.find((e) => e.kennzeichen === kennzeichen),
        blobUsable: async (sha256) => (this.blobs.has(sha256) ? 'ok' : 'missing'),
        orgUnitExists: async (id) => [...this.tokens.values()].some((u) => u.orgUnitId === id),
        absencesOf: async (userId) => {
          const ids = new Set<string>();
          for (const l of [...this.latest.values(), ...writes.map((change) => ({ change }))]) {
            if (l.change?.entity === 'absence' && l.change.value.userId === userId) ids.add(l.change.value.id);
          }
          return [...ids].flatMap((id) => latestOf('absence', id)?.value ?? []);
        },
      },
    };
  }

  private events(signal: AbortSignal | undefined): Response {
    let self: ReadableStreamDefaultController<Uint8Array> | null = null;
    const stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        self = controller;
        this.streams.add(controller);
        controller.enqueue(new TextEncoder().encode(': connected\n\n'));
        signal?.addEventListener('abort', () => {
          this.streams.delete(controller);
          controller.error(new DOMException('The operation was aborted', 'AbortError'));
        });
      },
      cancel: () => {
        if (self) this.streams.delete(self);
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
