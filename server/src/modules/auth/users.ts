import { user as userSchema, type User } from '../../../../shared/domain/user.ts';
import type { Queryable } from '../../db/database.ts';

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
