import { z } from 'zod';
import type { Database, Queryable } from '../../db/database.ts';
import { latestChangeSeq } from '../../db/write.ts';

/** A committed change, announced to the SSE connections that may see it. */
export interface ChangeEvent {
  /** Highest change sequence value of the commit. */
  cursor: number;
  /** Org units whose members can pull something new. */
  orgUnitIds: readonly string[];
  /** Users with something new of their own (rejections of their mutations). */
  userIds: readonly string[];
  /** Everyone should pull (events may have been missed, e.g. after a reconnect). */
  everyone?: boolean | undefined;
}

export type ChangeListener = (event: ChangeEvent) => void;

/**
 * How commits reach the SSE connections. Writers call announce() inside their transaction
 * and committed() after the commit; SSE connections subscribe().
 */
export interface ChangeFeed {
  announce(tx: Queryable, event: ChangeEvent): Promise<void>;
  committed(event: ChangeEvent): void;
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}

class Listeners {
  readonly #set = new Set<ChangeListener>();
  subscribe(listener: ChangeListener): () => void {
    this.#set.add(listener);
    return () => this.#set.delete(listener);
  }
  publish(event: ChangeEvent): void {
    for (const listener of this.#set) listener(event);
  }
}

/** One server instance: commits are fanned out in process. */
export function localChangeFeed(): ChangeFeed {
  const listeners = new Listeners();
  return {
    announce: async () => undefined,
    committed: (event) => listeners.publish(event),
    subscribe: (listener) => listeners.subscribe(listener),
    close: async () => undefined,
  };
}

export const CHANGE_CHANNEL = 'amtsplatz_changes';

const changeEvent = z.object({
  cursor: z.number().int().nonnegative(),
  orgUnitIds: z.array(z.string()),
  userIds: z.array(z.string()),
  everyone: z.boolean().optional(),
});

/**
 * Several server instances on one PostgreSQL: writers pg_notify inside their transaction
 * (PostgreSQL delivers it only if the transaction commits, in commit order), and every
 * instance, including the writer's own, relays what it hears to its SSE connections.
 */
export async function postgresChangeFeed(db: Database): Promise<ChangeFeed> {
  if (!db.listen) throw new Error('postgresChangeFeed needs a database with listen()');
  const listeners = new Listeners();
  const stop = await db.listen(
    CHANGE_CHANNEL,
    (payload) => {
      let parsed;
      try {
        parsed = changeEvent.safeParse(JSON.parse(payload));
      } catch {
        return;
      }
      if (parsed.success) listeners.publish(parsed.data);
    },
    () => {
      latestChangeSeq(db).then(
        (cursor) => listeners.publish({ cursor, orgUnitIds: [], userIds: [], everyone: true }),
        () => undefined,
      );
    },
  );
  return {
    async announce(tx, event) {
      await tx.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(event)]);
    },
    committed: () => undefined,
    subscribe: (listener) => listeners.subscribe(listener),
    close: stop,
  };
}
