import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { bescheidSealResponse } from '../../../../shared/contracts/http/bescheid.ts';
import { buildApp } from '../../app.ts';
import { describeBackends } from '../../../test/backends.ts';
import { TEST_NOW, TestClock, bearer, login, testVerfahren, useSeededDb, vorgangRow } from '../../../test/harness.ts';
import { BlobStore } from '../blobs/store.ts';
import { DEMO_AUTHORITY } from './authority.ts';
import { createSealService, loadLetterAssets, type SealService } from './seal-service.ts';
import { CONTENT, addBescheid, testSealKeys } from './test-fixture.ts';

let dir: string;
let service: SealService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-seal-routes-'));
  service = createSealService({
    keys: testSealKeys(TEST_NOW),
    authority: DEMO_AUTHORITY,
    assets: await loadLetterAssets(),
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describeBackends('bescheid routes', (backend) => {
  const db = useSeededDb(backend);
  let app: FastifyInstance;

  /** The app as buildApp makes it, with this seal service (or none). */
  async function start(seal: SealService | undefined): Promise<void> {
    const blobs = await BlobStore.open(await mkdtemp(join(dir, 'blobs-')));
    const clock = new TestClock();
    const verfahren = await testVerfahren();
    app = await buildApp({
      db: db(),
      blobs,
      verfahren,
      clock,
      demoMode: true,
      logger: false,
      validateResponses: true,
      seal,
    });
  }

  beforeEach(() => start(service));
  afterEach(() => app.close());

  const seal = async (username: string, bescheidId: string) =>
    app.inject({
      method: 'POST',
      url: `/api/bescheid/seal?bescheidId=${bescheidId}`,
      headers: bearer(await login(app, username)),
    });

  it('answers the trust anchors to signed-in users only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/bescheid/trust' })).statusCode).toBe(401);
    const res = await app.inject({
      method: 'GET',
      url: '/api/bescheid/trust',
      headers: bearer(await login(app, 'sachbearbeiter1')),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ caPem: testSealKeys(TEST_NOW).trustAnchorsPem });
  });

  it('seals an approved Bescheid for its author, and changes nothing the second time', async () => {
    const { v, b } = await addBescheid(db());
    const first = await seal('sachbearbeiter1', b.id);
    expect(first.statusCode).toBe(200);
    const body = bescheidSealResponse.parse(first.json());
    expect(body).toMatchObject({ bescheidId: b.id, sealed: true, dokument: { vorgangId: v.id, source: 'bescheid' } });
    expect((await vorgangRow(db(), v.id)).status).toBe('bescheid_erstellt');

    const again = await seal('teamleitung1', b.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...body, sealed: false });

    // The sealed PDF is downloadable through the blob API by the org unit.
    const download = await app.inject({
      method: 'GET',
      url: `/api/blobs?sha256=${body.dokument.sha256}`,
      headers: bearer(await login(app, 'sachbearbeiter2')),
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('lets a lead retry, refuses other clerks (403) and other org units (404)', async () => {
    const { b } = await addBescheid(db());
    const other = await seal('sachbearbeiter2', b.id);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: { code: 'forbidden' } });
    const foreign = await seal('sachbearbeiter3', b.id);
    expect(foreign.statusCode).toBe(404);
    expect(await db().query('SELECT 1 FROM dokumente')).toEqual([]);
    expect((await seal('teamleitung1', b.id)).statusCode).toBe(200);
  });

  it('answers 409 for a Bescheid that is not approved, 409 for tampered content, 404 for unknown ones', async () => {
    const { b } = await addBescheid(db(), { state: 'eingereicht', vorgangStatus: 'zur_freigabe' });
    const pending = await seal('teamleitung1', b.id);
    expect(pending.statusCode).toBe(409);
    expect(pending.json()).toMatchObject({ error: { code: 'invalid_transition' } });

    const tampered = await addBescheid(db(), { content: { ...CONTENT, anrede: 'Hallo,' } });
    const stale = await seal('teamleitung1', tampered.b.id);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'stale_content' } });

    expect((await seal('teamleitung1', '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f90')).statusCode).toBe(404);
    expect((await seal('teamleitung1', 'not-a-uuid')).statusCode).toBe(400);
    expect(await db().query('SELECT 1 FROM dokumente')).toEqual([]);
  });

  it('says so when the server has no seal service', async () => {
    await app.close();
    await start(undefined);
    const { b } = await addBescheid(db());
    const token = await login(app, 'sachbearbeiter1');
    const trust = await app.inject({ method: 'GET', url: '/api/bescheid/trust', headers: bearer(token) });
    expect(trust.statusCode).toBe(404);
    const res = await app.inject({
      method: 'POST',
      url: `/api/bescheid/seal?bescheidId=${b.id}`,
      headers: bearer(token),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: { code: 'conflict', message: expect.stringContaining('no seal service') as unknown },
    });
  });
});
