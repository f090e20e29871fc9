import { z } from 'zod';
import { ENTITY_NAMES, entities, type EntityChange, type EntityName, type ScopeExit } from '../../sync/entities.ts';
import { aktenplan } from '../../domain/aktenplan.ts';
import { verfahrenDef } from '../../domain/verfahren.ts';
import { ERROR_CODES } from '../../domain/errors.ts';
import { endpoint } from './common.ts';

export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PUSH_MUTATIONS = 100;

/** Opaque pull cursor (the server's global change sequence, as decimal text). */
export const cursor = z
  .string()
  .regex(/^\d{1,19}$/, 'cursor must be the decimal text the server returned')
  // The change sequence is a PostgreSQL bigint.
  .refine((c) => BigInt(c) <= 9_223_372_036_854_775_807n, 'cursor must be the decimal text the server returned');

export const clientId = z.uuid();

const changeSchemas = ENTITY_NAMES.map((e) => z.object({ entity: z.literal(e), value: entities[e].schema }));

/**
 * A pulled row of one of the registry's entities (shared/sync/entities.ts). The union is built
 * from the registry, so its static type is stated once here rather than inferred per member.
 */
export const syncChange = z.discriminatedUnion(
  'entity',
  changeSchemas as [(typeof changeSchemas)[number], ...typeof changeSchemas],
) as unknown as z.ZodType<SyncChange>;
export type SyncChange = EntityChange;

/** A row that left the user's scope: the client deletes it and what hangs on it. */
export const scopeExit: z.ZodType<ScopeExit> = z.object({
  entity: z.enum(ENTITY_NAMES as [EntityName, ...EntityName[]]),
  id: z.string().min(1).max(64),
});
export type { ScopeExit };

export const rejection = z.object({
  clientId,
  mutationSeq: z.number().int().positive(),
  name: z.string(),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  rejectedAt: z.iso.datetime(),
});
export type Rejection = z.infer<typeof rejection>;

export const pullQuery = z
  .object({
    clientId,
    cursor: cursor.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  })
  .strict();
export type PullQuery = z.infer<typeof pullQuery>;

export const pullResponse = z.object({
  cursor,
  changes: z.array(syncChange),
  /** Highest mutation seq of this client the server has processed (applied or rejected). */
  lastMutationSeq: z.number().int().nonnegative(),
  /** Rejections of this client's mutations recorded after the request's cursor. */
  rejections: z.array(rejection),
  /** Rows that left the user's scope after the cursor, in the same seq order as the changes. */
  exits: z.array(scopeExit),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponse>;

export const mutation = z.object({
  seq: z.number().int().positive(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  /** Device time at which the clerk acted (kept for the journal). */
  clientTime: z.iso.datetime({ offset: true }),
});
export type Mutation = z.infer<typeof mutation>;

export const pushRequest = z
  .object({
    clientId,
    mutations: z.array(mutation).min(1).max(MAX_PUSH_MUTATIONS),
  })
  .strict()
  .refine((r) => r.mutations.every((m, i) => i === 0 || m.seq > (r.mutations[i - 1]?.seq ?? 0)), {
    message: 'mutations must be in strictly increasing seq order',
  });
export type PushRequest = z.infer<typeof pushRequest>;

export const pushResult = z.object({
  seq: z.number().int().positive(),
  /** skipped: already processed earlier (a retried push); nothing was applied twice. */
  status: z.enum(['applied', 'rejected', 'skipped']),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).optional(),
});
export type PushResult = z.infer<typeof pushResult>;

export const pushResponse = z.object({
  results: z.array(pushResult),
  lastMutationSeq: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof pushResponse>;

/** Data of the `poke` server-sent event: there is something new to pull. */
export const pokeEvent = z.object({ cursor });
export type PokeEvent = z.infer<typeof pokeEvent>;

export const syncEndpoints = {
  pull: endpoint({
    method: 'GET',
    path: '/api/sync/pull',
    summary: 'Entity changes visible to the user since a cursor, paged',
    auth: true,
    query: pullQuery,
    response: pullResponse,
  }),
  push: endpoint({
    method: 'POST',
    path: '/api/sync/push',
    summary: 'Apply a client’s mutations exactly once, in seq order',
    auth: true,
    body: pushRequest,
    response: pushResponse,
  }),
  events: endpoint({
    method: 'GET',
    path: '/api/sync/events',
    summary: 'Server-sent events: `poke` when there is something to pull (text/event-stream)',
    auth: true,
  }),
  verfahren: endpoint({
    method: 'GET',
    path: '/api/verfahren',
    summary: 'All Verfahren definitions (field schemas)',
    auth: true,
    response: z.object({ verfahren: z.array(verfahrenDef) }),
  }),
  aktenplan: endpoint({
    method: 'GET',
    path: '/api/aktenplan',
    summary: 'The Aktenplan (file plan), flat in tree order, with retention per leaf',
    auth: true,
    response: z.object({ aktenplan }),
  }),
};
