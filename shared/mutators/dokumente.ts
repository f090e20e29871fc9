import { z } from 'zod';
import { DomainError, MAX_DOKUMENT_BYTES, sha256Digest } from '../domain/index.ts';
import { sanitizeFileName } from '../domain/file-names.ts';
import { assertMayWork, loadVisible } from './guards.ts';
import { defineMutator } from './types.ts';
import { byVorgangId } from './journal.ts';

/**
 * Adds a clerk's upload to a Vorgang. The blob travels first (PUT /api/blobs, idempotent by
 * hash); the server rejects the metadata while it lacks the bytes.
 */
export const addDokument = defineMutator({
  name: 'addDokument',
  args: z
    .object({
      vorgangId: z.uuid(),
      dokumentId: z.uuid(),
      name: z.string().min(1).max(200),
      mediaType: z.string().min(1).max(127),
      size: z.number().int().min(1).max(MAX_DOKUMENT_BYTES),
      sha256: sha256Digest,
    })
    .strict(),
  journal: {
    vorgang: byVorgangId,
    // The file name stays out (it may name persons); the hash identifies the bytes.
    summary: ({ args }) => ({
      dokumentId: args.dokumentId,
      sha256: args.sha256,
      size: args.size,
      mediaType: args.mediaType,
    }),
  },
  async run(tx, { actor, now }, { vorgangId, dokumentId, name, mediaType, size, sha256 }) {
    const v = await loadVisible(tx, actor, vorgangId);
    await assertMayWork(tx, actor, v, now);
    if (await tx.get('dokument', dokumentId))
      throw new DomainError('conflict', `Dokument ${dokumentId} exists already`);
    // Never trust the sender's name or type: an allowed type, a name safe on every system.
    const safeName = sanitizeFileName(name, mediaType);
    const use = await tx.blobUsable(sha256, mediaType, actor);
    if (use === 'missing') throw new DomainError('blob_missing', `The bytes of ${sha256} were not uploaded`);
    if (use === 'wrong_type') {
      throw new DomainError('unsupported_media_type', `The bytes are not of type ${mediaType}`);
    }
    await tx.put('dokument', {
      id: dokumentId,
      vorgangId,
      name: safeName,
      mediaType,
      size,
      sha256,
      source: 'upload',
      uploadedBy: actor.id,
      createdAt: now,
    });
  },
});
