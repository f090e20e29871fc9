import type { Result } from '../../../shared/domain/index.ts';
import { MAX_JSON_BODY_BYTES, MAX_PUSH_MUTATIONS, type Mutation } from '../../../shared/contracts/http/index.ts';
import type { ApiClient, ApiError } from '../api/http.ts';
import type { AmtsplatzDb, OutboxEntry } from '../db/index.ts';

/** Room left in a push body for the envelope; long notes must not push a batch over the limit. */
const BODY_BUDGET = Math.floor(MAX_JSON_BODY_BYTES * 0.9);

/** The blob an outbox entry needs on the server before it can be applied, if any. */
function blobOf(e: OutboxEntry): string | undefined {
  if (e.name !== 'addDokument' || typeof e.args !== 'object' || e.args === null) return undefined;
  const sha256: unknown = (e.args as { sha256?: unknown }).sha256;
  return typeof sha256 === 'string' ? sha256 : undefined;
}

/**
 * The next pending entries in seq order, at most MAX_PUSH_MUTATIONS and within the body limit.
 * The batch ends before an entry whose blob still waits for upload (attached while the cycle
 * was uploading): the next cycle uploads it first. A blob whose upload failed for good does
 * not hold the outbox up; the server rejects that entry with blob_missing.
 */
export async function nextBatch(db: AmtsplatzDb): Promise<Mutation[]> {
  const pending = await db.outbox
    .orderBy('seq')
    .filter((e) => e.state === 'pending')
    .limit(MAX_PUSH_MUTATIONS)
    .toArray();
  const uploading = new Set(
    (await db.uploads.count()) > 0 ? await db.uploads.filter((u) => u.lastError === undefined).primaryKeys() : [],
  );
  const batch: Mutation[] = [];
  let bytes = 0;
  for (const e of pending) {
    const blob = blobOf(e);
    if (blob !== undefined && uploading.has(blob)) break;
    const m = toMutation(e);
    bytes += new TextEncoder().encode(JSON.stringify(m)).length;
    // Always send at least one, even if alone it is too large: the server answers with 413.
    if (batch.length > 0 && bytes > BODY_BUDGET) break;
    batch.push(m);
  }
  return batch;
}

function toMutation(e: OutboxEntry): Mutation {
  return { seq: e.seq, name: e.name, args: e.args, clientTime: e.clientTime };
}

/**
 * Pushes all pending outbox entries, batch by batch in seq order. Answered entries become
 * 'sent' and stay in the outbox until a pull confirms them (lastMutationSeq), so their
 * optimistic effect stays visible until the server's rows arrive.
 * Returns how many mutations the server answered.
 */
export async function pushPending(
  db: AmtsplatzDb,
  api: ApiClient,
  clientId: string,
  signal?: AbortSignal,
): Promise<Result<number, ApiError>> {
  let answered = 0;
  for (;;) {
    const mutations = await nextBatch(db);
    if (mutations.length === 0) return { ok: true, value: answered };
    const res = await api.call('push', { body: { clientId, mutations }, signal });
    if (!res.ok) return res;
    const seqs = res.value.results.map((r) => r.seq);
    const marked = await db.outbox.where('seq').anyOf(seqs).modify({ state: 'sent' });
    answered += seqs.length;
    // A server that answers none of the batch would have us resend it forever.
    if (marked === 0) return { ok: true, value: answered };
  }
}
