import { describe, expect, it, vi } from 'vitest';
import { clerk, colleague, makeVorgang, verfahren } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { FakeServer } from '../../test/fake-server.ts';
import { ManualTimers } from '../../test/manual-timers.ts';
import { createApiClient } from '../api/http.ts';
import { fromVorgangRow, getMeta, type AmtsplatzDb } from '../db/index.ts';
import { createSyncEngine, type SyncEngineOptions } from './engine.ts';
import { mutate } from './mutate.ts';
import { readSyncStatus } from './status.ts';

async function setup(options: Partial<SyncEngineOptions> = {}) {
  const server = new FakeServer();
  server.verfahren = [verfahren];
  server.login(colleague);
  let token = server.login(clerk);
  const db = await freshDb(clerk);
  const api = createApiClient({ baseUrl: 'http://server.test', getToken: () => token, fetch: server.fetch });
  const timers = new ManualTimers();
  const engine = createSyncEngine({
    db,
    api,
    actor: clerk,
    timers,
    random: () => 0.5,
    listen: false,
    pullLimit: 2,
    now: () => new Date('2026-11-23T12:34:00.000Z'),
    ...options,
  });
  return {
    server,
    db,
    engine,
    timers,
    revoke: () => server.revoke(token),
    relogin: () => (token = server.login(clerk)),
  };
}

const requestsTo = (server: FakeServer, path: string) => server.requests.filter((r) => r.path === path);

async function assigneeOf(db: AmtsplatzDb, id: string): Promise<string | null | undefined> {
  return (await db.vorgaenge.get(id))?.assigneeId;
}

