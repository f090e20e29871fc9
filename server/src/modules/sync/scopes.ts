import { entities, type EntityName } from '../../../../shared/sync/entities.ts';
import { openParticipants } from '../../../../shared/domain/umlauf.ts';
import type { User } from '../../../../shared/domain/user.ts';
import type { Queryable } from '../../db/database.ts';
import { nextChangeSeq } from '../../db/write.ts';

/**
 * Scopes as grants. A row is visible to the org unit that owns it (its `org_unit_id`) and to
 * the grantees of extra grants on its Vorgang (scope_grants). When a row leaves a grantee's
 * scope, a scope exit is recorded; pull hands it to the grantee's clients, which drop the row.
 */

export type Grantee = `org:${string}` | `user:${string}`;

export const orgGrantee = (orgUnitId: string): Grantee => `org:${orgUnitId}`;
export const userGrantee = (userId: string): Grantee => `user:${userId}`;

/** Everything the actor holds grants as: the own org unit and the person. */
export function granteesOf(actor: Pick<User, 'id' | 'orgUnitId'>): Grantee[] {
  return [orgGrantee(actor.orgUnitId), userGrantee(actor.id)];
}

/** Entities stored under a Vorgang's scope (notes, documents, Bescheide). */
export const VORGANG_SCOPED: readonly EntityName[] = (Object.keys(entities) as EntityName[]).filter(
  (e) => entities[e].scope.kind === 'vorgang',
);

async function recordExit(
  tx: Queryable,
  grantee: Grantee,
  entity: EntityName,
  rowId: string,
  vorgangId: string,
): Promise<number> {
  const seq = await nextChangeSeq(tx);
  await tx.query(
    'INSERT INTO scope_exits (grantee, entity, row_id, vorgang_id, change_seq) VALUES ($1, $2, $3, $4, $5)',
    [grantee, entity, rowId, vorgangId, seq],
  );
  return seq;
}

/**
 * The Vorgang (already written under `to`) moved from org unit `from` to `to`: its rows move
 * along, each with a new change seq so the new unit pulls them, and `from` gets an exit for
 * the Vorgang and each of its rows. Returns the highest change seq used.
 */
export async function moveVorgangScope(tx: Queryable, vorgangId: string, from: string, to: string): Promise<number> {
  const gone = orgGrantee(from);
  let max = await recordExit(tx, gone, 'vorgang', vorgangId, vorgangId);
  for (const entity of VORGANG_SCOPED) {
    const rows = await tx.query<{ id: string }>(
      // A row that names its org unit (a Bescheid) names the new one; the others keep their doc.
      `UPDATE ${entities[entity].server.table} SET org_unit_id = $2, change_seq = nextval('change_seq_seq'),
          doc = CASE WHEN doc ? 'orgUnitId' THEN jsonb_set(doc, '{orgUnitId}', to_jsonb($2::text)) ELSE doc END
        WHERE vorgang_id = $1 RETURNING id`,
      [vorgangId, to],
    );
    for (const { id } of rows) max = await recordExit(tx, gone, entity, id, vorgangId);
  }
  return max;
}

/** Rows of the Vorgang a grant shares, re-announced (new change seq) so the grantee pulls them. */
async function touchShared(tx: Queryable, vorgangId: string, shared: readonly EntityName[]): Promise<number> {
  let max = 0;
  for (const entity of shared) {
    const { table } = entities[entity].server;
    const key = entity === 'vorgang' ? 'id' : 'vorgang_id';
    const rows = await tx.query<{ seq: number }>(
      `UPDATE ${table} SET change_seq = nextval('change_seq_seq') WHERE ${key} = $1 RETURNING change_seq AS seq`,
      [vorgangId],
    );
    for (const r of rows) max = Math.max(max, r.seq);
  }
  return max;
}

/**
 * Grants `grantee` the given rows of the Vorgang (an Umlauf participant: the Vorgang header,
 * the Bescheid, the documents). The rows enter the grantee's scope with a new change seq.
 */
export async function grantVorgang(
  tx: Queryable,
  vorgangId: string,
  grantee: Grantee,
  shared: readonly EntityName[],
  reason: string,
): Promise<number> {
  const seq = await nextChangeSeq(tx);
  await tx.query(
    `INSERT INTO scope_grants (vorgang_id, grantee, entities, reason, change_seq) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (vorgang_id, grantee) DO UPDATE SET entities = EXCLUDED.entities, reason = EXCLUDED.reason,
       change_seq = EXCLUDED.change_seq`,
    [vorgangId, grantee, shared, reason, seq],
  );
  return Math.max(seq, await touchShared(tx, vorgangId, shared));
}

