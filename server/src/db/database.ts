/** What every query site needs: parameterised SQL ($1, $2, …) returning typed rows. */
export interface Queryable {
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * The server's only view of its database: embedded PGlite or PostgreSQL behind the same
 * interface, so every query, migration and test runs unchanged on both.
 */
export interface Database extends Queryable {
  readonly kind: DatabaseKind;
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL only: LISTEN on a channel over a dedicated connection that reconnects by
   * itself; onReconnect runs after a reconnect (notifications may have been missed meanwhile).
   * Resolves to a function that stops listening.
   */
  listen?(channel: string, onNotify: (payload: string) => void, onReconnect: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Both adapters parse these types the same way: bigint as number (change sequences stay far
 * below 2^53, and a value above it must fail loudly rather than lose precision) and date as
 * its YYYY-MM-DD text (a JS Date would shift it by the process time zone).
 */
export const INT8_OID = 20;
export const DATE_OID = 1082;

export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint value ${text} exceeds the safe integer range`);
  return n;
}

export const parseDate = (text: string): string => text;
