import { randomUUID } from 'node:crypto';
import type { NachreichungResponse } from '../../../../shared/contracts/http/intake.ts';
import { MAX_DOKUMENT_BYTES, type Dokument } from '../../../../shared/domain/dokument.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { sanitizeFileName } from '../../../../shared/domain/file-names.ts';
import { vorgang as vorgangSchema, type Vorgang } from '../../../../shared/domain/vorgang.ts';
import { receiveNachreichung as receiveNachreichungCommand } from '../../../../shared/mutators/server-commands.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { saveBlob } from '../blobs/blobs.ts';
import type { BlobSource } from '../blobs/store.ts';
import { applyCommand } from '../sync/commands.ts';

/** Journal actor of changes that intake makes on its own (no clerk, no device). */
export const INTAKE_ACTOR = 'system:intake';

export interface NachreichungInput {
  vorgangId: string;
  /** The applicant's file name, as delivered; stored sanitized. */
  name: string;
  mediaType: string;
  bytes: BlobSource;
  /** Only Vorgänge of this org unit (the delivering account's); unknown and foreign look alike. */
  orgUnitId?: string;
}

async function loadVorgang(q: Queryable, id: string, orgUnitId: string | undefined): Promise<Vorgang> {
  const [row] = await q.query<{ doc: unknown }>('SELECT doc FROM vorgaenge WHERE id = $1', [id]);
  const v = row ? vorgangSchema.parse(row.doc) : undefined;
  if (!v || (orgUnitId !== undefined && v.orgUnitId !== orgUnitId)) {
    throw new DomainError('not_found', `Vorgang ${id} not found`);
  }
  return v;
}

/**
 * A document the applicant submitted later: the bytes go to the blob store, the Dokument
 * (source `nachreichung`) to the Vorgang. If the Vorgang waits on a Nachforderung, the wait
 * ends: back to in_bearbeitung, Nachforderung cleared. Both are journaled as one event of
 * INTAKE_ACTOR without device time, in the transaction of the change.
 *
 * Throws DomainError: unsupported_media_type (type outside the allowed list), not_found,
 * payload_too_large, validation_failed (no bytes).
 */
export async function receiveNachreichung(
  ctx: Pick<AppContext, 'db' | 'blobs' | 'clock' | 'changes' | 'verfahren'>,
  input: NachreichungInput,
): Promise<NachreichungResponse> {
  const name = sanitizeFileName(input.name, input.mediaType);
  // Checked before the bytes are stored, so a wrong id leaves no orphan blob.
  await loadVorgang(ctx.db, input.vorgangId, input.orgUnitId);
  const now = ctx.clock.now();
  const blob = await saveBlob(ctx.db, ctx.blobs, input.bytes, { maxBytes: MAX_DOKUMENT_BYTES }, now);

  const { response, event } = await writeTransaction(ctx.db, async (tx) => {
    // Checked again under the write lock: the org unit's grant decides, as for a clerk.
    const before = await loadVorgang(tx, input.vorgangId, input.orgUnitId);
    const iso = now.toISOString();
    const dokument: Dokument = {
      id: randomUUID(),
      vorgangId: input.vorgangId,
      name,
      mediaType: input.mediaType,
      size: blob.size,
      sha256: blob.sha256,
      source: 'nachreichung',
      uploadedBy: null,
      createdAt: iso,
    };
    const changed = await applyCommand(
      tx,
      ctx,
      receiveNachreichungCommand,
      { vorgangId: input.vorgangId, dokument },
      { actorId: INTAKE_ACTOR, now: iso },
      { actorId: INTAKE_ACTOR, deviceTime: null, serverTime: iso },
    );
    const after = await loadVorgang(tx, input.vorgangId, input.orgUnitId);
    const nachforderungEnded = before.status === 'wartet' && before.nachforderung !== null;
    return { response: { dokument, status: after.status, nachforderungEnded }, event: changed };
  });
  if (event) ctx.changes.committed(event);
  return response;
}