/** Ends a grant: every shared row leaves the grantee's scope. Returns the highest seq used (0: no grant). */
export async function revokeVorgang(tx: Queryable, vorgangId: string, grantee: Grantee): Promise<number> {
  const [grant] = await tx.query<{ entities: EntityName[] }>(
    'DELETE FROM scope_grants WHERE vorgang_id = $1 AND grantee = $2 RETURNING entities',
    [vorgangId, grantee],
  );
  if (!grant) return 0;
  let max = 0;
  for (const entity of grant.entities) {
    const key = entity === 'vorgang' ? 'id' : 'vorgang_id';
    const rows = await tx.query<{ id: string }>(`SELECT id FROM ${entities[entity].server.table} WHERE ${key} = $1`, [
      vorgangId,
    ]);
    for (const { id } of rows) max = await recordExit(tx, grantee, entity, id, vorgangId);
  }
  return max;
}

/**
 * Whether the actor's org unit held the Vorgang and it left (moved to another unit or its grant
 * ended): a command on it is then rejected as `out_of_scope`, not as an unknown Vorgang.
 */
export async function leftScopeOf(
  q: Queryable,
  actor: Pick<User, 'id' | 'orgUnitId'>,
  vorgangId: string,
): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM scope_exits WHERE vorgang_id = $1 AND entity = 'vorgang' AND grantee = ANY($2::text[]) LIMIT 1`,
    [vorgangId, granteesOf(actor)],
  );
  return rows.length > 0;
}

/**
 * The Vorgang leaves every scope it is in (it leaves the authority: Abgabe, Aussonderung): the
 * owning org unit gets an exit for the Vorgang and each of its rows, every extra grantee one
 * for each row its grant shared. Call before the rows are deleted. Returns the highest change
 * seq used and whom to poke.
 */
export async function exitEveryScope(
  tx: Queryable,
  vorgangId: string,
): Promise<{ maxSeq: number; orgUnitIds: string[]; userIds: string[] }> {
  const [v] = await tx.query<{ org_unit_id: string }>('SELECT org_unit_id FROM vorgaenge WHERE id = $1', [vorgangId]);
  if (!v) return { maxSeq: 0, orgUnitIds: [], userIds: [] };
  const grants = await tx.query<{ grantee: Grantee; entities: EntityName[] }>(
    'SELECT grantee, entities FROM scope_grants WHERE vorgang_id = $1 ORDER BY grantee',
    [vorgangId],
  );
  const all: { grantee: Grantee; entities: readonly EntityName[] }[] = [
    { grantee: orgGrantee(v.org_unit_id), entities: ['vorgang', ...VORGANG_SCOPED] },
    ...grants,
  ];
  let maxSeq = 0;
  for (const { grantee, entities: shared } of all) {
    for (const entity of shared) {
      const key = entity === 'vorgang' ? 'id' : 'vorgang_id';
      const rows = await tx.query<{ id: string }>(
        `SELECT id FROM ${entities[entity].server.table} WHERE ${key} = $1 ORDER BY id`,
        [vorgangId],
      );
      for (const { id } of rows) maxSeq = await recordExit(tx, grantee, entity, id, vorgangId);
    }
  }
  const orgUnitIds = all.flatMap((g) => (g.grantee.startsWith('org:') ? [g.grantee.slice(4)] : []));
  const userIds = all.flatMap((g) => (g.grantee.startsWith('user:') ? [g.grantee.slice(5)] : []));
  return { maxSeq, orgUnitIds, userIds };
}

/** What an Umlauf shares with its participants: the Vorgang's header, the draft and the Umlauf. */
export const UMLAUF_SHARED: readonly EntityName[] = ['vorgang', 'bescheid', 'umlauf'];

/**
 * Opens the Umlauf's current step to its participants (docs/umlauf.md): each gets a grant on
 * the Vorgang's shared rows. Grants stay after the step, so the record stays readable; the
 * commands refuse any answer outside the open step. Returns whom to poke.
 */
export async function openUmlaufGrants(
  tx: Queryable,
  umlaufId: string,
): Promise<{ maxSeq: number; orgUnitIds: string[]; userIds: string[] } | undefined> {
  const [row] = await tx.query<{ doc: unknown }>('SELECT doc FROM umlaeufe WHERE id = $1', [umlaufId]);
  if (!row) return undefined;
  const u = entities.umlauf.schema.parse(row.doc);
  let maxSeq = 0;
  const orgUnitIds: string[] = [];
  const userIds: string[] = [];
  for (const p of openParticipants(u)) {
    const grantee = p.kind === 'org' ? orgGrantee(p.id) : userGrantee(p.id);
    maxSeq = Math.max(maxSeq, await grantVorgang(tx, u.vorgangId, grantee, UMLAUF_SHARED, `umlauf:${u.id}`));
    (p.kind === 'org' ? orgUnitIds : userIds).push(p.id);
  }
  return { maxSeq, orgUnitIds, userIds };
}
