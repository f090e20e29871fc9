import type { PullQuery, PullResponse, Rejection, SyncChange } from '../../../../shared/contracts/http/sync.ts';
import type { User } from '../../../../shared/domain/user.ts';
import type { AppContext } from '../../context.ts';
import { BESCHEID_PULL_BRANCH } from '../bescheid/store.ts';
import { claimClient } from './clients.ts';

interface ChangeRow {
  entity: SyncChange['entity'] | 'rejection';
  seq: number;
  doc: unknown;
}

/*
 * One stream, merged by change_seq across the entity tables and this client's rejections.
 * Each branch reads at most `limit` rows through its (scope, change_seq) index, so a page
 * costs O(limit) however large the tables are. Rejections advance the cursor like changes,
 * so each one is delivered exactly once across pages.
 */
const PULL_SQL = `
SELECT entity, seq, doc FROM (
  (SELECT 'vorgang' AS entity, v.change_seq AS seq, v.doc AS doc FROM vorgaenge v
    WHERE v.org_unit_id = $1 AND v.change_seq > $2::bigint ORDER BY v.change_seq LIMIT $3)
  UNION ALL
  (SELECT 'note', n.change_seq, n.doc FROM notes n
    WHERE n.org_unit_id = $1 AND n.change_seq > $2::bigint ORDER BY n.change_seq LIMIT $3)
  UNION ALL
  (SELECT 'dokument', d.change_seq, d.doc FROM dokumente d
    WHERE d.org_unit_id = $1 AND d.change_seq > $2::bigint ORDER BY d.change_seq LIMIT $3)
  UNION ALL
  (SELECT 'absence', a.change_seq, a.doc FROM absences a
    WHERE a.org_unit_id = $1 AND a.change_seq > $2::bigint ORDER BY a.change_seq LIMIT $3)
  UNION ALL
  ${BESCHEID_PULL_BRANCH}
  UNION ALL
  (SELECT 'user', u.change_seq, jsonb_build_object('id', u.id, 'username', u.username,
      'displayName', u.display_name, 'roles', u.roles, 'orgUnitId', u.org_unit_id) FROM users u
    WHERE u.org_unit_id = $1 AND u.change_seq > $2::bigint ORDER BY u.change_seq LIMIT $3)
  UNION ALL
  (SELECT 'rejection', r.change_seq, jsonb_build_object('clientId', r.client_id, 'mutationSeq', r.mutation_seq,
      'name', r.name, 'code', r.code, 'message', r.message,
      'rejectedAt', to_char(r.rejected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM mutation_rejections r
    WHERE r.client_id = $4 AND r.change_seq > $2::bigint ORDER BY r.change_seq LIMIT $3)
) AS c ORDER BY seq LIMIT $3`;

/**
 * Changes visible to the actor (own org unit only) after the cursor. lastMutationSeq is read
 * BEFORE the changes: once the client has pulled to hasMore=false, the effects of every
 * mutation up to lastMutationSeq are in what it pulled.
 */
export async function pull(ctx: AppContext, actor: User, query: PullQuery): Promise<PullResponse> {
  const lastMutationSeq = await claimClient(ctx.db, query.clientId, actor.id, ctx.clock.now());
  const since = query.cursor ?? '0';
  const rows = await ctx.db.query<ChangeRow>(PULL_SQL, [actor.orgUnitId, since, query.limit + 1, query.clientId]);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const changes: SyncChange[] = [];
  const rejections: Rejection[] = [];
  for (const row of page) {
    // Rows were validated against the shared schemas when they were written.
    if (row.entity === 'rejection') rejections.push(row.doc as Rejection);
    else changes.push({ entity: row.entity, value: row.doc } as SyncChange);
  }
  const lastRow = page.at(-1);
  return {
    cursor: lastRow ? String(lastRow.seq) : since,
    changes,
    lastMutationSeq,
    rejections,
    hasMore,
  };
}
