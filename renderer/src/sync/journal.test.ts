import { describe, expect, it } from 'vitest';
import { clerk, makeVorgang, verfahren } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { FakeServer } from '../../test/fake-server.ts';
import { ManualTimers } from '../../test/manual-timers.ts';
import { createApiClient } from '../api/http.ts';
import { createSyncEngine } from './engine.ts';
import { readJournal, refreshJournal } from './journal.ts';
import { mutate } from './mutate.ts';

async function setup() {
  const server = new FakeServer();
  server.verfahren = [verfahren];
  const token = server.login(clerk);
  const db = await freshDb(clerk);
  const api = createApiClient({ baseUrl: 'http://server.test', getToken: () => token, fetch: server.fetch });
  const engine = createSyncEngine({ db, api, actor: clerk, listen: false, timers: new ManualTimers() });
  const v = makeVorgang({ assigneeId: clerk.id, status: 'in_bearbeitung' });
  const other = makeVorgang({ assigneeId: clerk.id, status: 'in_bearbeitung' });
  server.put({ entity: 'vorgang', value: v });
  server.put({ entity: 'vorgang', value: other });
  engine.start();
  await engine.idle();
  const sync = async () => {
    engine.syncNow();
    await engine.idle();
  };
  return { server, db, api, token, v, other, sync };
}

const t1 = new Date('2026-11-23T08:00:00.000Z');
const t2 = new Date('2026-11-23T09:00:00.000Z');

describe('journal cache', () => {
  it('fetches, verifies and caches the server journal', async () => {
    const { db, api, v, sync } = await setup();
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' }, t1);
    await mutate(db, clerk, 'clearWiedervorlage', { vorgangId: v.id }, t2);
    await sync();

    const res = await refreshJournal(db, api, v.id);
    expect(res.ok && res.value.verification).toEqual({ ok: true, count: 2 });
    const { events, pending } = await readJournal(db, v.id);
    expect(events.map((e) => [e.seq, e.action, e.deviceTime])).toEqual([
      [1, 'setWiedervorlage', t1.toISOString()],
      [2, 'clearWiedervorlage', t2.toISOString()],
    ]);
    expect(pending).toEqual([]);
  });

  it('reports the first broken link of a tampered chain', async () => {
    const { server, db, api, v, sync } = await setup();
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' }, t1);
    await mutate(db, clerk, 'clearWiedervorlage', { vorgangId: v.id }, t2);
    await sync();
    const [first, second] = server.journals.get(v.id) ?? [];
    if (!first || !second) throw new Error('no journal');
    server.journals.set(v.id, [first, { ...second, actorId: 'someone-else' }]);

    const res = await refreshJournal(db, api, v.id);
    expect(res.ok && res.value.verification).toEqual({ ok: false, brokenAt: 2, reason: 'hash_mismatch' });
    // Cached anyway: the clerk sees what the server claims, flagged.
    expect((await readJournal(db, v.id)).events).toHaveLength(2);
  });

  it('lists offline actions of the Vorgang as pending until the server journals them', async () => {
    const { server, db, api, v, other, sync } = await setup();
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' }, t1);
    await sync();
    await refreshJournal(db, api, v.id);

    server.offline = true;
    await mutate(db, clerk, 'clearWiedervorlage', { vorgangId: v.id }, t2);
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: other.id, date: '2026-12-02' }, t2);
    await sync();

    const offline = await readJournal(db, v.id);
    expect(offline.events.map((e) => e.action)).toEqual(['setWiedervorlage']);
    expect(offline.pending).toEqual([
      { seq: 2, name: 'clearWiedervorlage', clientTime: t2.toISOString(), state: 'pending' },
    ]);
    const refresh = await refreshJournal(db, api, v.id);
    expect(!refresh.ok && refresh.error.code).toBe('offline');
    expect((await readJournal(db, v.id)).events).toHaveLength(1);

    server.offline = false;
    await sync();
    await refreshJournal(db, api, v.id);
    const online = await readJournal(db, v.id);
    expect(online.events.map((e) => e.action)).toEqual(['setWiedervorlage', 'clearWiedervorlage']);
    expect(online.pending).toEqual([]);
  });

  it('shows a pushed action once while the pull has not confirmed it yet', async () => {
    const { db, api, v, server, token } = await setup();
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' }, t1);
    // The server journals it, but the answer and the pull have not arrived yet.
    const clientId = (await db.meta.get('clientId'))?.value;
    await server.fetch('http://server.test/api/sync/push', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId,
        mutations: [
          {
            seq: 1,
            name: 'setWiedervorlage',
            args: { vorgangId: v.id, date: '2026-12-01' },
            clientTime: t1.toISOString(),
          },
        ],
      }),
    });
    await refreshJournal(db, api, v.id);

    const view = await readJournal(db, v.id);
    expect(await db.outbox.count()).toBe(1);
    expect(view.events.map((e) => e.action)).toEqual(['setWiedervorlage']);
    expect(view.pending).toEqual([]);
  });
});
