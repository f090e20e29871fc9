import { z } from 'zod';
import {
  DomainError,
  assertBescheidTransition,
  assertTransition,
  bescheidTransition,
  dokument as dokumentSchema,
  transition,
} from '../domain/index.ts';
import { dmsAblage } from '../domain/akte.ts';
import { assertOpen, touched } from './guards.ts';
import { byBescheidId, byVorgangId, statusChange } from './journal.ts';
import { defineServerCommand } from './types.ts';

/**
 * A document the applicant submitted later (source `nachreichung`), already in the blob store.
 * If the Vorgang waits on a Nachforderung, the wait ends: back to in_bearbeitung.
 */
export const receiveNachreichung = defineServerCommand({
  name: 'receiveNachreichung',
  args: z.object({ vorgangId: z.uuid(), dokument: dokumentSchema }).strict(),
  journal: {
    vorgang: byVorgangId,
    fromTo: 'status',
    // The applicant's file name stays out of the record; the hash identifies the bytes.
    summary: ({ args, before, after }) => ({
      dokumentId: args.dokument.id,
      sha256: args.dokument.sha256,
      size: args.dokument.size,
      mediaType: args.dokument.mediaType,
      ...statusChange({ before, after }),
    }),
  },
  async run(tx, { now }, { vorgangId, dokument }) {
    const v = await tx.get('vorgang', vorgangId);
    if (!v) throw new DomainError('not_found', `Vorgang ${vorgangId} not found`);
    assertOpen(v);
    if (dokument.vorgangId !== v.id || dokument.source !== 'nachreichung') {
      throw new DomainError('validation_failed', 'A Nachreichung is a document of its Vorgang');
    }
    await tx.put('dokument', dokument);
    if (v.status === 'wartet' && v.nachforderung !== null) {
      await tx.put(
        'vorgang',
        touched(transition(v, 'in_bearbeitung', 'receiveNachreichung'), now, { nachforderung: null }),
      );
    }
  },
});

/**
 * The seal service's result: the sealed PDF (already in the blob store) becomes the Bescheid's
 * Dokument, the Bescheid final and the Vorgang bescheid_erstellt. `version` is the Bescheid's
 * version that was rendered: if it changed meanwhile, nothing is recorded.
 */
export const recordSeal = defineServerCommand({
  name: 'sealBescheid',
  args: z.object({ bescheidId: z.uuid(), version: z.number().int().nonnegative(), dokument: dokumentSchema }).strict(),
  journal: {
    vorgang: byBescheidId,
    fromTo: 'status',
    async before(tx, { bescheidId }) {
      const approval = (await tx.get('bescheid', bescheidId))?.approval;
      return { contentHash: approval?.hash ?? null, approvedBy: approval?.by ?? null };
    },
    summary: ({ args }) => ({
      bescheidId: args.bescheidId,
      pdfSha256: args.dokument.sha256,
      dokumentId: args.dokument.id,
    }),
  },
  async run(tx, { now }, { bescheidId, version, dokument }) {
    const b = await tx.get('bescheid', bescheidId);
    if (!b) throw new DomainError('not_found', `Bescheid ${bescheidId} not found`);
    if (b.state === 'gesiegelt') throw new DomainError('conflict', 'The Bescheid is sealed already');
    assertBescheidTransition(b.state, 'gesiegelt', 'sealBescheid');
    if (b.version !== version) throw new DomainError('conflict', 'The Bescheid changed while it was being sealed');
    const v = await tx.get('vorgang', b.vorgangId);
    if (!v) throw new DomainError('not_found', `Vorgang ${b.vorgangId} not found`);
    assertTransition(v.status, 'bescheid_erstellt', 'sealBescheid');
    if (dokument.vorgangId !== v.id || dokument.source !== 'bescheid') {
      throw new DomainError('validation_failed', 'The sealed PDF is a document of the Bescheid’s Vorgang');
    }
    await tx.put('dokument', dokument);
    await tx.put('bescheid', {
      ...bescheidTransition(b, 'gesiegelt', 'sealBescheid'),
      dokumentId: dokument.id,
      version: b.version + 1,
      updatedAt: now,
    });
    await tx.put('vorgang', touched(transition(v, 'bescheid_erstellt', 'sealBescheid'), now, {}));
  },
});

