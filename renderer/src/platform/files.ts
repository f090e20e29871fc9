import type { Result } from '../../../shared/domain/errors.ts';
import {
  MAX_DOKUMENT_BYTES,
  isAllowedMediaType,
  sanitizeFileName,
  type AllowedMediaType,
} from '../../../shared/domain/file-names.ts';
import { sha256Hex } from '../../../shared/domain/sha256.ts';
import type { PlatformFile } from './types.ts';

export interface CheckedFile {
  name: string;
  mediaType: AllowedMediaType;
  bytes: Uint8Array;
  sha256: string;
}

/**
 * The checks both platforms make before a document leaves the renderer: an allowed type, the
 * size limit, and bytes that hash to what the caller expects. Desktop main checks again; this
 * answers early, without sending 50 MiB over IPC to be refused.
 */
export async function checkFile(file: PlatformFile): Promise<Result<CheckedFile>> {
  if (!isAllowedMediaType(file.mediaType)) {
    return { ok: false, error: { code: 'unsupported_media_type', message: 'This document type is not allowed' } };
  }
  // isView rather than instanceof: bytes may come from another realm (the preload's).
  const size = ArrayBuffer.isView(file.bytes) ? file.bytes.byteLength : file.bytes.size;
  if (size > MAX_DOKUMENT_BYTES) {
    return {
      ok: false,
      error: { code: 'payload_too_large', message: `A document may have at most ${MAX_DOKUMENT_BYTES} bytes` },
    };
  }
  const bytes = ArrayBuffer.isView(file.bytes) ? file.bytes : new Uint8Array(await file.bytes.arrayBuffer());
  const sha256 = await sha256Hex(bytes);
  if (file.sha256 !== undefined && file.sha256 !== sha256) {
    return { ok: false, error: { code: 'hash_mismatch', message: 'The bytes do not match their SHA-256' } };
  }
  return {
    ok: true,
    value: { name: sanitizeFileName(file.name, file.mediaType), mediaType: file.mediaType, bytes, sha256 },
  };
}
