import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import type { Database, DatabaseKind } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';

export interface TestBackend {
  kind: DatabaseKind;
  /** A fresh, empty database (not migrated); close() also removes it. */
  open(): Promise<Database>;
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function postgresBackend(adminUrl: string): TestBackend {
  return {
    kind: 'postgres',
    async open() {
      const name = `amtsplatz_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const db = await openPostgres({ url: url.toString() });
      return {
        ...db,
        async close() {
          await db.close();
          await adminQuery(adminUrl, `DROP DATABASE ${name} WITH (FORCE)`);
        },
      };
    },
  };
}

const pgliteBackend: TestBackend = { kind: 'pglite', open: () => openPglite() };

const pgAdminUrl = inject('pgAdminUrl');

/** Every backend the tests run against: PGlite always, PostgreSQL when global setup started one. */
export const backends: TestBackend[] = pgAdminUrl ? [pgliteBackend, postgresBackend(pgAdminUrl)] : [pgliteBackend];

/** describe() once per backend; a missing PostgreSQL shows up as a skipped suite, not silence. */
export function describeBackends(name: string, fn: (backend: TestBackend) => void): void {
  describe.each(backends)(`${name} [$kind]`, fn);
  if (!pgAdminUrl) describe.skip(`${name} [postgres: PostgreSQL not available]`, () => undefined);
}

/** Opens a fresh database with all migrations applied. */
export async function openMigrated(backend: TestBackend): Promise<Database> {
  const db = await backend.open();
  await migrate(db);
  return db;
}

/** Empties every table (keeps the schema) so the tests of one file can share a database. */
export async function resetDatabase(db: Database): Promise<void> {
  const tables = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  if (tables.length > 0) {
    await db.exec(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
  }
  await db.exec('ALTER SEQUENCE change_seq_seq RESTART');
}
