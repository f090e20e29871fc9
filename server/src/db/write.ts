import type { Database, Queryable } from './database.ts';

/**
 * Key of the advisory lock every writing transaction holds before it allocates change
 * sequence values. Holding it until commit makes allocation order equal commit order, so a
 * reader that has seen change N has already seen every change below N (docs/sync-protocol.md).
 * It also serialises writers, which rules out lost updates between read and write of a row.
 */
export const WRITE_LOCK_KEY = 0x616d7470_02;

/** A transaction that may write pullable rows: it holds the write lock from its start. */
export async function writeTransaction<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY]);
    return fn(tx);
  });
}

/** Next change sequence value; only valid inside writeTransaction. */
export async function nextChangeSeq(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ seq: number }>(`SELECT nextval('change_seq_seq') AS seq`);
  if (!row) throw new Error('nextval returned no row');
  return row.seq;
}

/** The highest change sequence value allocated so far (0 before the first change). */
export async function latestChangeSeq(q: Queryable): Promise<number> {
  const [row] = await q.query<{ seq: number }>(
    'SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS seq FROM change_seq_seq',
  );
  return row?.seq ?? 0;
}
