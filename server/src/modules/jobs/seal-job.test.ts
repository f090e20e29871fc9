import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { CONTENT, addBescheid, testSealKeys } from '../bescheid/test-fixture.ts';
import { describeBackends } from '../../../test/backends.ts';
import { TEST_NOW, TestClock, tempBlobStore, testApp, useSeededDb } from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { DEMO_AUTHORITY } from '../bescheid/authority.ts';
import {
  createSealService,
  loadLetterAssets,
  SEAL_ACTOR,
  type SealDeps,
  type SealService,
} from '../bescheid/seal-service.ts';
import { getBescheid } from '../bescheid/store.ts';
import type { BlobStore } from '../blobs/store.ts';
import { journalEvents } from '../journal/store.ts';
import { localChangeFeed } from '../sync/events.ts';
import { jobWorkerOf } from './index.ts';
import { JobRegistry } from './registry.ts';
import { enqueueSeal, SEAL_JOB_KIND, sealJobHandler } from './seal-job.ts';
import { listJobs } from './store.ts';
import { createJobWorker, type JobWorkerOptions } from './worker.ts';

let service: SealService;
let blobs: BlobStore;
let removeBlobs: () => Promise<void>;
/** sealApproved calls that reached the service. */
let sealCalls = 0;

beforeAll(async () => {
  const real = createSealService({
    keys: testSealKeys(TEST_NOW),
    authority: DEMO_AUTHORITY,
    assets: await loadLetterAssets(),
  });
  service = {
    ...real,
    signer: real.signer,
    sealApproved(deps, bescheidId) {
      sealCalls += 1;
      return real.sealApproved(deps, bescheidId);
    },
  };
  ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
});
afterAll(async () => {
  await removeBlobs();
});

async function sealedDokumente(db: Database, vorgangId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM dokumente WHERE vorgang_id = $1 AND doc->>'source' = 'bescheid'`,
    [vorgangId],
  );
  return row?.n ?? 0;
}

async function sealEvents(db: Database, vorgangId: string): Promise<number> {
  const events = await journalEvents(db, vorgangId);
  return events.filter((e) => e.actorId === SEAL_ACTOR && e.action !== 'rejected').length;
}

describeBackends('the seal-bescheid job', (backend) => {
  const db = useSeededDb(backend);
  let clock: TestClock;
  let deps: SealDeps;
  const worker = (options: Partial<JobWorkerOptions> = {}) =>
    createJobWorker({
      db: db(),
      registry: new JobRegistry([sealJobHandler(deps, service)]),
      clock,
      releaseOrphans: false,
      ...options,
    });

  beforeEach(() => {
    clock = new TestClock();
    deps = { db: db(), blobs, clock, changes: localChangeFeed() };
    sealCalls = 0;
  });
  afterEach(async () => {
    await deps.changes.close();
  });

  it('seals an approved Bescheid once, from a job enqueued with the approval', async () => {
    const { v, b } = await addBescheid(db());
    expect(await db().transaction((tx) => enqueueSeal(tx, b.id))).toBe(true);
    expect(await db().transaction((tx) => enqueueSeal(tx, b.id))).toBe(false);
    expect(await worker().drain()).toBe(1);
    expect((await getBescheid(db(), b.id))?.state).toBe('gesiegelt');
    expect(await sealedDokumente(db(), v.id)).toBe(1);
    expect(await sealEvents(db(), v.id)).toBe(1);
    expect(await listJobs(db(), { limit: 10 })).toMatchObject([
      { kind: SEAL_JOB_KIND, idempotencyKey: b.id, state: 'done', attempts: 1 },
    ]);
  });

  it('completes without sealing again when the Bescheid is sealed already', async () => {
    const { v, b } = await addBescheid(db());
    await service.sealApproved(deps, b.id);
    await db().transaction((tx) => enqueueSeal(tx, b.id));
    expect(await worker().drain()).toBe(1);
    expect(sealCalls).toBe(1);
    expect(await sealedDokumente(db(), v.id)).toBe(1);
    expect(await listJobs(db(), { state: 'done', limit: 10 })).toHaveLength(1);
  });

  it('seals exactly once when the worker dies between the seal and the job’s completion', async () => {
    const { v, b } = await addBescheid(db());
    await db().transaction((tx) => enqueueSeal(tx, b.id));
    const dying = worker({
      leaseMs: 30_000,
      afterRun: () => Promise.reject(new Error('killed before the job was recorded')),
    });
    await expect(dying.runOnce()).rejects.toThrow('killed before the job was recorded');
    expect((await getBescheid(db(), b.id))?.state).toBe('gesiegelt');
    expect(await listJobs(db(), { limit: 10 })).toMatchObject([{ state: 'running', attempts: 1 }]);

    const next = worker({ leaseMs: 30_000 });
    expect(await next.runOnce()).toBe(false);
    clock.advance(30_001);
    expect(await next.runOnce()).toBe(true);
    expect(sealCalls).toBe(1);
    expect(await sealedDokumente(db(), v.id)).toBe(1);
    expect(await sealEvents(db(), v.id)).toBe(1);
    expect(await listJobs(db(), { limit: 10 })).toMatchObject([{ state: 'done', attempts: 2 }]);
  });

  it('goes dead at once when the Bescheid is not as approved', async () => {
    const { v, b } = await addBescheid(db(), { content: { ...CONTENT, betreff: 'Geändert nach der Freigabe' } });
    await db().transaction((tx) => enqueueSeal(tx, b.id));
    expect(await worker().drain()).toBe(1);
    expect(await listJobs(db(), { limit: 10 })).toMatchObject([
      { state: 'dead', attempts: 1, lastError: { code: 'stale_content' } },
    ]);
    expect(await sealedDokumente(db(), v.id)).toBe(0);
  });

  it('runs in the app as soon as the approving transaction commits', async () => {
    const app = await testApp(db(), clock, { seal: service, blobs, jobs: { pollMs: 60_000 } });
    try {
      await app.ready();
      const { v, b } = await addBescheid(db());
      await db().transaction((tx) => enqueueSeal(tx, b.id));
      await expect.poll(async () => (await getBescheid(db(), b.id))?.state, { timeout: 15_000 }).toBe('gesiegelt');
      await expect.poll(async () => (await listJobs(db(), { limit: 1 }))[0]?.state, { timeout: 5_000 }).toBe('done');
      expect(await sealedDokumente(db(), v.id)).toBe(1);
    } finally {
      await app.close();
    }
  }, 30_000);

  it('leaves seal jobs pending on a server without a seal', async () => {
    const app = await testApp(db(), clock, { jobs: { autoStart: false } });
    try {
      const { b } = await addBescheid(db());
      await db().transaction((tx) => enqueueSeal(tx, b.id));
      expect(await jobWorkerOf(app).runOnce()).toBe(false);
      expect(await listJobs(db(), { state: 'pending', limit: 10 })).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
