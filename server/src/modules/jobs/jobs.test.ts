import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import type { AdminJob } from '../../../../shared/contracts/http/admin.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { describeBackends } from '../../../test/backends.ts';
import { bearer, login, TestClock, testApp, useSeededDb } from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { backoffDelay, defineJobHandler, JobRegistry, type JobHandler } from './registry.ts';
import { claimJob, completeJob, enqueueJob, getJob, listJobs } from './store.ts';
import { createJobWorker, type JobWorker, type JobWorkerOptions } from './worker.ts';

const payload = z.object({ n: z.number().int() }).strict();

interface Probe {
  runs: number[];
  /** Runs of each job id. */
  byJob: Map<number, number>;
  /** Throws for run number k (1-based, per job) while this returns an error. */
  failWith?: (attempt: number) => Error | undefined;
  gate?: Promise<void>;
}

function probeHandler(probe: Probe, overrides: Partial<JobHandler> = {}): JobHandler {
  return {
    ...defineJobHandler({
      kind: 'probe',
      payload,
      maxAttempts: 3,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      permanent: ['stale_content'],
      async run(ctx, { n }) {
        probe.runs.push(n);
        probe.byJob.set(ctx.jobId, (probe.byJob.get(ctx.jobId) ?? 0) + 1);
        await probe.gate;
        const error = probe.failWith?.(ctx.attempt);
        if (error) throw error;
      },
    }),
    ...overrides,
  };
}

const newProbe = (): Probe => ({ runs: [], byJob: new Map() });

async function jobRow(db: Database, id: number): Promise<AdminJob> {
  const job = await getJob(db, id);
  if (!job) throw new Error(`job ${id} missing`);
  return job;
}