describe('sync engine', () => {
  it('does the initial sync page by page, with the Verfahren, and reports it', async () => {
    const { server, db, engine } = await setup();
    const vs = [makeVorgang(), makeVorgang(), makeVorgang(), makeVorgang()];
    for (const v of vs) server.put({ entity: 'vorgang', value: v });

    engine.start();
    await engine.idle();

    expect(await db.vorgaenge.count()).toBe(4);
    expect(await db.users.count()).toBe(2);
    expect(await db.verfahren.toArray()).toEqual([verfahren]);
    expect(requestsTo(server, '/api/sync/pull').map((r) => r.query.cursor)).toEqual([undefined, '2', '4']);
    expect(await readSyncStatus(db)).toEqual({
      state: 'idle',
      pending: 0,
      lastSyncAt: '2026-11-23T12:34:00.000Z',
      lastError: null,
      initialSyncDone: true,
      rejectedCount: 0,
    });
  });

  it('pushes a local mutation and drops it once the pull confirms it', async () => {
    const { server, db, engine } = await setup();
    const v = makeVorgang();
    server.put({ entity: 'vorgang', value: v });
    engine.start();
    await engine.idle();

    await mutate(db, clerk, 'claim', { vorgangId: v.id });
    expect((await readSyncStatus(db)).pending).toBe(1);
    engine.syncNow();
    await engine.idle();

    expect(server.vorgang(v.id)?.assigneeId).toBe(clerk.id);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.shadows.count()).toBe(0);
    const row = await db.vorgaenge.get(v.id);
    expect(row && fromVorgangRow(row)).toEqual(server.vorgang(v.id));
  });

  it('pushes in seq order, in batches of at most MAX_PUSH_MUTATIONS', async () => {
    const { server, db, engine } = await setup();
    const v = makeVorgang({ assigneeId: clerk.id });
    server.put({ entity: 'vorgang', value: v });
    engine.start();
    await engine.idle();

    for (let i = 0; i < 130; i++) {
      await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01', note: `#${i}` });
    }
    engine.syncNow();
    await engine.idle();

    const batches = requestsTo(server, '/api/sync/push').map((r) =>
      (r.body as { mutations: { seq: number }[] }).mutations.map((m) => m.seq),
    );
    expect(batches.map((b) => b.length)).toEqual([100, 30]);
    expect(batches.flat()).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    expect(server.vorgang(v.id)?.wiedervorlage).toEqual({ date: '2026-12-01', note: '#129' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('shows a rejection and the server’s state when another clerk was faster', async () => {
    const { server, db, engine } = await setup();
    const v = makeVorgang();
    server.put({ entity: 'vorgang', value: v });
    engine.start();
    await engine.idle();

    await mutate(db, clerk, 'claim', { vorgangId: v.id });
    server.put({ entity: 'vorgang', value: { ...v, assigneeId: colleague.id, version: v.version + 1 } });
    engine.syncNow();
    await engine.idle();

    expect(await assigneeOf(db, v.id)).toBe(colleague.id);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejections.toArray()).toMatchObject([{ mutationSeq: 1, name: 'claim', code: 'already_assigned' }]);
    expect((await readSyncStatus(db)).rejectedCount).toBe(1);
  });

  it('goes offline on network failures and retries with growing backoff', async () => {
    const { server, db, engine, timers } = await setup();
    server.offline = true;
    engine.start();
    await engine.idle();
    expect(await readSyncStatus(db)).toMatchObject({ state: 'offline', initialSyncDone: false });
    expect(timers.delays).toEqual([750]);

    timers.fireAll();
    await engine.idle();
    timers.fireAll();
    await engine.idle();
    expect(timers.delays).toEqual([750, 1500, 3000]);

    server.offline = false;
    timers.fireAll();
    await engine.idle();
    expect(await readSyncStatus(db)).toMatchObject({ state: 'idle', lastError: null, initialSyncDone: true });
    expect(timers.count).toBe(0);
  });

  it('retries at once when the user asks or the network comes back', async () => {
    const { server, db, engine, timers } = await setup();
    server.offline = true;
    engine.start();
    await engine.idle();
    expect(timers.count).toBe(1);

    server.offline = false;
    engine.setOnline(true);
    await engine.idle();
    expect(timers.count).toBe(0);
    expect((await readSyncStatus(db)).state).toBe('idle');
  });

  it('does not try while the device is offline', async () => {
    const { server, db, engine } = await setup({ online: false });
    engine.start();
    await engine.idle();
    expect(server.requests).toHaveLength(0);
    expect((await readSyncStatus(db)).state).toBe('offline');

    engine.setOnline(true);
    await engine.idle();
    expect((await readSyncStatus(db)).state).toBe('idle');
  });

  it('reports server errors and retries', async () => {
    const { server, db, engine, timers } = await setup();
    server.failures.push(500);
    engine.start();
    await engine.idle();
    expect(await readSyncStatus(db)).toMatchObject({ state: 'error', lastError: 'internal: injected failure' });

    timers.fireAll();
    await engine.idle();
    expect((await readSyncStatus(db)).state).toBe('idle');
  });

  it('stops on 401 and reports unauthorized', async () => {
    const { server, db, engine, timers, revoke } = await setup();
    revoke();
    engine.start();
    await engine.idle();
    expect((await readSyncStatus(db)).state).toBe('unauthorized');
    expect(timers.count).toBe(0);

    const before = server.requests.length;
    engine.syncNow();
    await engine.idle();
    expect(server.requests.length).toBe(before);
  });

  it('keeps offline work across a restart and sends it once', async () => {
    const { server, db, engine } = await setup();
    const v = makeVorgang({ assigneeId: clerk.id, status: 'in_bearbeitung' });
    server.put({ entity: 'vorgang', value: v });
    engine.start();
    await engine.idle();
    await engine.stop();

    await mutate(db, clerk, 'changeStatus', { vorgangId: v.id, to: 'entscheidungsreif' });
    // The push reaches the server, but its answer is lost.
    const realFetch = server.fetch;
    const api = createApiClient({
      baseUrl: 'http://server.test',
      getToken: () => `token-${clerk.id}-0123456789abcdef`,
      fetch: async (input, init) => {
        const res = await realFetch(input, init);
        if (new URL(input instanceof Request ? input.url : input).pathname === '/api/sync/push')
          throw new TypeError('connection reset');
        return res;
      },
    });
    const flaky = createSyncEngine({ db, api, actor: clerk, listen: false, timers: new ManualTimers() });
    flaky.start();
    await flaky.idle();
    await flaky.stop();
    expect(server.vorgang(v.id)?.status).toBe('entscheidungsreif');
    expect(await db.outbox.count()).toBe(1);

    const again = createSyncEngine({
      db,
      api: createApiClient({
        baseUrl: 'http://server.test',
        getToken: () => `token-${clerk.id}-0123456789abcdef`,
        fetch: realFetch,
      }),
      actor: clerk,
      listen: false,
    });
    again.start();
    await again.idle();
    await again.stop();
    const pushes = requestsTo(server, '/api/sync/push');
    expect(pushes.length).toBe(2);
    expect(server.vorgang(v.id)?.version).toBe(v.version + 1);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.vorgaenge.get(v.id))?.status).toBe('entscheidungsreif');
  });

  describe('pokes', () => {
    it('pulls when the server pokes and reconnects a dropped stream', async () => {
      const { server, db, engine, timers } = await setup({ listen: true });
      engine.start();
      await vi.waitFor(() => expect(server.openStreams).toBe(1));
      await engine.idle();

      const v = makeVorgang();
      server.put({ entity: 'vorgang', value: v });
      server.poke();
      await vi.waitFor(async () => expect(await db.vorgaenge.get(v.id)).toBeDefined());

      server.dropStreams();
      await vi.waitFor(() => expect(timers.count).toBe(1));
      timers.fireAll();
      await vi.waitFor(() => expect(server.openStreams).toBe(1));

      await engine.stop();
      expect(server.openStreams).toBe(0);
      expect(await getMeta(db, 'cursor')).toBeDefined();
    });

    it('stops listening on 401', async () => {
      const { server, db, engine, timers, revoke } = await setup({ listen: true });
      engine.start();
      await vi.waitFor(() => expect(server.openStreams).toBe(1));
      await engine.idle();
      revoke();
      server.dropStreams();
      await vi.waitFor(() => expect(timers.count).toBe(1));
      timers.fireAll();
      await vi.waitFor(async () => expect((await readSyncStatus(db)).state).toBe('unauthorized'));
      expect(server.openStreams).toBe(0);
      expect(timers.count).toBe(0);
      await engine.stop();
    });
  });
});
