import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from 'playwright-core';
import type { Akte } from '../../shared/domain/akte.ts';
import {
  MAX_PULL_LIMIT,
  journalResponse,
  pullResponse,
  pushResponse,
  session as sessionSchema,
  type Mutation,
  type PushResponse,
  type Rejection,
  type Session,
} from '../../shared/contracts/http/index.ts';
import { z } from 'zod';
import {
  verfahrenDef,
  type Bescheid,
  type Dokument,
  type JournalEvent,
  type Note,
  type User,
  type VerfahrenDef,
  type Vorgang,
} from '../../shared/domain/index.ts';

/** Demo accounts (README): every password is "demo". */
export const DEMO_PASSWORD = 'demo';
export type DemoUser = 'sachbearbeiter1' | 'sachbearbeiter2' | 'sachbearbeiter3' | 'teamleitung1' | 'admin';

export interface Snapshot {
  vorgaenge: Map<string, Vorgang>;
  notes: Map<string, Note>;
  users: Map<string, User>;
  dokumente: Map<string, Dokument>;
  bescheide: Map<string, Bescheid>;
  akten: Map<string, Akte>;
  rejections: Rejection[];
  cursor: string | undefined;
  lastMutationSeq: number;
}

/**
 * A second client that talks to the server only through the HTTP API, the way another clerk's
 * device would: it logs in, pulls what the user may see and pushes mutations under its own
 * client id. Specs use it to read the server's state and to change it behind the UI's back.
 */
export class ApiClient {
  readonly clientId = randomUUID();
  readonly session: Session;
  private readonly request: APIRequestContext;
  private seq = 0;

  private constructor(request: APIRequestContext, session: Session) {
    this.request = request;
    this.session = session;
  }

  static async login(request: APIRequestContext, username: DemoUser): Promise<ApiClient> {
    const res = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
    if (!res.ok()) throw new Error(`login of ${username} failed: HTTP ${res.status()} ${await res.text()}`);
    return new ApiClient(request, sessionSchema.parse(await res.json()));
  }

  get user(): User {
    return this.session.user;
  }

  private get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.session.token}` };
  }

  /** Everything the user may see, pulled from the start (or from `since`) until the server has no more. */
  async pullAll(since?: Snapshot): Promise<Snapshot> {
    const snap: Snapshot = since
      ? { ...since, rejections: [...since.rejections] }
      : {
          vorgaenge: new Map(),
          notes: new Map(),
          users: new Map(),
          dokumente: new Map(),
          bescheide: new Map(),
          akten: new Map(),
          rejections: [],
          cursor: undefined,
          lastMutationSeq: 0,
        };
    for (;;) {
      const params: Record<string, string> = { clientId: this.clientId, limit: String(MAX_PULL_LIMIT) };
      if (snap.cursor !== undefined) params['cursor'] = snap.cursor;
      const res = await this.request.get('/api/sync/pull', { params, headers: this.headers });
      if (!res.ok()) throw new Error(`pull failed: HTTP ${res.status()} ${await res.text()}`);
      const page = pullResponse.parse(await res.json());
      for (const c of page.changes) {
        if (c.entity === 'vorgang') snap.vorgaenge.set(c.value.id, c.value);
        else if (c.entity === 'note') snap.notes.set(c.value.id, c.value);
        else if (c.entity === 'user') snap.users.set(c.value.id, c.value);
        else if (c.entity === 'dokument') snap.dokumente.set(c.value.id, c.value);
        else if (c.entity === 'bescheid') snap.bescheide.set(c.value.id, c.value);
        else if (c.entity === 'akte') snap.akten.set(c.value.id, c.value);
      }
      snap.rejections.push(...page.rejections);
      snap.cursor = page.cursor;
      snap.lastMutationSeq = page.lastMutationSeq;
      if (!page.hasMore) return snap;
    }
  }

  async vorgang(id: string): Promise<Vorgang | undefined> {
    return (await this.pullAll()).vorgaenge.get(id);
  }

  /** Pushes one mutation under this client's id with the next seq and returns the server's verdict. */
  async mutate(name: string, args: unknown): Promise<PushResponse['results'][number]> {
    const m: Mutation = { seq: ++this.seq, name, args, clientTime: new Date().toISOString() };
    const res = await this.request.post('/api/sync/push', {
      data: { clientId: this.clientId, mutations: [m] },
      headers: this.headers,
    });
    if (!res.ok()) throw new Error(`push failed: HTTP ${res.status()} ${await res.text()}`);
    const result = pushResponse.parse(await res.json()).results[0];
    if (!result) throw new Error('push returned no result');
    return result;
  }

  /** Like mutate, but fails unless the server applied the mutation. */
  async apply(name: string, args: unknown): Promise<void> {
    const r = await this.mutate(name, args);
    if (r.status !== 'applied') throw new Error(`${name} was ${r.status}: ${r.error?.code} ${r.error?.message}`);
  }

  /** The Verfahren definitions (field schemas and Prüflisten) as the server serves them. */
  async verfahren(): Promise<VerfahrenDef[]> {
    const res = await this.request.get('/api/verfahren', { headers: this.headers });
    if (!res.ok()) throw new Error(`verfahren failed: HTTP ${res.status()}`);
    return z.object({ verfahren: z.array(verfahrenDef) }).parse(await res.json()).verfahren;
  }

  /** The stored journal of a Vorgang. */
  async journal(vorgangId: string): Promise<JournalEvent[]> {
    const res = await this.request.get('/api/journal', { params: { vorgangId }, headers: this.headers });
    if (!res.ok()) throw new Error(`journal failed: HTTP ${res.status()}`);
    return journalResponse.parse(await res.json()).events;
  }

  /** The bytes of a stored document (GET /api/blobs). */
  async blob(sha256: string): Promise<Buffer> {
    const res = await this.request.get('/api/blobs', { params: { sha256 }, headers: this.headers });
    if (!res.ok()) throw new Error(`blob download failed: HTTP ${res.status()}`);
    return res.body();
  }
}
