import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { syncEndpoints } from '../../../../shared/contracts/http/sync.ts';
import type { AppContext } from '../../context.ts';
import { latestChangeSeq } from '../../db/write.ts';
import { HttpError } from '../../http/errors.ts';
import { requireAuth } from '../../http/route.ts';
import { BASE_SECURITY_HEADERS } from '../../http/security.ts';
import { sessionUser } from '../auth/sessions.ts';
import type { ChangeEvent } from './events.ts';

/** Tabs and windows of one session each hold a stream (one per tab today); more is abuse. */
export const MAX_STREAMS_PER_TOKEN = 8;

/** Writes unless the stream has ended (an async heartbeat check may finish after a close). */
function send(res: ServerResponse, text: string): void {
  if (!res.writableEnded && !res.destroyed) res.write(text);
}

function poke(res: ServerResponse, cursor: number): void {
  send(res, `event: poke\ndata: ${JSON.stringify({ cursor: String(cursor) })}\n\n`);
}

/**
 * GET /api/sync/events: a `poke` whenever a commit concerns the caller, a `: ping` comment
 * as heartbeat (keeps proxies from closing the stream), and one poke right after connecting
 * so a client that missed pokes while disconnected pulls at once.
 */
export function registerEventsRoute(app: FastifyInstance, ctx: AppContext): void {
  const open = new Set<ServerResponse>();
  const perToken = new Map<string, number>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  const e = syncEndpoints.events;
  app.route({
    method: e.method,
    url: e.path,
    handler: async (request, reply) => {
      const auth = await requireAuth(ctx, request);
      // Each stream holds a connection and a heartbeat query: a token gets a few, not any number.
      const held = perToken.get(auth.tokenHash) ?? 0;
      if (held >= MAX_STREAMS_PER_TOKEN) {
        throw new HttpError(429, 'too_many_requests', `At most ${MAX_STREAMS_PER_TOKEN} event streams per session`);
      }
      perToken.set(auth.tokenHash, held + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const n = (perToken.get(auth.tokenHash) ?? 1) - 1;
        if (n <= 0) perToken.delete(auth.tokenHash);
        else perToken.set(auth.tokenHash, n);
      };
      let initialCursor: number;
      try {
        initialCursor = await latestChangeSeq(ctx.db);
      } catch (error) {
        release();
        throw error;
      }
      reply.hijack();
      const res = reply.raw;
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) res.setHeader(name, value);
      }
      res.writeHead(200, {
        ...BASE_SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        // no-store: the stream names change seqs of personal data; no-transform: proxies pass it on unbuffered.
        'cache-control': 'no-store, no-transform',
        'x-accel-buffering': 'no',
        // The connection ends with the stream: a stream ended at shutdown must not linger as an
        // idle keep-alive connection (Fastify keeps those 72 s), which would stall a graceful stop.
        connection: 'close',
      });
      send(res, 'retry: 5000\n\n');
      poke(res, initialCursor);
      open.add(res);

      const unsubscribe = ctx.changes.subscribe((event: ChangeEvent) => {
        if (
          event.everyone === true ||
          event.orgUnitIds.includes(auth.user.orgUnitId) ||
          event.userIds.includes(auth.user.id)
        ) {
          poke(res, event.cursor);
        }
      });
      // The heartbeat also ends streams whose session was revoked or expired meanwhile.
      const heartbeat = setInterval(() => {
        sessionUser(ctx.db, auth.tokenHash, ctx.clock.now(), ctx.demoMode).then(
          (still) => (still ? send(res, ': ping\n\n') : res.end()),
          () => res.end(),
        );
      }, ctx.sseHeartbeatMs);
      res.on('close', () => {
        release();
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      });
    },
  });
}
