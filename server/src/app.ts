import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Writable } from 'node:stream';
import packageJson from '../../package.json' with { type: 'json' };
import { MAX_JSON_BODY_BYTES } from '../../shared/contracts/http/common.ts';
import { endpoints } from '../../shared/contracts/http/index.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import type { Authority } from '../../shared/bescheid/authority.ts';
import type { Aktenplan } from '../../shared/domain/aktenplan.ts';
import type { VerfahrenDef } from '../../shared/domain/verfahren.ts';
import { assertVerfahrenFiled, loadAktenplan } from './modules/akte/aktenplan.ts';
import type { DmsConnector } from './modules/akte/dms.ts';
import { type AppContext, type AppHooks, type Clock, systemClock } from './context.ts';
import type { Database } from './db/database.ts';
import { HttpError, STATUS_OF_CODE } from './http/errors.ts';
import { buildOpenApi } from './http/openapi.ts';
import { publicRoute } from './http/route.ts';
import { registerCors, registerSecurityHeaders } from './http/security.ts';
import { registerAuthRoutes } from './modules/auth/routes.ts';
import { registerAuthorityRoute, registerBescheidRoutes } from './modules/bescheid/routes.ts';
import type { SealService } from './modules/bescheid/seal-service.ts';
import { registerBlobRoutes } from './modules/blobs/routes.ts';
import type { BlobStore } from './modules/blobs/store.ts';
import { registerIntakeRoutes } from './modules/intake/routes.ts';
import { type AppJobOptions, setUpJobs } from './modules/jobs/index.ts';
import { registerJobRoutes } from './modules/jobs/routes.ts';
import { registerAussonderungRoutes } from './modules/akte/aussonderung-routes.ts';
import { registerSearchRoutes } from './modules/search/index.ts';
import { DEFAULT_SESSION_TTL_MS } from './modules/auth/sessions.ts';
import { DEFAULT_THROTTLE, type ThrottleSettings } from './modules/auth/throttle.ts';
import { localChangeFeed, postgresChangeFeed } from './modules/sync/events.ts';
import { registerJournalRoutes } from './modules/journal/routes.ts';
import { registerSyncRoutes } from './modules/sync/routes.ts';

export interface AppOptions {
  db: Database;
  blobs: BlobStore;
  verfahren: readonly VerfahrenDef[];
  /** The file plan (GET /api/aktenplan); default: the shipped resources/aktenplan/aktenplan.json. */
  aktenplan?: Aktenplan;
  clock?: Clock;
  sessionTtlMs?: number;
  throttle?: ThrottleSettings;
  /** Allow the demo accounts to log in (server started with --demo). */
  demoMode?: boolean;
  /** Origins allowed to call /api cross-origin (the desktop app's). */
  corsOrigins?: readonly string[];
  /** Directory of the built web client, served at / with SPA fallback. */
  webRoot?: string;
  /** false: no logging; otherwise pino at this level, optionally into a stream (tests). */
  logger?: false | { level: string; stream?: Writable };
  /** Check every response against its contract (tests; costs CPU on large pulls). */
  validateResponses?: boolean;
  sseHeartbeatMs?: number;
  /** Honour X-Forwarded-For (behind a reverse proxy) for the login throttle's client IP. */
  trustProxy?: boolean;
  hooks?: AppHooks;
  /** Seals approved Bescheide; without it approvals stand unsealed until one is configured. */
  seal?: SealService | undefined;
  /** The authority the clients draft for (`--behoerde`); defaults to the seal service's. */
  authority?: Authority | undefined;
  /** The DMS connector (`--dms-dir`); closed Akten are filed there. */
  dms?: DmsConnector | undefined;
  /** The connector for Abgaben to other authorities (`--abgabe-dir`). */
  abgabe?: DmsConnector | undefined;
  /** The connector to the archive (`--archiv-dir`): the Aussonderung's messages go there. */
  archiv?: DmsConnector | undefined;
  /** Request arrival and idle-connection limits (tests shorten them). */
  timeouts?: { requestMs: number; idleMs: number };
  /** The durable-job worker (docs/operations.md, "Jobs"); false: none in this app. */
  jobs?: false | AppJobOptions;
}

export const SERVER_VERSION: string = packageJson.version;

function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message } });
}

function registerErrorHandling(app: FastifyInstance, webRoot: string | undefined): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) {
      reply.headers(error.headers);
      return sendError(reply, error.status, error.code, error.message);
    }
    if (error instanceof DomainError) return sendError(reply, STATUS_OF_CODE[error.code], error.code, error.message);
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return sendError(
        reply,
        413,
        'payload_too_large',
        `Request body exceeds the limit of ${MAX_JSON_BODY_BYTES} bytes`,
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      return sendError(reply, 400, 'bad_request', 'Request body is not valid JSON');
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return sendError(reply, 400, 'bad_request', 'Request body is empty but Content-Type is application/json');
    }
    if (status === 415) return sendError(reply, 415, 'bad_request', 'Request body must be application/json');
    if (status >= 400 && status < 500) return sendError(reply, status, 'bad_request', error.message);
    // Only type and stack: driver errors can carry row values (personal data) in their details.
    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, 'request failed');
    return sendError(reply, 500, 'internal', 'Internal server error');
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path === '/api' || path.startsWith('/api/');
    if (webRoot !== undefined && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      // SPA fallback: client-side routes resolve to the app shell.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, 404, 'not_found', `No route ${request.method} ${path}`);
  });
}

