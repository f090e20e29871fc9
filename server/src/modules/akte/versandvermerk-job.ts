import { z } from 'zod';
import { renderVersandvermerkPdf } from '../../../../shared/akte/versandvermerk-pdf.ts';
import { MAX_DOKUMENT_BYTES, type Dokument } from '../../../../shared/domain/dokument.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { sanitizeFileName } from '../../../../shared/domain/file-names.ts';
import { fileVersandvermerk } from '../../../../shared/mutators/server-commands.ts';
import type { Queryable } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { saveBlob } from '../blobs/blobs.ts';
import { defineJobHandler, type JobHandler } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/store.ts';
import { applyCommand } from '../sync/commands.ts';
import { getEntity } from '../sync/entity-store.ts';
import { E_AKTE_ACTOR, type FileAntragDeps } from './antrag-job.ts';
import { derivedUuid } from './derived-id.ts';

export const FILE_VERSANDVERMERK_JOB_KIND = 'file-versandvermerk';
const payload = z.object({ vorgangId: z.uuid() }).strict();

/** The id of a Vorgang's Versandvermerk: derived, so every run of the job names the same row. */
export function versandvermerkDokumentId(vorgangId: string): string {
  return derivedUuid(`versandvermerk-pdf:${vorgangId}`);
}

/** The dispatch's effect: the Versandvermerk's job, in the transaction that records the dispatch. */
export async function enqueueVersandvermerk(tx: Queryable, vorgangId: string): Promise<void> {
  await enqueueJob(tx, { kind: FILE_VERSANDVERMERK_JOB_KIND, idempotencyKey: vorgangId, payload: { vorgangId } });
}

/** Whether the Versandvermerk of the Vorgang is still to be filed (then the z.d.A. waits for it). */
export async function versandvermerkPending(tx: Queryable, vorgangId: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM jobs WHERE kind = $1 AND idempotency_key = $2 AND state IN ('pending', 'running') LIMIT 1`,
    [FILE_VERSANDVERMERK_JOB_KIND, vorgangId],
  );
  return rows.length > 0;
}

/**
 * Renders the Versandvermerk of a dispatched Vorgang (shared/akte/versandvermerk-pdf.ts) and
 * files it through the command pipeline, journaled with its SHA-256; exactly once (derived id).
 */
export function fileVersandvermerkJobHandler(deps: FileAntragDeps): JobHandler {
  return defineJobHandler({
    kind: FILE_VERSANDVERMERK_JOB_KIND,
    payload,
    maxAttempts: 5,
    permanent: ['not_found', 'validation_failed', 'closed', 'invalid_transition'],
    async run(_ctx, { vorgangId }) {
      const id = versandvermerkDokumentId(vorgangId);
      if (await getEntity(deps.db, 'dokument', id)) return;
      const v = await getEntity(deps.db, 'vorgang', vorgangId);
      if (!v) throw new DomainError('not_found', `Vorgang ${vorgangId} not found`);
      if (v.versand === null) throw new DomainError('invalid_transition', `Vorgang ${vorgangId} was not dispatched`);
      const [bescheid] = await deps.db.query<{ name: string; sha256: string }>(
        `SELECT d.doc->>'name' AS name, d.sha256 FROM bescheide b JOIN dokumente d ON d.id = (b.doc->>'dokumentId')::uuid
          WHERE b.vorgang_id = $1 AND b.state = 'gesiegelt' ORDER BY d.doc->>'createdAt' DESC LIMIT 1`,
        [vorgangId],
      );
      if (!bescheid) throw new DomainError('not_found', `Vorgang ${vorgangId} has no sealed Bescheid`);
      const [recorder] = await deps.db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [
        v.versand.recordedBy,
      ]);
      const pdf = await renderVersandvermerkPdf(
        {
          authority: deps.authority,
          aktenzeichen: v.aktenzeichen,
          bescheid,
          versand: { ...v.versand, recordedBy: recorder?.display_name ?? v.versand.recordedBy },
        },
        await deps.assets(),
      );
      const now = deps.clock.now();
      const blob = await saveBlob(deps.db, deps.blobs, pdf, { maxBytes: MAX_DOKUMENT_BYTES }, now);
      const iso = now.toISOString();
      const dokument: Dokument = {
        id,
        vorgangId,
        name: sanitizeFileName(`Versandvermerk-${v.aktenzeichen}.pdf`, 'application/pdf'),
        mediaType: 'application/pdf',
        size: blob.size,
        sha256: blob.sha256,
        source: 'versandvermerk',
        uploadedBy: null,
        // Filed under the time the dispatch was recorded: it is the record of that moment.
        createdAt: v.versand.recordedAt,
      };
      const event = await writeTransaction(deps.db, async (tx) => {
        if (await getEntity(tx, 'dokument', id)) return undefined;
        return applyCommand(
          tx,
          { changes: deps.changes, verfahren: deps.verfahren },
          fileVersandvermerk,
          { vorgangId, dokument },
          { actorId: E_AKTE_ACTOR, now: iso },
          { actorId: E_AKTE_ACTOR, deviceTime: null, serverTime: iso },
        );
      });
      if (event) deps.changes.committed(event);
    },
  });
}
