import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
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
  /** The unread request body of a `binary.request` endpoint (checked type and announced size). */
  stream: Readable | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** What the handler of a `binary.response` endpoint returns: bytes with their size and headers. */
export class BinaryResponse {
  readonly stream: Readable;
  readonly size: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(stream: Readable, size: number, headers: Record<string, string> = {}) {
    this.stream = stream;
    this.size = size;
    this.headers = headers;
  }
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

const OCTET_STREAM = 'application/octet-stream';

/**
 * The body of a binary upload, unread. Type and announced size are checked before a byte is
 * read; the size of what actually arrives is enforced while reading it (modules/blobs).
 */
function binaryBody(request: FastifyRequest, maxBytes: number): Readable {
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== OCTET_STREAM) {
    throw new HttpError(415, 'unsupported_media_type', `Request body must be ${OCTET_STREAM}`);
  }
  const announced = Number(request.headers['content-length'] ?? '0');
  if (announced > maxBytes) {
    throw new HttpError(413, 'payload_too_large', `A document may have at most ${maxBytes} bytes`);
  }
  return request.body instanceof Readable ? request.body : Readable.from([]);
}

function register<E extends Endpoint>(
  app: FastifyInstance,
  ctx: AppContext,
  e: E,
  handler: (input: RouteInput<E> & { auth: Authenticated | undefined }) => Promise<unknown>,
): void {
  const binaryRequest = e.binary?.request;
  const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    // Authentication first: an anonymous caller learns nothing about the expected input.
    const auth = e.auth ? await requireAuth(ctx, request) : undefined;
    const stream = binaryRequest ? binaryBody(request, binaryRequest.maxBytes) : undefined;
    const query = parse('query', e.query, request.query) as RouteInput<E>['query'];
    const body = (binaryRequest ? undefined : parse('body', e.body, request.body)) as RouteInput<E>['body'];
    const result = await handler({ query, body, stream, request, reply, auth });
    if (e.binary?.response) {
      if (!(result instanceof BinaryResponse)) throw new Error(`${e.method} ${e.path} must answer with bytes`);
      reply.code(200).headers(result.headers).header('content-length', String(result.size)).type(OCTET_STREAM);
      return reply.send(result.stream);
    }
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
  };

  if (!binaryRequest) {
    app.route({ method: e.method, url: e.path, handler: handle });
    return;
  }
  // Content type parsers belong to an encapsulation context: this one hands the raw request
  // stream to this route only, while every other route keeps the JSON parser and its limit.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.route({
      method: e.method,
      url: e.path,
      handler: async (request, reply) => {
        try {
          return await handle(request, reply);
        } catch (error) {
          // Refused before the body was read to its end: close the connection after the answer
          // rather than reading (up to the limit's worth of) bytes nobody wants.
          if (request.body instanceof Readable && !request.body.readableEnded) reply.header('connection', 'close');
          throw error;
        }
      },
    });
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
