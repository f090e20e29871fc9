import { z } from 'zod';
import { MAX_DOKUMENT_BYTES, sha256Digest } from '../../domain/dokument.ts';
import { endpoint } from './common.ts';

export const blobQuery = z.object({ sha256: sha256Digest }).strict();
export type BlobQuery = z.infer<typeof blobQuery>;

export const blobUploadResponse = z.object({
  sha256: sha256Digest,
  size: z.number().int().positive(),
  /** false: the server had these bytes already (a retried or duplicate upload). */
  created: z.boolean(),
});
export type BlobUploadResponse = z.infer<typeof blobUploadResponse>;

/**
 * Content-addressed document bytes (docs/documents.md). Uploads are idempotent by hash: the
 * server hashes what it receives and refuses bytes that do not match the query's SHA-256.
 * Downloads are allowed when a Dokument of the user's org unit references the hash.
 */
export const blobEndpoints = {
  blobUpload: endpoint({
    method: 'PUT',
    path: '/api/blobs',
    summary: 'Store the bytes of a document under their SHA-256 (idempotent)',
    auth: true,
    query: blobQuery,
    binary: { request: { maxBytes: MAX_DOKUMENT_BYTES } },
    response: blobUploadResponse,
  }),
  blobDownload: endpoint({
    method: 'GET',
    path: '/api/blobs',
    summary: 'The bytes of a document of the own org unit (application/octet-stream)',
    auth: true,
    query: blobQuery,
    binary: { response: true },
  }),
};
