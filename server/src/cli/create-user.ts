import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../../shared/domain/user.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { createUser } from '../modules/auth/users.ts';

const USAGE = `Usage: node server/src/cli/create-user.ts --username NAME --display-name "Full Name"
         --role clerk|lead|registry|admin [--role …] --org-unit ID [--org-unit-name "Name"]
         [--data DIR | --database-url postgres://…]

Creates a user for a real deployment. The password is read from AMTSPLATZ_NEW_PASSWORD or
asked for on the terminal. With PGlite, stop the server first (one process per data dir).`;

function fail(message: string): never {
  console.error(`create-user: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.AMTSPLATZ_NEW_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question('Password: ');
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        username: { type: 'string' },
        'display-name': { type: 'string' },
        role: { type: 'string', multiple: true },
        'org-unit': { type: 'string' },
        'org-unit-name': { type: 'string' },
        data: { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const { username, 'display-name': displayName, 'org-unit': orgUnitId } = values;
  if (!username || !displayName || !orgUnitId) fail('--username, --display-name and --org-unit are required');
  const roles = values.role ?? [];
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknown.length > 0) fail(`--role must be one of ${ROLES.join(', ')}`);
  if (values.data !== undefined && values['database-url'] !== undefined) fail('give either --data or --database-url');

  const password = await readPassword();
  if (password.length < 12) fail('the password must have at least 12 characters');

  const url = values['database-url'] ?? process.env.AMTSPLATZ_DATABASE_URL;
  const db: Database = url
    ? await openPostgres({ url })
    : await openPglite({ dataDir: values.data ?? process.env.AMTSPLATZ_DATA ?? './var/data' });
  try {
    await migrate(db);
    const user = await createUser(db, {
      username,
      displayName,
      roles: roles as Role[],
      orgUnitId,
      passwordHash: await hashPassword(password),
      ...(values['org-unit-name'] === undefined ? {} : { orgUnitName: values['org-unit-name'] }),
    });
    console.log(`Created user ${user.username} (${user.id}) in ${user.orgUnitId} with roles ${user.roles.join(', ')}`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(`create-user: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
