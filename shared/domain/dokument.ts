import { z } from 'zod';
import { isoDateTime } from './ids.ts';

/** Upper bound for one document (Antrag attachment, upload, Bescheid). */
export const MAX_DOKUMENT_BYTES = 50 * 1024 * 1024;

export const sha256Digest = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

/**
 * Where a document came from: the online application (antrag), a later submission of the
 * applicant (nachreichung, ends a Nachforderung), a clerk's upload, or a generated Bescheid.
 */
/** `versandvermerk`: the record of a Bescheid's dispatch, filed by the server (E-Akte). */
export const DOKUMENT_SOURCES = ['antrag', 'nachreichung', 'upload', 'bescheid', 'versandvermerk'] as const;
export const dokumentSource = z.enum(DOKUMENT_SOURCES);
export type DokumentSource = z.infer<typeof dokumentSource>;

/**
 * A document of a Vorgang: metadata only. The bytes are a content-addressed blob (its
 * SHA-256), synced apart from entities (docs/documents.md); the metadata never changes once
 * written, so a filed document is immutable by construction.
 */
export const dokument = z.object({
  id: z.uuid(),
  vorgangId: z.uuid(),
  /** Sanitized display and download name (shared/domain/file-names.ts). */
  name: z.string().min(1).max(200),
  mediaType: z.string().min(1).max(127),
  size: z.number().int().min(1).max(MAX_DOKUMENT_BYTES),
  sha256: sha256Digest,
  source: dokumentSource,
  /** The uploading user; null for documents from the applicant. */
  uploadedBy: z.string().min(1).max(64).nullable(),
  createdAt: isoDateTime,
});
export type Dokument = z.infer<typeof dokument>;
