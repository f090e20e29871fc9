import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { AppJobOptions } from '../jobs/index.ts';
import { detectTools } from './extract.ts';
import { createVolltextWorker, type VolltextWorker } from './worker.ts';

export { registerSearchRoutes } from './routes.ts';
export type { VolltextWorker } from './worker.ts';

const workers = new WeakMap<FastifyInstance, VolltextWorker>();

/** The full-text worker of an app (tests and the bench drain it by hand). */
export function volltextWorkerOf(app: FastifyInstance): VolltextWorker {
  const worker = workers.get(app);
  if (!worker) throw new Error('this app has no full-text worker');
  return worker;
}

/**
 * The full-text lane of an app that runs jobs (docs/search.md): its own worker beside the
 * durable-job worker, started when the app is ready (unless autoStart is false) and stopped,
 * its running extraction killed, when the app closes. The tools are looked for once, at the
 * first extraction.
 */
export function setUpVolltextWorker(
  app: FastifyInstance,
  ctx: AppContext,
  options: Pick<AppJobOptions, 'pollMs' | 'leaseMs' | 'workerId' | 'random' | 'autoStart'> = {},
): VolltextWorker {
  let tools: ReturnType<typeof detectTools> | undefined;
  const worker = createVolltextWorker({
    db: ctx.db,
    blobs: ctx.blobs,
    clock: ctx.clock,
    log: app.log,
    tools: () => (tools ??= detectTools()),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
    ...(options.workerId === undefined ? {} : { workerId: `${options.workerId}:volltext` }),
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  workers.set(app, worker);
  if (options.autoStart !== false) {
    app.addHook('onReady', async () => {
      worker.start();
    });
  }
  app.addHook('onClose', async () => {
    await worker.stop();
  });
  return worker;
}
