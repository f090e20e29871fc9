import { DomainError, MAX_DOKUMENT_BYTES, sha256Hex, type Result, type User } from '../../../shared/domain/index.ts';
import { isAllowedMediaType, sanitizeFileName } from '../../../shared/domain/file-names.ts';
import type { AmtsplatzDb } from '../db/index.ts';
import { mutationTables, queueMutation } from '../sync/mutate.ts';

export interface AttachDokumentInput {
  vorgangId: string;
  /** The file's name as the clerk picked it; stored sanitized (shared/domain/file-names.ts). */
  name: string;
  /** One of ALLOWED_MEDIA_TYPES; when the picker reports none, use mediaTypeForName(name). */
  mediaType: string;
  bytes: Uint8Array;
}

export interface AttachedDokument {
  dokumentId: string;
  sha256: string;
}

/** Blob takes only ArrayBuffer-backed views; a view of shared memory is copied. */
function blobPart(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : bytes.slice();
}

function refuse(code: DomainError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Adds a clerk's file to a Vorgang, offline-capable: checks size and type, hashes the bytes,
 * then in ONE transaction pins them in the blob cache, queues their upload (once per hash) and
 * runs `addDokument` like mutate() (optimistic effect + outbox entry). A refusal leaves nothing
 * behind. The sync worker uploads queued blobs before it pushes the outbox, so the server
 * never sees the Dokument before its bytes.
 */
export async function attachDokument(
  db: AmtsplatzDb,
  actor: User,
  input: AttachDokumentInput,
  now: Date = new Date(),
): Promise<Result<AttachedDokument>> {
  const { vorgangId, mediaType, bytes } = input;
  if (bytes.byteLength === 0) return refuse('validation_failed', 'The file is empty');
  if (bytes.byteLength > MAX_DOKUMENT_BYTES) {
    return refuse('payload_too_large', `The file is larger than ${MAX_DOKUMENT_BYTES} bytes`);
  }
  if (!isAllowedMediaType(mediaType)) {
    return refuse('unsupported_media_type', `Media type "${mediaType.slice(0, 127)}" is not allowed`);
  }
  const name = sanitizeFileName(input.name, mediaType);
  const sha256 = await sha256Hex(bytes);
  const dokumentId = crypto.randomUUID();
  const clientTime = now.toISOString();
  const at = now.getTime();
  try {
    await db.transaction('rw', [...mutationTables(db), db.uploads], async () => {
      const cached = await db.blobs.get(sha256);
      if (cached) {
        // Bytes from the server (downloaded, or uploaded earlier) need no second upload.
        await db.blobs.update(sha256, { lastUsed: at });
      } else {
        const blob = new Blob([blobPart(bytes)], { type: mediaType });
        await db.blobs.add({ sha256, bytes: blob, size: bytes.byteLength, mediaType, lastUsed: at, pinned: 1 });
        if ((await db.uploads.get(sha256)) === undefined) {
          await db.uploads.add({ sha256, size: bytes.byteLength, queuedAt: at, attempts: 0 });
        }
      }
      await queueMutation(
        db,
        actor,
        'addDokument',
        { vorgangId, dokumentId, name, mediaType, size: bytes.byteLength, sha256 },
        clientTime,
      );
    });
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, error: e.toJSON() };
    throw e;
  }
  return { ok: true, value: { dokumentId, sha256 } };
}
