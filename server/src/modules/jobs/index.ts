import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { LetterAssets } from '../../../../shared/bescheid/letter/index.ts';
import { fileAntragJobHandler } from '../akte/antrag-job.ts';
import { abgabeJobHandler, readAbgabeAnswers } from '../akte/abgabe.ts';
import { dmsAblageJobHandler, startAnswerPolling, startDmsAnswers } from '../akte/dms.ts';
import {
  anbietenJobHandler,
  loeschenJobHandler,
  readArchivAnswers,
  uebergebenJobHandler,
} from '../akte/aussonderung.ts';
import { blobRemovalJobHandler } from '../akte/loeschung.ts';
import { fileVersandvermerkJobHandler } from '../akte/versandvermerk-job.ts';
import { loadLetterAssets } from '../bescheid/seal-service.ts';
import { setUpVolltextWorker } from '../search/index.ts';
import { JobRegistry } from './registry.ts';
import { sealJobHandler } from './seal-job.ts';
import { createJobWorker, type JobWorker, type JobWorkerOptions } from './worker.ts';

export { enqueueSeal, SEAL_JOB_KIND } from './seal-job.ts';
export { enqueueJob } from './store.ts';
export type { JobWorker } from './worker.ts';

/** How buildApp runs jobs: false for no worker at all (a test that drives jobs by hand). */
export type AppJobOptions = Pick<JobWorkerOptions, 'pollMs' | 'leaseMs' | 'workerId' | 'random' | 'afterRun'> & {
  /** Start the loop when the app is ready (default true); false: only runOnce/drain run jobs. */
  autoStart?: boolean;
};

const workers = new WeakMap<FastifyInstance, JobWorker>();

/** The job worker of an app built by buildApp (tests drain it by hand). */
export function jobWorkerOf(app: FastifyInstance): JobWorker {
  const worker = workers.get(app);
  if (!worker) throw new Error('this app has no job worker');
  return worker;
}

/**
 * The app's job worker with the handlers this server can run: the seal job only when a seal
 * is configured (otherwise seal jobs wait, pending, for an instance or restart that has one),
 * the Antrag PDF only when an authority is.
 * It starts when the app is ready and stops, after the running job, when the app closes.
 */
export function setUpJobs(app: FastifyInstance, ctx: AppContext, options: AppJobOptions = {}): JobWorker {
  // Bytes a deletion released are removed wherever the blob store is.
  const handlers = [blobRemovalJobHandler(ctx)];
  if (ctx.seal) handlers.push(sealJobHandler(ctx, ctx.seal));
  // The Antrag PDF names the authority; without one its jobs wait, like seal jobs without a seal.
  if (ctx.authority) {
    let assets: Promise<LetterAssets> | undefined;
    const antragDeps = { ...ctx, authority: ctx.authority, assets: () => (assets ??= loadLetterAssets()) };
    handlers.push(fileAntragJobHandler(antragDeps), fileVersandvermerkJobHandler(antragDeps));
  }
  if (ctx.dms && ctx.authority) {
    const dms = { ...ctx, authority: ctx.authority, connector: ctx.dms };
    handlers.push(dmsAblageJobHandler(dms));
    if (autoStartAnswers(options)) {
      let stop: (() => void) | undefined;
      app.addHook('onReady', async () => {
        stop = startDmsAnswers(dms, app.log);
      });
      app.addHook('onClose', async () => stop?.());
    }
  }
  if (ctx.abgabe && ctx.authority) {
    const abgabe = { ...ctx, authority: ctx.authority, connector: ctx.abgabe };
    handlers.push(abgabeJobHandler(abgabe));
    if (autoStartAnswers(options)) {
      let stop: (() => void) | undefined;
      app.addHook('onReady', async () => {
        stop = startAnswerPolling(() => readAbgabeAnswers(abgabe), app.log, 'answers to Abgaben');
      });
      app.addHook('onClose', async () => stop?.());
    }
  }
  if (ctx.archiv && ctx.authority) {
    const archiv = { ...ctx, authority: ctx.authority, connector: ctx.archiv };
    handlers.push(anbietenJobHandler(archiv), uebergebenJobHandler(archiv), loeschenJobHandler(archiv));
    if (autoStartAnswers(options)) {
      let stop: (() => void) | undefined;
      app.addHook('onReady', async () => {
        stop = startAnswerPolling(() => readArchivAnswers(archiv), app.log, 'archive answers');
      });
      app.addHook('onClose', async () => stop?.());
    }
  }
  const registry = new JobRegistry(handlers);
  const { autoStart = true, ...settings } = options;
  const worker = createJobWorker({ db: ctx.db, registry, clock: ctx.clock, log: app.log, ...settings });
  workers.set(app, worker);
  if (autoStart) {
    app.addHook('onReady', async () => {
      worker.start();
    });
  }
  app.addHook('onClose', async () => {
    await worker.stop();
  });
  // Full-text extraction on a lane of its own (docs/search.md), started after this worker.
  setUpVolltextWorker(app, ctx, options);
  return worker;
}

/** The DMS's answers are read on their own timer only where the worker runs by itself. */
function autoStartAnswers(options: AppJobOptions): boolean {
  return options.autoStart !== false;
}

/**
 * The job options of the environment: only the kill test's hook. AMTSPLATZ_TEST_HOLD_JOBS_MS
 * holds every job that long after its run, before it is recorded, and says so on stdout, so
 * the test can kill the process between a job's effect and its completion.
 */
export function jobOptionsFromEnv(env: NodeJS.ProcessEnv): AppJobOptions | undefined {
  const holdMs = Number(env.AMTSPLATZ_TEST_HOLD_JOBS_MS ?? '0');
  if (!Number.isSafeInteger(holdMs) || holdMs <= 0) return undefined;
  return {
    afterRun: async (job) => {
      console.log(`Test hook: holding job ${job.id} (${job.kind}) for ${holdMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, holdMs));
    },
  };
}
