import pg from 'pg';
import type { Database, Queryable } from './database.ts';
import { DATE_OID, INT8_OID, parseDate, parseInt8 } from './database.ts';

/** pg-types' names for what pg hands the lookup: a column's type OID and its wire format. */
type TypeId = Parameters<typeof pg.types.getTypeParser>[0];
type TypeFormat = NonNullable<Parameters<typeof pg.types.getTypeParser>[1]>;
/** A column value parser; pg-types types its own as any. */
type TypeParser = (value: string) => unknown;

/** The parsers PGlite gets too (database.ts); every other type keeps pg's own. */
const ownParsers = new Map<number, TypeParser>([
  [INT8_OID, parseInt8],
  [DATE_OID, parseDate],
]);

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser(oid: TypeId, format?: TypeFormat): TypeParser {
    const own = ownParsers.get(oid);
    if (own) return own;
    return (format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format)) as TypeParser;
  },
};

function wrap(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query({ text: sql, values: [...params], types: typeParsers });
      return result.rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
  };
}

/** PostgreSQL through a connection pool; each transaction holds one pooled connection. */
export async function openPostgres(options: { url: string; maxConnections?: number }): Promise<Database> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
  // Idle clients can fail (server restart); without a listener that would crash the process.
  pool.on('error', () => undefined);
  // Fail at startup, not on the first request, when the URL or credentials are wrong.
  const probe = await pool.connect();
  probe.release();
  const top = wrap(pool);
  return {
    kind: 'postgres',
    query: (sql, params) => top.query(sql, params),
    exec: (sql) => top.exec(sql),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
          client.release();
        } catch (rollbackError) {
          // A connection that cannot roll back must not go back into the pool.
          client.release(rollbackError instanceof Error ? rollbackError : true);
        }
        throw error;
      }
    },
    listen: (channel, onNotify, onReconnect) => listen(options.url, channel, onNotify, onReconnect),
    close: () => pool.end(),
  };
}

const RECONNECT_DELAY_MS = 1000;

async function listen(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
  onReconnect: () => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let current: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    const lost = () => {
      // Only the live connection may trigger a reconnect; a replaced one just goes away.
      if (client !== current || stopped) return;
      current = undefined;
      schedule();
    };
    client.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload !== undefined) onNotify(msg.payload);
    });
    client.on('error', lost);
    client.on('end', lost);
    current = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      current = undefined;
      client.end().catch(() => undefined);
      throw error;
    }
  };
  const schedule = (): void => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(onReconnect, schedule);
    }, RECONNECT_DELAY_MS);
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await current?.end();
  };
}
