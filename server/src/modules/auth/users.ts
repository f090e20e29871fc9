import { user as userSchema, type User } from '../../../../shared/domain/user.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { nextChangeSeq, writeTransaction } from '../../db/write.ts';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: unknown;
  org_unit_id: string;
}

/** Columns for UserRow, for `SELECT ${USER_COLUMNS} FROM users u`. */
export const USER_COLUMNS = 'u.id, u.username, u.display_name, u.roles, u.org_unit_id';

export function userFromRow(row: UserRow): User {
  return userSchema.parse({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    orgUnitId: row.org_unit_id,
  });
}

export async function getUserById(q: Queryable, id: string): Promise<User | undefined> {
  const [row] = await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
  return row ? userFromRow(row) : undefined;
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: User['roles'];
  orgUnitId: string;
  /** Creates the org unit with this name when it does not exist yet. */
  orgUnitName?: string;
  passwordHash: string;
}

/**
 * Creates a (non-demo) user; id `u-<username>`. The row gets a change seq, so colleagues'
 * clients pull it. Throws a clear Error for a taken username or an unknown org unit.
 */
export async function createUser(db: Database, input: NewUser): Promise<User> {
  const candidate = userSchema.parse({
    id: `u-${input.username.toLowerCase()}`,
    username: input.username.toLowerCase(),
    displayName: input.displayName,
    roles: input.roles,
    orgUnitId: input.orgUnitId,
  });
  return writeTransaction(db, async (tx) => {
    if (input.orgUnitName !== undefined) {
      await tx.query('INSERT INTO org_units (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
        input.orgUnitId,
        input.orgUnitName,
      ]);
    }
    const [unit] = await tx.query('SELECT 1 FROM org_units WHERE id = $1', [input.orgUnitId]);
    if (!unit) throw new Error(`Org unit "${input.orgUnitId}" does not exist (give its name to create it)`);
    const [taken] = await tx.query('SELECT 1 FROM users WHERE username = $1 OR id = $2', [
      candidate.username,
      candidate.id,
    ]);
    if (taken) throw new Error(`Username "${candidate.username}" is taken`);
    await tx.query(
      `INSERT INTO users (id, username, display_name, password_hash, roles, org_unit_id, is_demo, change_seq)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, false, $7)`,
      [
        candidate.id,
        candidate.username,
        candidate.displayName,
        input.passwordHash,
        JSON.stringify(candidate.roles),
        candidate.orgUnitId,
        await nextChangeSeq(tx),
      ],
    );
    return candidate;
  });
}
