import type { Queryable } from '../../db/database.ts';
import { HttpError } from '../../http/errors.ts';

/**
 * Binds a client id to the first user who uses it and returns its last processed mutation
 * seq. Another user's client id is refused: its outbox state and rejections are private.
 */
export async function claimClient(q: Queryable, clientId: string, userId: string, now: Date): Promise<number> {
  await q.query(
    `INSERT INTO sync_clients (client_id, user_id, last_mutation_seq, updated_at) VALUES ($1, $2, 0, $3)
     ON CONFLICT (client_id) DO NOTHING`,
    [clientId, userId, now.toISOString()],
  );
  const [row] = await q.query<{ user_id: string; last_mutation_seq: number }>(
    'SELECT user_id, last_mutation_seq FROM sync_clients WHERE client_id = $1',
    [clientId],
  );
  if (!row) throw new Error(`sync client ${clientId} vanished`);
  if (row.user_id !== userId) throw new HttpError(403, 'forbidden', 'This clientId belongs to another user');
  return row.last_mutation_seq;
}

export async function lastMutationSeq(q: Queryable, clientId: string): Promise<number> {
  const [row] = await q.query<{ last_mutation_seq: number }>(
    'SELECT last_mutation_seq FROM sync_clients WHERE client_id = $1',
    [clientId],
  );
  return row?.last_mutation_seq ?? 0;
}

export async function setLastMutationSeq(q: Queryable, clientId: string, seq: number, now: Date): Promise<void> {
  await q.query('UPDATE sync_clients SET last_mutation_seq = $2, updated_at = $3 WHERE client_id = $1', [
    clientId,
    seq,
    now.toISOString(),
  ]);
}