describeBackends('durable jobs', (backend) => {
  const db = useSeededDb(backend);
  let clock: TestClock;
  const workers: JobWorker[] = [];
  const worker = (probe: Probe, options: Partial<JobWorkerOptions> = {}) => {
    const w = createJobWorker({
      db: db(),
      registry: new JobRegistry([probeHandler(probe)]),
      clock,
      random: () => 0,
      pollMs: 60_000,
      ...options,
    });
    workers.push(w);
    return w;
  };
  const enqueue = (n: number, key = `k${n}`) =>
    db().transaction((tx) => enqueueJob(tx, { kind: 'probe', idempotencyKey: key, payload: { n } }));

  beforeEach(() => {
    clock = new TestClock();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });

  it('leaves no job behind when the enqueuing transaction rolls back', async () => {
    await expect(
      db().transaction(async (tx) => {
        await enqueueJob(tx, { kind: 'probe', idempotencyKey: 'rolled-back', payload: { n: 1 } });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await listJobs(db(), { limit: 10 })).toEqual([]);
    expect(await worker(newProbe()).runOnce()).toBe(false);
  });

  it('enqueues a side effect once per kind and idempotency key', async () => {
    const first = await enqueue(1, 'same');
    expect(first).toBeTypeOf('number');
    expect(await enqueue(2, 'same')).toBeUndefined();
    const probe = newProbe();
    expect(await worker(probe).drain()).toBe(1);
    // Also after the job is done: the effect was asked for before.
    expect(await enqueue(3, 'same')).toBeUndefined();
    expect(probe.runs).toEqual([1]);
    const jobs = await listJobs(db(), { limit: 10 });
    expect(jobs).toMatchObject([{ id: first, kind: 'probe', idempotencyKey: 'same', state: 'done', attempts: 1 }]);
  });

  it('retries a failed run after an exponential backoff and completes it then', async () => {
    const probe = newProbe();
    probe.failWith = (attempt) => (attempt < 3 ? new DomainError('internal', `TSA down (${attempt})`) : undefined);
    const w = worker(probe);
    const id = await enqueue(7);
    if (id === undefined) throw new Error('not enqueued');

    expect(await w.runOnce()).toBe(true);
    let job = await jobRow(db(), id);
    // Jitter 0: half of 1 s after the first failure.
    expect(job).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: { code: 'internal', message: 'TSA down (1)' },
    });
    expect(job.runAfter).toBe(new Date(clock.now().getTime() + 500).toISOString());
    expect(await w.runOnce()).toBe(false);

    clock.advance(500);
    expect(await w.runOnce()).toBe(true);
    job = await jobRow(db(), id);
    expect(job).toMatchObject({ state: 'pending', attempts: 2 });
    expect(job.runAfter).toBe(new Date(clock.now().getTime() + 1_000).toISOString());
    clock.advance(999);
    expect(await w.runOnce()).toBe(false);
    clock.advance(1);
    expect(await w.runOnce()).toBe(true);
    job = await jobRow(db(), id);
    expect(job).toMatchObject({ state: 'done', attempts: 3, lockedUntil: null });
    expect(job.finishedAt).toBe(clock.now().toISOString());
    expect(probe.runs).toEqual([7, 7, 7]);
  });

  it('computes the backoff doubling, capped, with half of it jittered', () => {
    const b = { baseMs: 1_000, maxMs: 5_000 };
    expect([1, 2, 3, 4, 10].map((a) => backoffDelay(b, a, () => 0))).toEqual([500, 1_000, 2_000, 2_500, 2_500]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(b, a, () => 1))).toEqual([1_000, 2_000, 4_000, 5_000]);
  });

  it('lets a job die after maxAttempts, shows it to admins with its last error, and retries it on request', async () => {
    const probe = newProbe();
    let broken = true;
    probe.failWith = () => (broken ? new Error('connect ECONNREFUSED 10.0.0.7:318') : undefined);
    const w = worker(probe);
    const id = await enqueue(1);
    await enqueue(2);
    for (let i = 0; i < 6; i += 1) {
      await w.drain();
      clock.advance(60_000);
    }
    expect(probe.runs.filter((n) => n === 1)).toHaveLength(3);

    const app = await testApp(db(), clock, { jobs: false });
    try {
      const admin = await login(app, 'admin');
      const list = await app.inject({ method: 'GET', url: '/api/admin/jobs?state=dead', headers: bearer(admin) });
      expect(list.statusCode).toBe(200);
      const dead = list.json<{ jobs: AdminJob[] }>().jobs;
      expect(dead.map((j) => j.id).sort((a, b) => a - b)).toEqual([id, (id ?? 0) + 1]);
      expect(dead[0]).toMatchObject({
        state: 'dead',
        attempts: 3,
        lastError: { code: 'internal', message: 'Error: connect ECONNREFUSED 10.0.0.7:318' },
      });
      const all = await app.inject({ method: 'GET', url: '/api/admin/jobs', headers: bearer(admin) });
      expect(all.json<{ jobs: AdminJob[] }>().jobs).toHaveLength(2);
      const pending = await app.inject({ method: 'GET', url: '/api/admin/jobs?state=pending', headers: bearer(admin) });
      expect(pending.json()).toEqual({ jobs: [] });

      const clerk = await login(app, 'sachbearbeiter1');
      const refused = await app.inject({ method: 'GET', url: '/api/admin/jobs', headers: bearer(clerk) });
      expect(refused.statusCode).toBe(403);
      const refusedRetry = await app.inject({
        method: 'POST',
        url: `/api/admin/jobs/retry?jobId=${id}`,
        headers: bearer(clerk),
      });
      expect(refusedRetry.statusCode).toBe(403);
      expect(await jobRow(db(), id ?? 0)).toMatchObject({ state: 'dead' });

      broken = false;
      const retried = await app.inject({
        method: 'POST',
        url: `/api/admin/jobs/retry?jobId=${id}`,
        headers: bearer(admin),
      });
      expect(retried.statusCode).toBe(200);
      expect(retried.json()).toMatchObject({ id, state: 'pending', attempts: 0, runAfter: null, finishedAt: null });
      const again = await app.inject({
        method: 'POST',
        url: `/api/admin/jobs/retry?jobId=${id}`,
        headers: bearer(admin),
      });
      expect(again.statusCode).toBe(409);
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/admin/jobs/retry?jobId=999999',
        headers: bearer(admin),
      });
      expect(unknown.statusCode).toBe(404);
    } finally {
      await app.close();
    }
    expect(await w.drain()).toBe(1);
    expect(await jobRow(db(), id ?? 0)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('sends a job dead at once on a permanent error or a payload that does not fit', async () => {
    const probe = newProbe();
    probe.failWith = () => new DomainError('stale_content', 'not as approved');
    const w = worker(probe);
    const id = await enqueue(1);
    const bad = await db().transaction((tx) =>
      enqueueJob(tx, { kind: 'probe', idempotencyKey: 'bad', payload: { n: 'eins' } }),
    );
    expect(await w.drain()).toBe(2);
    expect(await jobRow(db(), id ?? 0)).toMatchObject({
      state: 'dead',
      attempts: 1,
      lastError: { code: 'stale_content', message: 'not as approved' },
    });
    expect(await jobRow(db(), bad ?? 0)).toMatchObject({
      state: 'dead',
      lastError: { code: 'validation_failed', message: 'The payload does not fit job kind probe' },
    });
    expect(probe.runs).toEqual([1]);
  });

  it('leaves jobs of kinds it has no handler for to another worker', async () => {
    await db().transaction((tx) => enqueueJob(tx, { kind: 'other', idempotencyKey: 'x', payload: {} }));
    expect(await worker(newProbe()).runOnce()).toBe(false);
    expect(await listJobs(db(), { state: 'pending', limit: 10 })).toHaveLength(1);
  });

  it('never runs one job twice when several workers claim at once', async () => {
    const probe = newProbe();
    const ids: number[] = [];
    for (let n = 0; n < 24; n += 1) {
      const id = await enqueue(n);
      if (id !== undefined) ids.push(id);
    }
    // Each run takes a little while, so claims of the four workers overlap.
    const slow = probeHandler(probe, {});
    const run = slow.run.bind(slow);
    slow.run = async (ctx, p) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await run(ctx, p);
    };
    const four = [1, 2, 3, 4].map((i) =>
      createJobWorker({ db: db(), registry: new JobRegistry([slow]), clock, workerId: `w${i}`, pollMs: 60_000 }),
    );
    const counts = await Promise.all(four.map((w) => w.drain()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(24);
    expect([...probe.byJob.values()].every((runs) => runs === 1)).toBe(true);
    expect([...probe.byJob.keys()].sort((a, b) => a - b)).toEqual(ids);
    expect(await listJobs(db(), { state: 'done', limit: 100 })).toHaveLength(24);
    if (backend.kind === 'postgres') {
      // On PostgreSQL the work spread over the workers (SKIP LOCKED lets them pass each other).
      expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1);
    }
  });

  it('takes over a job whose worker died once its lease has expired', async () => {
    const id = await enqueue(5);
    const dead = await db().transaction((tx) =>
      claimJob(tx, { kinds: ['probe'], now: clock.now(), leaseMs: 30_000, lockedBy: 'killed-instance#1' }),
    );
    expect(dead).toMatchObject({ id, attempt: 1 });
    const probe = newProbe();
    const w = worker(probe, { leaseMs: 30_000, releaseOrphans: false });
    clock.advance(29_999);
    expect(await w.runOnce()).toBe(false);
    clock.advance(2);
    expect(await w.runOnce()).toBe(true);
    expect(await jobRow(db(), id ?? 0)).toMatchObject({ state: 'done', attempts: 2 });
    expect(probe.runs).toEqual([5]);
    // The dead worker's late completion changes nothing.
    if (dead) expect(await db().transaction((tx) => completeJob(tx, dead, clock.now()))).toBe(false);
  });

  it('gives up on a job whose every run outlived its lease (it kills its worker)', async () => {
    const id = await enqueue(9);
    for (let i = 1; i <= 3; i += 1) {
      await db().transaction((tx) =>
        claimJob(tx, { kinds: ['probe'], now: clock.now(), leaseMs: 1_000, lockedBy: `crashed#${i}` }),
      );
      clock.advance(1_001);
    }
    const probe = newProbe();
    expect(await worker(probe, { releaseOrphans: false }).runOnce()).toBe(true);
    expect(probe.runs).toEqual([]);
    expect(await jobRow(db(), id ?? 0)).toMatchObject({ state: 'dead', attempts: 4, lastError: { code: 'internal' } });
  });

  it('runs a job as soon as its transaction commits and stops only after the running job', async () => {
    const probe = newProbe();
    let release: () => void = () => undefined;
    probe.gate = new Promise((resolve) => (release = resolve));
    // Polling once a minute: only the wake-up of the enqueue can start the run in time.
    const w = worker(probe);
    w.start();
    const id = await enqueue(3);
    await expect.poll(() => probe.runs, { timeout: 10_000 }).toEqual([3]);
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await jobRow(db(), id ?? 0)).toMatchObject({ state: 'done' });
  }, 20_000);

  it('sets jobs left running by a killed PGlite process pending at start', async () => {
    const id = await enqueue(4);
    await db().transaction((tx) =>
      claimJob(tx, { kinds: ['probe'], now: clock.now(), leaseMs: 3_600_000, lockedBy: 'killed#1' }),
    );
    const probe = newProbe();
    const w = worker(probe, { releaseOrphans: true });
    w.start();
    await expect.poll(async () => (await jobRow(db(), id ?? 0)).state, { timeout: 10_000 }).toBe('done');
    expect(probe.runs).toEqual([4]);
  }, 20_000);
});
