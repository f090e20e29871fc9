import { z } from 'zod';
import { renderAntragPdf } from '../../../../shared/akte/index.ts';
import type { Authority } from '../../../../shared/bescheid/authority.ts';
import type { LetterAssets } from '../../../../shared/bescheid/letter/index.ts';
import { MAX_DOKUMENT_BYTES, type Dokument } from '../../../../shared/domain/dokument.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { sanitizeFileName } from '../../../../shared/domain/file-names.ts';
import type { VerfahrenDef } from '../../../../shared/domain/verfahren.ts';
import { fileAntrag } from '../../../../shared/mutators/server-commands.ts';
import type { Clock } from '../../context.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { saveBlob } from '../blobs/blobs.ts';
import type { BlobStore } from '../blobs/store.ts';
import { getEntity } from '../sync/entity-store.ts';
import { applyCommand } from '../sync/commands.ts';
import type { ChangeFeed } from '../sync/events.ts';
import { defineJobHandler, type JobHandler } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/store.ts';
import { derivedUuid } from './derived-id.ts';

export const FILE_ANTRAG_JOB_KIND = 'file-antrag';
/** The journal actor of the automatic Veraktung. */
export const E_AKTE_ACTOR = 'system:e-akte';

const payload = z.object({ vorgangId: z.uuid() }).strict();

/** The id of a Vorgang's rendered Antrag: derived, so every run of the job names the same row. */
export function antragDokumentId(vorgangId: string): string {
  return derivedUuid(`antrag-pdf:${vorgangId}`);
}

/** Asks for the Antrag PDF of a Vorgang, in the transaction that receives it. */
export async function enqueueFileAntrag(tx: Queryable, vorgangId: string): Promise<void> {
  await enqueueJob(tx, { kind: FILE_ANTRAG_JOB_KIND, idempotencyKey: vorgangId, payload: { vorgangId } });
}

/** The same for many Vorgänge in one statement (bulk intake). */
export async function enqueueFileAntraege(tx: Queryable, vorgangIds: readonly string[]): Promise<void> {
  if (vorgangIds.length === 0) return;
  await tx.query(
    `INSERT INTO jobs (kind, idempotency_key, payload)
     SELECT $1, id, jsonb_build_object('vorgangId', id) FROM jsonb_array_elements_text($2::jsonb) AS t(id)
     ON CONFLICT (kind, idempotency_key) DO NOTHING`,
    [FILE_ANTRAG_JOB_KIND, JSON.stringify(vorgangIds)],
  );
}

export interface FileAntragDeps {
  db: Database;
  blobs: BlobStore;
  clock: Clock;
  changes: ChangeFeed;
  verfahren: readonly VerfahrenDef[];
  authority: Authority;
  /** The fonts and ICC profile, read once when the first Antrag is rendered. */
  assets: () => Promise<LetterAssets>;
}

/**
 * Renders the Antrag from the Antragsdaten as the citizen submitted them (PDF/A, with the
 * receipt time; shared/akte/antrag-pdf.ts) and files it through the command pipeline: a
 * Dokument, journaled with its SHA-256. Exactly once: the Dokument's id is derived from the
 * Vorgang's, and a run that finds it filed completes without a second one. A Vorgang concluded
 * before its job ran keeps what it has (the record is closed).
 */
export function fileAntragJobHandler(deps: FileAntragDeps): JobHandler {
  return defineJobHandler({
    kind: FILE_ANTRAG_JOB_KIND,
    payload,
    maxAttempts: 5,
    permanent: ['not_found', 'validation_failed', 'closed'],
    async run(_ctx, { vorgangId }) {
      const id = antragDokumentId(vorgangId);
      if (await getEntity(deps.db, 'dokument', id)) return;
      const v = await getEntity(deps.db, 'vorgang', vorgangId);
      if (!v) throw new DomainError('not_found', `Vorgang ${vorgangId} not found`);
      const verfahren = deps.verfahren.find((x) => x.id === v.verfahrenId);
      if (!verfahren) throw new DomainError('validation_failed', `Verfahren ${v.verfahrenId} is not loaded`);
      const pdf = await renderAntragPdf(
        {
          authority: deps.authority,
          verfahren,
          aktenzeichen: v.aktenzeichen,
          antragsteller: v.applicant,
          antragsdaten: v.antragsdaten,
          eingangAm: v.receivedAt,
        },
        await deps.assets(),
      );
      const now = deps.clock.now();
      const blob = await saveBlob(deps.db, deps.blobs, pdf, { maxBytes: MAX_DOKUMENT_BYTES }, now);
      const iso = now.toISOString();
      const dokument: Dokument = {
        id,
        vorgangId,
        name: sanitizeFileName(`Antrag-${v.aktenzeichen}.pdf`, 'application/pdf'),
        mediaType: 'application/pdf',
        size: blob.size,
        sha256: blob.sha256,
        source: 'antrag',
        uploadedBy: null,
        // The Antrag is a record of the receipt: filed under the time it arrived.
        createdAt: v.receivedAt,
      };
      const event = await writeTransaction(deps.db, async (tx) => {
        if (await getEntity(tx, 'dokument', id)) return undefined;
        return applyCommand(
          tx,
          { changes: deps.changes, verfahren: deps.verfahren },
          fileAntrag,
          { vorgangId, dokument },
          { actorId: E_AKTE_ACTOR, now: iso },
          { actorId: E_AKTE_ACTOR, deviceTime: null, serverTime: iso },
        );
      });
      if (event) deps.changes.committed(event);
    },
  });
}
