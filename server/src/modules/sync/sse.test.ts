import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backends, describeBackends, openMigrated } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  OE2,
  pushAs,
  seedAccounts,
  TestClock,
  testApp,
  useSeededDb,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';

interface SseMessage {
  event?: string;
  data?: string;
  comment?: string;
}

/** Minimal SSE client over fetch (browsers' EventSource cannot send a Bearer header either). */
async function openStream(baseUrl: string, token: string) {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/api/sync/events`, { headers: bearer(token), signal: abort.signal });
  if (!res.body) throw new Error('no body');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const queue: SseMessage[] = [];
  let ended = false;
  async function next(): Promise<SseMessage | undefined> {
    for (;;) {
      const queued = queue.shift();
      if (queued) return queued;
      if (ended) return undefined;
      const chunk = await reader.read();
      if (chunk.done) {
        ended = true;
        continue;
      }
      buffer += chunk.value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const msg: SseMessage = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) msg.comment = line.slice(1).trim();
          else if (line.startsWith('event: ')) msg.event = line.slice(7);
          else if (line.startsWith('data: ')) msg.data = line.slice(6);
        }
        if (msg.event || msg.comment) queue.push(msg);
      }
    }
  }
  async function nextPoke(): Promise<{ cursor: string }> {
    for (;;) {
      const msg = await next();
      if (!msg) throw new Error('stream ended');
      if (msg.event === 'poke' && msg.data) return JSON.parse(msg.data) as { cursor: string };
    }
  }
  return { res, next, nextPoke, close: () => abort.abort() };
}

describeBackends('sync events (SSE)', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let baseUrl: string;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock(), { sseHeartbeatMs: 50 });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await app.close();
  });

  it('pokes the org unit after another user’s push, and only the org unit concerned', async () => {
    const v1 = await addVorgang(db);
    const v2 = await addVorgang(db, { orgUnitId: OE2 });
    const [anna, joerg, mehmet] = await Promise.all(
      ['sachbearbeiter1', 'sachbearbeiter2', 'sachbearbeiter3'].map((u) => login(app, u)),
    );
    const joergStream = await openStream(baseUrl, joerg ?? '');
    const mehmetStream = await openStream(baseUrl, mehmet ?? '');
    try {
      expect(joergStream.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const initial = await joergStream.nextPoke();
      await mehmetStream.nextPoke();

      const annaPush = await pushAs(app, anna ?? '', randomUUID(), [
        { seq: 1, name: 'claim', args: { vorgangId: v1.id } },
      ]);
      expect(annaPush.results[0]?.status).toBe('applied');
      const [row1] = await db.query<{ change_seq: number }>('SELECT change_seq FROM vorgaenge WHERE id = $1', [v1.id]);
      const poke = await joergStream.nextPoke();
      expect(poke.cursor).toBe(String(row1?.change_seq));
      expect(Number(poke.cursor)).toBeGreaterThan(Number(initial.cursor));

      await pushAs(app, mehmet ?? '', randomUUID(), [{ seq: 1, name: 'claim', args: { vorgangId: v2.id } }]);
      const [row2] = await db.query<{ change_seq: number }>('SELECT change_seq FROM vorgaenge WHERE id = $1', [v2.id]);
      // Mehmet (OE 2) never got Anna's poke: his next poke is his own org unit's change.
      expect((await mehmetStream.nextPoke()).cursor).toBe(String(row2?.change_seq));
    } finally {
      joergStream.close();
      mehmetStream.close();
    }
  });

  it('sends heartbeats and ends the stream once the session is revoked', async () => {
    const token = await login(app, 'sachbearbeiter1');
    const stream = await openStream(baseUrl, token);
    try {
      let msg = await stream.next();
      while (msg && msg.comment !== 'ping') msg = await stream.next();
      expect(msg?.comment).toBe('ping');
      await app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
      while (msg) msg = await stream.next();
      expect(msg).toBeUndefined();
    } finally {
      stream.close();
    }
  });

  it('refuses a stream without a valid session', async () => {
    const res = await fetch(`${baseUrl}/api/sync/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });
});

const postgres = backends.find((b) => b.kind === 'postgres');

describe.skipIf(!postgres)('sync events across server instances (PostgreSQL LISTEN/NOTIFY)', () => {
  // Unset when the set-up failed part-way: afterAll closes what was opened.
  let db: Database | undefined;
  let writer: FastifyInstance | undefined;
  let reader: FastifyInstance | undefined;
  let readerUrl: string;
  beforeAll(async () => {
    if (!postgres) return;
    db = await openMigrated(postgres);
    await seedAccounts(db);
    writer = await testApp(db, new TestClock());
    reader = await testApp(db, new TestClock());
    readerUrl = await reader.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await db?.close();
  });

  it('pokes clients of one instance after a push on another, also after the listener reconnects', async () => {
    if (!db || !writer || !reader) throw new Error('the two server instances did not start');
    const v = await addVorgang(db);
    const stream = await openStream(readerUrl, await login(reader, 'sachbearbeiter2'));
    const anna = await login(writer, 'sachbearbeiter1');
    const changeSeq = async (q: Database) =>
      String(
        (await q.query<{ change_seq: number }>('SELECT change_seq FROM vorgaenge WHERE id = $1', [v.id]))[0]
          ?.change_seq,
      );
    try {
      await stream.nextPoke();
      await pushAs(writer, anna, randomUUID(), [{ seq: 1, name: 'claim', args: { vorgangId: v.id } }]);
      expect((await stream.nextPoke()).cursor).toBe(await changeSeq(db));

      // Cut every LISTEN connection: the reader reconnects and tells its clients to pull.
      await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN %'`);
      const latest = await db.query<{ seq: number }>(`SELECT last_value AS seq FROM change_seq_seq`);
      expect((await stream.nextPoke()).cursor).toBe(String(latest[0]?.seq));

      await pushAs(writer, anna, randomUUID(), [
        { seq: 1, name: 'changeStatus', args: { vorgangId: v.id, to: 'in_bearbeitung' } },
      ]);
      expect((await stream.nextPoke()).cursor).toBe(await changeSeq(db));
    } finally {
      stream.close();
    }
  });
});
