import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Endpoint } from '../../../shared/contracts/http/common.ts';
import type { AppContext } from '../context.ts';
import { authenticate, bearerToken, type Authenticated } from '../modules/auth/sessions.ts';
import { HttpError } from './errors.ts';
import { describeIssues } from './validation.ts';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Returned<S> = S extends z.ZodType ? z.input<S> : undefined;

export interface RouteInput<E extends Endpoint> {
  query: Parsed<NonNullable<E['query']>>;
  body: Parsed<NonNullable<E['body']>>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface AuthedRouteInput<E extends Endpoint> extends RouteInput<E> {
  auth: Authenticated;
}

function parse(where: string, schema: z.ZodType | undefined, value: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (where === 'query' ? {} : undefined));
  if (!result.success) throw new HttpError(400, 'validation_failed', describeIssues(where, result.error));
  return result.data;
}

export async function requireAuth(ctx: AppContext, request: FastifyRequest): Promise<Authenticated> {
  const token = bearerToken(request.headers.authorization);
  const auth = token === undefined ? undefined : await authenticate(ctx.db, token, ctx.clock.now(), ctx.demoMode);
  if (!auth) {
    throw new HttpError(
      401,
      'unauthenticated',
      token === undefined ? 'Missing Bearer token' : 'Session expired, revoked or unknown',
      { 'www-authenticate': 'Bearer' },
    );
  }
  return auth;
}

function register<E extends Endpoint>(
  app: FastifyInstance,
  ctx: AppContext,
  e: E,
  handler: (input: RouteInput<E> & { auth: Authenticated | undefined }) => Promise<unknown>,
): void {
  app.route({
    method: e.method,
    url: e.path,
    handler: async (request, reply) => {
      // Authentication first: an anonymous caller learns nothing about the expected input.
      const auth = e.auth ? await requireAuth(ctx, request) : undefined;
      const query = parse('query', e.query, request.query) as RouteInput<E>['query'];
      const body = parse('body', e.body, request.body) as RouteInput<E>['body'];
      const result = await handler({ query, body, request, reply, auth });
      if (!e.response) return reply.code(204).send();
      if (ctx.validateResponses) {
        const checked = e.response.safeParse(result);
        if (!checked.success) {
          throw new Error(
            `Response of ${e.method} ${e.path} violates its contract: ${describeIssues('response', checked.error)}`,
          );
        }
      }
      return reply.code(200).send(result);
    },
  });
}

/** Registers an endpoint that needs no session; query and body are validated against the contract. */
export function publicRoute<E extends Endpoint>(
  app: FastifyInstance,
  ctx: AppContext,
  e: E,
  handler: (input: RouteInput<E>) => Promise<Returned<E['response']>>,
): void {
  if (e.auth) throw new Error(`${e.path} requires auth; register it with authedRoute`);
  register(app, ctx, e, handler);
}

/** Registers an endpoint that needs a Bearer session (401 otherwise). */
export function authedRoute<E extends Endpoint>(
  app: FastifyInstance,
  ctx: AppContext,
  e: E,
  handler: (input: AuthedRouteInput<E>) => Promise<Returned<E['response']>>,
): void {
  if (!e.auth) throw new Error(`${e.path} is public; register it with publicRoute`);
  register(app, ctx, e, ({ auth, ...rest }) => {
    if (!auth) throw new Error('authenticated route without session');
    return handler({ ...rest, auth });
  });
}