/**
 * The Antrag as the citizen submitted it, rendered as PDF/A at intake (already in the blob
 * store), filed as the first document of the Vorgang. Its id is derived from the Vorgang's, so
 * a repeated run finds it filed and records nothing twice.
 */
export const fileAntrag = defineServerCommand({
  name: 'fileAntrag',
  args: z.object({ vorgangId: z.uuid(), dokument: dokumentSchema }).strict(),
  journal: {
    vorgang: byVorgangId,
    summary: ({ args }) => ({
      dokumentId: args.dokument.id,
      sha256: args.dokument.sha256,
      size: args.dokument.size,
      mediaType: args.dokument.mediaType,
    }),
  },
  async run(tx, _ctx, { vorgangId, dokument }) {
    const v = await tx.get('vorgang', vorgangId);
    if (!v) throw new DomainError('not_found', `Vorgang ${vorgangId} not found`);
    assertOpen(v);
    if (dokument.vorgangId !== v.id || dokument.source !== 'antrag' || dokument.mediaType !== 'application/pdf') {
      throw new DomainError('validation_failed', 'The rendered Antrag is a PDF document of its Vorgang');
    }
    if (await tx.get('dokument', dokument.id)) throw new DomainError('conflict', 'The Antrag is filed already');
    await tx.put('dokument', dokument);
  },
});

/**
 * The Versandvermerk (rendered as PDF/A by the server after a dispatch, already in the blob
 * store), filed as a document of the Vorgang. Its id derives from the Vorgang's, so a repeated
 * run files nothing twice.
 */
export const fileVersandvermerk = defineServerCommand({
  name: 'fileVersandvermerk',
  args: z.object({ vorgangId: z.uuid(), dokument: dokumentSchema }).strict(),
  journal: {
    vorgang: byVorgangId,
    summary: ({ args }) => ({
      dokumentId: args.dokument.id,
      sha256: args.dokument.sha256,
      size: args.dokument.size,
      mediaType: args.dokument.mediaType,
    }),
  },
  async run(tx, _ctx, { vorgangId, dokument }) {
    const v = await tx.get('vorgang', vorgangId);
    if (!v) throw new DomainError('not_found', `Vorgang ${vorgangId} not found`);
    assertOpen(v);
    if (v.status !== 'versandt' || v.versand === null) {
      throw new DomainError('invalid_transition', 'A Versandvermerk is filed for a dispatched Vorgang');
    }
    if (
      dokument.vorgangId !== v.id ||
      dokument.source !== 'versandvermerk' ||
      dokument.mediaType !== 'application/pdf'
    ) {
      throw new DomainError('validation_failed', 'The Versandvermerk is a PDF document of its Vorgang');
    }
    if (await tx.get('dokument', dokument.id)) throw new DomainError('conflict', 'The Versandvermerk is filed already');
    await tx.put('dokument', dokument);
  },
});

/**
 * Where a closed Akte stands in the authority's DMS: delivered (ausstehend), received, filed
 * with the DMS's ID, or refused with the DMS's reason. Recorded by the delivery job and by the
 * reader of the DMS's answers (server/src/modules/akte/dms.ts).
 */
export const recordDmsAblage = defineServerCommand({
  name: 'recordDmsAblage',
  args: z.object({ akteId: z.uuid(), dms: dmsAblage }).strict(),
  journal: {
    vorgang: async (tx, { akteId }) => (await tx.get('akte', akteId))?.vorgangId,
    summary: ({ args }) => ({
      prozessId: args.dms.prozessId,
      dmsState: args.dms.state,
      dmsId: args.dms.dmsId,
      reason: args.dms.grund,
    }),
  },
  async run(tx, { now }, { akteId, dms }) {
    const akte = await tx.get('akte', akteId);
    if (!akte) throw new DomainError('not_found', `Akte ${akteId} not found`);
    if (akte.status !== 'zda') throw new DomainError('invalid_transition', 'Only an Akte z.d.A. is filed into the DMS');
    await tx.put('akte', { ...akte, dms, version: akte.version + 1, updatedAt: now });
  },
});

/** Every command only the server runs, by name (never accepted from a client's push). */
export const serverCommands = {
  receiveNachreichung,
  sealBescheid: recordSeal,
  fileAntrag,
  fileVersandvermerk,
  recordDmsAblage,
} as const;
export type ServerCommandName = keyof typeof serverCommands;
