import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable } from './database.ts';
import { securePrivateDir } from './private-dir.ts';
import { DATE_OID, INT8_OID, parseDate, parseInt8 } from './database.ts';

/** What the adapter uses of PGlite, which a PGlite transaction has too. */
type PgliteQueryable = Pick<Transaction, 'query' | 'exec'>;

function wrap(q: PgliteQueryable): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await q.query<T>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

/**
 * Embedded PostgreSQL (WASM). One connection: PGlite queues queries behind a running
 * transaction, so transactions never interleave. Without dataDir the database lives in memory.
 */
export async function openPglite(options: { dataDir?: string } = {}): Promise<Database> {
  // Owner-only before and after opening: files PGlite creates follow the process umask, which
  // the server sets (PRIVATE_UMASK); files an earlier run left open are tightened here.
  if (options.dataDir !== undefined) await securePrivateDir(options.dataDir);
  const pg = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    parsers: { [INT8_OID]: parseInt8, [DATE_OID]: parseDate },
  });
  if (options.dataDir !== undefined) await securePrivateDir(options.dataDir);
  const top = wrap(pg);
  return {
    kind: 'pglite',
    query: (sql, params) => top.query(sql, params),
    exec: (sql) => top.exec(sql),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
