import type {
  PullQuery,
  PullResponse,
  Rejection,
  ScopeExit,
  SyncChange,
} from '../../../../shared/contracts/http/sync.ts';
import type { User } from '../../../../shared/domain/user.ts';
import { CASE_WORK_ROLES } from '../../../../shared/mutators/types.ts';
import { ENTITY_NAMES, entities, type EntityName } from '../../../../shared/sync/entities.ts';
import type { AppContext } from '../../context.ts';
import { claimClient } from './clients.ts';
import { granteesOf } from './scopes.ts';

interface ChangeRow {
  entity: EntityName | 'rejection' | 'exit';
  seq: number;
  doc: unknown;
}

/*
 * One stream, merged by change_seq across the entity tables of the registry, the extra grants,
 * the scope exits and this client's rejections. Parameters: $1 org unit, $2 cursor, $3 limit,
 * $4 client id, $5 the actor's grantees. Each owner branch reads at most `limit` rows through
 * its (org_unit_id, change_seq) index, so a page costs O(limit) however large the tables are;
 * the grant branches read the few rows shared with the actor. Rejections and exits advance
 * the cursor like changes, so each one is delivered exactly once across pages.
 */
/**
 * The branch of an entity's rows under the owning org unit's grant ($1 org unit, $2 cursor,
 * $3 limit); for a public entity, every row.
 */
export function ownerBranch(name: EntityName): string {
  const { server, scope } = entities[name];
  const owner = scope.kind === 'public' ? '' : 't.org_unit_id = $1 AND ';
  return `(SELECT '${name}' AS entity, t.change_seq AS seq, ${server.pullDoc ?? 't.doc'} AS doc FROM ${server.table} t
      WHERE ${owner}t.change_seq > $2::bigint ORDER BY t.change_seq LIMIT $3)`;
}

function branches(): string[] {
  const out: string[] = [];
  for (const name of ENTITY_NAMES) {
    const { server, scope } = entities[name];
    const doc = server.pullDoc ?? 't.doc';
    out.push(ownerBranch(name));
    if (name === 'vorgang' || scope.kind === 'vorgang') {
      const key = name === 'vorgang' ? 't.id' : 't.vorgang_id';
      out.push(`(SELECT '${name}', t.change_seq, ${doc} FROM ${server.table} t
        JOIN scope_grants g ON g.vorgang_id = ${key}
       WHERE g.grantee = ANY($5::text[]) AND '${name}' = ANY(g.entities) AND t.org_unit_id <> $1
         AND t.change_seq > $2::bigint ORDER BY t.change_seq LIMIT $3)`);
    }
  }
  // A fresh client ($2 = 0) holds nothing to drop. An exit is skipped while the client still
  // sees the Vorgang (it came back, or another grant shares it).
  out.push(`(SELECT 'exit', e.change_seq, jsonb_build_object('entity', e.entity, 'id', e.row_id) FROM scope_exits e
     WHERE $2::bigint > 0 AND e.grantee = ANY($5::text[]) AND e.change_seq > $2::bigint
       AND NOT EXISTS (SELECT 1 FROM vorgaenge v WHERE v.id = e.vorgang_id AND (v.org_unit_id = $1
         OR EXISTS (SELECT 1 FROM scope_grants g WHERE g.vorgang_id = v.id AND g.grantee = ANY($5::text[])
                    AND e.entity = ANY(g.entities))))
     ORDER BY e.change_seq LIMIT $3)`);
  out.push(`(SELECT 'rejection', r.change_seq, jsonb_build_object('clientId', r.client_id, 'mutationSeq', r.mutation_seq,
      'name', r.name, 'code', r.code, 'message', r.message,
      'rejectedAt', to_char(r.rejected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM mutation_rejections r
    WHERE r.client_id = $4 AND r.change_seq > $2::bigint ORDER BY r.change_seq LIMIT $3)`);
  return out;
}

const PULL_SQL = `SELECT entity, seq, doc FROM (\n${branches().join('\n  UNION ALL\n')}\n) AS c ORDER BY seq LIMIT $3`;

/**
 * Changes visible to the actor after the cursor. lastMutationSeq is read BEFORE the changes:
 * once the client has pulled to hasMore=false, the effects of every mutation up to
 * lastMutationSeq are in what it pulled.
 */
export async function pull(ctx: AppContext, actor: User, query: PullQuery): Promise<PullResponse> {
  const lastMutationSeq = await claimClient(ctx.db, query.clientId, actor.id, ctx.clock.now());
  const since = query.cursor ?? '0';
  // Least privilege: only case work sees case data. Other roles (the intake connector, admins)
  // get the public catalogues and their own rejections: no org unit and no grant matches.
  const caseWork = CASE_WORK_ROLES.some((r) => actor.roles.includes(r));
  const rows = await ctx.db.query<ChangeRow>(PULL_SQL, [
    caseWork ? actor.orgUnitId : null,
    since,
    query.limit + 1,
    query.clientId,
    caseWork ? granteesOf(actor) : [],
  ]);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const changes: SyncChange[] = [];
  const rejections: Rejection[] = [];
  const exits: ScopeExit[] = [];
  for (const row of page) {
    // Rows were validated against the shared schemas when they were written.
    if (row.entity === 'rejection') rejections.push(row.doc as Rejection);
    else if (row.entity === 'exit') exits.push(row.doc as ScopeExit);
    else changes.push({ entity: row.entity, value: row.doc } as SyncChange);
  }
  const lastRow = page.at(-1);
  return {
    cursor: lastRow ? String(lastRow.seq) : since,
    changes,
    lastMutationSeq,
    rejections,
    exits,
    hasMore,
  };
}