/** Time a request (headers and body) may take to arrive: a 50 MB upload on a slow office line fits. */
export const REQUEST_TIMEOUT_MS = 300_000;
/** An idle connection closes after this; SSE heartbeats (15 s) keep event streams busy. */
export const CONNECTION_IDLE_TIMEOUT_MS = 120_000;

/** The HTTP application (not listening): routes from the shared endpoint contracts. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const aktenplan = options.aktenplan ?? (await loadAktenplan());
  // Refuse to start with a Verfahren whose Akten would have no place (and no retention).
  assertVerfahrenFiled(options.verfahren, aktenplan);
  const logger = options.logger ?? { level: 'info' };
  const app = Fastify({
    bodyLimit: MAX_JSON_BODY_BYTES,
    // A request must arrive within this time, and an idle connection closes: a stalled body
    // cannot hold a connection (or graceful shutdown) for good. The event stream writes a
    // heartbeat far more often than the idle limit.
    requestTimeout: options.timeouts?.requestMs ?? REQUEST_TIMEOUT_MS,
    connectionTimeout: options.timeouts?.idleMs ?? CONNECTION_IDLE_TIMEOUT_MS,
    // One reverse proxy in front: the client is the address it saw, the right-most entry of
    // X-Forwarded-For. Trusting every hop would take the left-most one, which the client writes.
    trustProxy: options.trustProxy === true ? (_address: string, hop: number) => hop === 0 : false,
    logger:
      logger === false
        ? false
        : {
            level: logger.level,
            ...(logger.stream ? { stream: logger.stream } : {}),
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
            // Query strings can carry personal data (a Nachreichung's file name): log the path only.
            serializers: {
              req: (req: { method: string; url: string; id: string }) => ({
                method: req.method,
                url: req.url.split('?', 1)[0] ?? '',
                reqId: req.id,
              }),
            },
          },
  });

  const ctx: AppContext = {
    db: options.db,
    blobs: options.blobs,
    clock: options.clock ?? systemClock,
    sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    throttle: options.throttle ?? DEFAULT_THROTTLE,
    demoMode: options.demoMode ?? false,
    verfahren: options.verfahren,
    aktenplan,
    // On PostgreSQL pokes go through LISTEN/NOTIFY, so several instances can share one database.
    changes:
      options.db.kind === 'postgres' && options.db.listen ? await postgresChangeFeed(options.db) : localChangeFeed(),
    sseHeartbeatMs: options.sseHeartbeatMs ?? 15_000,
    validateResponses: options.validateResponses ?? false,
    hooks: options.hooks ?? {},
    seal: options.seal,
    authority: options.authority ?? options.seal?.authority,
    dms: options.dms,
    abgabe: options.abgabe,
    archiv: options.archiv,
  };
  if (ctx.dms && !ctx.authority?.behoerdenkennung) {
    throw new Error('A DMS connector needs an authority with a Behördenkennung (--behoerde) for the xdomea messages');
  }
  if (ctx.archiv && (!ctx.authority?.behoerdenkennung || !ctx.authority.archiv)) {
    throw new Error('An archive connector needs an authority with a Behördenkennung and an archiv (--behoerde)');
  }
  if (ctx.abgabe && !ctx.authority?.behoerdenkennung) {
    throw new Error('Abgaben need an authority with a Behördenkennung (--behoerde) for the xdomea messages');
  }

  // JSON only: a text/plain POST is a CORS "simple request" a foreign page could send unchecked.
  app.removeContentTypeParser('text/plain');
  // Before the change feed closes: the running job may still announce its changes.
  if (options.jobs !== false) setUpJobs(app, ctx, options.jobs);
  app.addHook('onClose', () => ctx.changes.close());
  registerSecurityHeaders(app);
  registerCors(app, options.corsOrigins ?? []);
  registerErrorHandling(app, options.webRoot);

  publicRoute(app, ctx, endpoints.health, async () => {
    await ctx.db.query('SELECT 1');
    return { status: 'ok' as const, version: SERVER_VERSION, database: ctx.db.kind };
  });
  const openApi = buildOpenApi(endpoints, SERVER_VERSION);
  app.route({ method: endpoints.openapi.method, url: endpoints.openapi.path, handler: async () => openApi });
  registerAuthRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerJournalRoutes(app, ctx);
  registerBlobRoutes(app, ctx);
  registerIntakeRoutes(app, ctx);
  registerAuthorityRoute(app, ctx);
  registerBescheidRoutes(app, ctx, ctx.seal);
  registerJobRoutes(app, ctx);
  registerAussonderungRoutes(app, ctx);
  registerSearchRoutes(app, ctx);

  if (options.webRoot !== undefined) {
    await app.register(fastifyStatic, { root: options.webRoot, prefix: '/', wildcard: true });
  }
  return app;
}
