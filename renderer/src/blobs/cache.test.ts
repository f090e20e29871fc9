import { describe, expect, it } from 'vitest';
import { sha256Hex, type Dokument } from '../../../shared/domain/index.ts';
import { clerk, makeVorgang, testUuid } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { FakeServer } from '../../test/fake-server.ts';
import { createApiClient } from '../api/http.ts';
import type { AmtsplatzDb } from '../db/index.ts';
import { evictBlobs, getBlob } from './cache.ts';

async function setup() {
  const server = new FakeServer();
  const token = server.login(clerk);
  const db = await freshDb(clerk);
  const api = createApiClient({ baseUrl: 'http://server.test', getToken: () => token, fetch: server.fetch });
  const v = makeVorgang();
  server.put({ entity: 'vorgang', value: v });
  /** Stores bytes on the server with a Dokument that makes them downloadable. */
  async function remote(text: string): Promise<{ sha256: string; bytes: Uint8Array }> {
    const bytes = new TextEncoder().encode(text);
    const sha256 = await sha256Hex(bytes);
    const d: Dokument = {
      id: testUuid(),
      vorgangId: v.id,
      name: 'a.pdf',
      mediaType: 'application/pdf',
      size: bytes.byteLength,
      sha256,
      source: 'antrag',
      uploadedBy: null,
      createdAt: '2026-11-02T09:00:00.000Z',
    };
    server.put({ entity: 'dokument', value: d });
    server.blobs.set(sha256, bytes);
    return { sha256, bytes };
  }
  return { server, db, api, remote };
}

async function cachedBlob(db: AmtsplatzDb, text: string, lastUsed: number, pinned: 0 | 1 = 0): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const sha256 = await sha256Hex(bytes);
  await db.blobs.add({
    sha256,
    bytes: new Blob([bytes]),
    size: bytes.byteLength,
    mediaType: 'text/plain',
    lastUsed,
    pinned,
  });
  return sha256;
}

const downloads = (server: FakeServer) => server.requests.filter((r) => r.method === 'GET' && r.path === '/api/blobs');

describe('getBlob', () => {
  it('downloads, checks and caches the bytes, then serves them from the cache', async () => {
    const { server, db, api, remote } = await setup();
    const { sha256, bytes } = await remote('%PDF Bescheid');

    const first = await getBlob(db, api, sha256, { mediaType: 'application/pdf', now: () => 100 });
    expect(first.ok && first.value.type).toBe('application/pdf');
    expect(first.ok && new Uint8Array(await first.value.arrayBuffer())).toEqual(bytes);
    expect(await db.blobs.get(sha256)).toMatchObject({ size: bytes.byteLength, pinned: 0, lastUsed: 100 });

    server.offline = true;
    const second = await getBlob(db, api, sha256, { now: () => 200 });
    expect(second.ok && new Uint8Array(await second.value.arrayBuffer())).toEqual(bytes);
    expect((await db.blobs.get(sha256))?.lastUsed).toBe(200);
    expect(downloads(server)).toHaveLength(1);
  });

  it('refuses bytes that do not match their hash and caches nothing', async () => {
    const { server, db, api, remote } = await setup();
    const { sha256 } = await remote('original');
    server.corruptDownloads = new TextEncoder().encode('tampered');

    const res = await getBlob(db, api, sha256);
    expect(!res.ok && res.error.code).toBe('hash_mismatch');
    expect(await db.blobs.count()).toBe(0);
  });

  it('reports offline for a blob that is not cached', async () => {
    const { server, db, api, remote } = await setup();
    const { sha256 } = await remote('not here yet');
    server.offline = true;
    const res = await getBlob(db, api, sha256);
    expect(!res.ok && res.error.code).toBe('offline');
  });

  it('passes the server’s not_found through', async () => {
    const { db, api } = await setup();
    const res = await getBlob(db, api, await sha256Hex('unknown'));
    expect(!res.ok && res.error.code).toBe('not_found');
  });

  it('evicts least recently used blobs beyond the budget, never pinned ones nor the one just read', async () => {
    const { db, api, remote } = await setup();
    const oldPinned = await cachedBlob(db, 'pinned-0123456789', 1, 1);
    const old = await cachedBlob(db, 'oldest-0123456789', 2);
    const recent = await cachedBlob(db, 'recent-0123456789', 3);
    const { sha256: fresh } = await remote('download-0123456');

    // Four blobs of 17 or 16 bytes against a budget of 40: the pinned one stays, so two go.
    const res = await getBlob(db, api, fresh, { budgetBytes: 40, now: () => 10 });
    expect(res.ok).toBe(true);
    expect((await db.blobs.toCollection().primaryKeys()).sort()).toEqual([fresh, oldPinned].sort());
    expect(await db.blobs.get(old)).toBeUndefined();
    expect(await db.blobs.get(recent)).toBeUndefined();
  });

  it('keeps the budget by evicting only as much as needed, oldest first', async () => {
    const { db } = await setup();
    const a = await cachedBlob(db, 'aaaaaaaaaa', 1);
    const b = await cachedBlob(db, 'bbbbbbbbbb', 2);
    const c = await cachedBlob(db, 'cccccccccc', 3);
    expect(await evictBlobs(db, 25)).toBe(1);
    expect(await db.blobs.get(a)).toBeUndefined();
    expect((await db.blobs.toCollection().primaryKeys()).sort()).toEqual([b, c].sort());
    expect(await evictBlobs(db, 0, c)).toBe(1);
    expect(await db.blobs.toCollection().primaryKeys()).toEqual([c]);
  });
});
