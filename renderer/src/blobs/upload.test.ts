import { describe, expect, it } from 'vitest';
import { clerk, makeVorgang, verfahren } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { FakeServer } from '../../test/fake-server.ts';
import { ManualTimers } from '../../test/manual-timers.ts';
import { createApiClient } from '../api/http.ts';
import type { AmtsplatzDb } from '../db/index.ts';
import { createSyncEngine } from '../sync/engine.ts';
import { mutate } from '../sync/mutate.ts';
import { nextBatch } from '../sync/push.ts';
import { readSyncStatus } from '../sync/status.ts';
import { attachDokument } from './attach.ts';
import { readBlobState, readUploadQueue } from './queries.ts';

const bytesOf = (text: string) => new TextEncoder().encode(text);

async function setup() {
  const server = new FakeServer();
  server.verfahren = [verfahren];
  const token = server.login(clerk);
  const db = await freshDb(clerk);
  /** Uploads fail like a dropped connection while this is above 0 (counted down per attempt). */
  const net = { failUploads: 0 };
  const api = createApiClient({
    baseUrl: 'http://server.test',
    getToken: () => token,
    fetch: async (input, init) => {
      if (init?.method === 'PUT' && net.failUploads > 0) {
        net.failUploads--;
        throw new TypeError('connection reset');
      }
      return server.fetch(input, init);
    },
  });
  const timers = new ManualTimers();
  const newEngine = () =>
    createSyncEngine({ db, api, actor: clerk, timers, random: () => 0.5, listen: false, cacheBudgetBytes: 1024 });
  const v = makeVorgang({ assigneeId: clerk.id, status: 'in_bearbeitung' });
  server.put({ entity: 'vorgang', value: v });
  const engine = newEngine();
  engine.start();
  await engine.idle();
  const attach = (text: string, name = 'Nachweis.pdf') =>
    attachDokument(db, clerk, { vorgangId: v.id, name, mediaType: 'application/pdf', bytes: bytesOf(text) });
  return { server, db, net, timers, engine, newEngine, v, attach };
}

const uploads = (server: FakeServer) => server.requests.filter((r) => r.method === 'PUT' && r.path === '/api/blobs');
const indexOf = (server: FakeServer, method: string, path: string) =>
  server.requests.findIndex((r) => r.method === method && r.path === path);

async function syncOnce(engine: { syncNow(): void; idle(): Promise<void> }): Promise<void> {
  engine.syncNow();
  await engine.idle();
}

async function dokumentOnServer(server: FakeServer, db: AmtsplatzDb): Promise<boolean> {
  const local = await db.dokumente.toArray();
  return local.length > 0 && local.every((d) => server.blobs.has(d.sha256));
}

