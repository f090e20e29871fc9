import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../test/backends.ts';
import type { Database } from './database.ts';
import { loadMigrations, migrate } from './migrate.ts';

describeBackends('migration runner', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies every migration once, records it, and is idempotent on restart', async () => {
    const all = await loadMigrations();
    expect(await migrate(db)).toEqual(all.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(rows).toEqual(all.map((m) => ({ version: m.version, name: m.name })));
  });

  it('rolls a failing migration back completely and applies it after the fix', async () => {
    const base = (await loadMigrations()).length;
    const broken = {
      version: base + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
    };
    await expect(migrate(db, [...(await loadMigrations()), broken])).rejects.toThrow(/no_such_function/);
    const tables = await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'");
    expect(tables).toHaveLength(0);
    const fixed = { ...broken, sql: 'CREATE TABLE half_done (id int);' };
    expect(await migrate(db, [...(await loadMigrations()), fixed])).toEqual([base + 1]);
    expect(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'half_done'")).toHaveLength(1);
  });
});

it('refuses migration files with gaps or bad names', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-migrations-'));
  try {
    await writeFile(join(dir, '0001_a.sql'), 'SELECT 1;');
    await writeFile(join(dir, '0003_c.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow('0003_c.sql: expected version 2');
    await rm(join(dir, '0003_c.sql'));
    await writeFile(join(dir, '0002-b.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow('must be named NNNN_name.sql');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