describe('blob upload in the sync engine', () => {
  it('uploads the bytes before it pushes the Dokument, then unpins them', async () => {
    const { server, db, engine, attach } = await setup();
    const res = await attach('%PDF Nachweis');
    expect(res.ok).toBe(true);
    if (!res.ok) return;

    await syncOnce(engine);

    const put = indexOf(server, 'PUT', '/api/blobs');
    const push = indexOf(server, 'POST', '/api/sync/push');
    expect(put).toBeGreaterThanOrEqual(0);
    expect(put).toBeLessThan(push);
    expect(server.requests[put]?.bytes).toBe(bytesOf('%PDF Nachweis').byteLength);
    expect(server.blobs.get(res.value.sha256)).toEqual(bytesOf('%PDF Nachweis'));
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejections.count()).toBe(0);
    expect(await db.dokumente.get(res.value.dokumentId)).toMatchObject({
      sha256: res.value.sha256,
      uploadedBy: clerk.id,
    });
    expect(await readUploadQueue(db)).toEqual({ count: 0, failed: 0 });
    expect((await db.blobs.get(res.value.sha256))?.pinned).toBe(0);
    expect(await readBlobState(db, res.value.sha256)).toBe('cached');
  });

  it('keeps the queue through a network failure and a restart, and resumes', async () => {
    const { server, db, net, timers, engine, newEngine, attach } = await setup();
    await attach('%PDF offline');
    net.failUploads = 1;

    await syncOnce(engine);
    expect((await readSyncStatus(db)).state).toBe('offline');
    expect(await db.uploads.toArray()).toMatchObject([{ attempts: 1 }]);
    expect(indexOf(server, 'POST', '/api/sync/push')).toBe(-1);
    expect(timers.count).toBe(1);

    // The app restarts before the retry.
    await engine.stop();
    const again = newEngine();
    again.start();
    await again.idle();

    expect(uploads(server)).toHaveLength(1);
    expect(await dokumentOnServer(server, db)).toBe(true);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.uploads.count()).toBe(0);
    expect(await db.rejections.count()).toBe(0);
    await again.stop();
  });

  it('retries after a server error with the backoff, keeping the Dokument back meanwhile', async () => {
    const { server, db, timers, engine, attach } = await setup();
    await attach('%PDF busy');
    server.failures.push(503);

    await syncOnce(engine);
    expect((await readSyncStatus(db)).state).toBe('error');
    expect(await db.uploads.toArray()).toMatchObject([{ attempts: 1 }]);
    expect(indexOf(server, 'POST', '/api/sync/push')).toBe(-1);

    timers.fireAll();
    await engine.idle();
    expect(uploads(server)).toHaveLength(2);
    expect(await dokumentOnServer(server, db)).toBe(true);
    expect(await db.uploads.count()).toBe(0);
    expect(await db.rejections.count()).toBe(0);
  });

  it('never uploads the same bytes twice', async () => {
    const { server, db, engine, attach } = await setup();
    await attach('%PDF twice', 'a.pdf');
    await attach('%PDF twice', 'b.pdf');
    await syncOnce(engine);
    await syncOnce(engine);
    await attach('%PDF twice', 'c.pdf');
    await syncOnce(engine);

    expect(uploads(server)).toHaveLength(1);
    expect(await db.dokumente.count()).toBe(3);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejections.count()).toBe(0);
  });

  it('marks bytes the server refuses as failed; their Dokument is rejected with blob_missing', async () => {
    const { server, db, engine, attach, timers } = await setup();
    const res = await attach('%PDF genuine');
    if (!res.ok) throw new Error('attach failed');
    // Local storage corrupted after hashing: the server's hash check refuses the bytes.
    await db.blobs.update(res.value.sha256, { bytes: new Blob([bytesOf('%PDF corrupt')]) });

    await syncOnce(engine);

    expect(uploads(server)).toHaveLength(1);
    expect(await db.uploads.get(res.value.sha256)).toMatchObject({ attempts: 1, lastError: { code: 'hash_mismatch' } });
    expect(await readUploadQueue(db)).toEqual({ count: 1, failed: 1 });
    expect(await readBlobState(db, res.value.sha256)).toBe('failed-upload');
    expect(await db.rejections.toArray()).toMatchObject([{ name: 'addDokument', code: 'blob_missing' }]);
    expect(await db.dokumente.count()).toBe(0);
    expect((await readSyncStatus(db)).state).toBe('idle');
    expect(timers.count).toBe(0);

    // A failed upload is not retried.
    await syncOnce(engine);
    expect(uploads(server)).toHaveLength(1);
  });

  it('does not push a Dokument whose bytes still wait for upload, nor anything after it', async () => {
    const { db, v, attach } = await setup();
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' });
    const res = await attach('%PDF queued');
    await mutate(db, clerk, 'clearWiedervorlage', { vorgangId: v.id });

    expect((await nextBatch(db)).map((m) => m.name)).toEqual(['setWiedervorlage']);

    // Once uploaded, or failed for good, the batch goes on.
    if (!res.ok) throw new Error('attach failed');
    await db.uploads.update(res.value.sha256, { lastError: { code: 'hash_mismatch', message: 'x' } });
    expect((await nextBatch(db)).map((m) => m.name)).toEqual(['setWiedervorlage', 'addDokument', 'clearWiedervorlage']);
  });
});
