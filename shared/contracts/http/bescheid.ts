import { z } from 'zod';
import { dokument } from '../../domain/dokument.ts';
import { endpoint } from './common.ts';

export const bescheidTrustResponse = z.object({
  /** PEM certificates of the CA(s) the authority's seal chains to: the anchors for in-app verification. */
  caPem: z.string().min(1),
});
export type BescheidTrustResponse = z.infer<typeof bescheidTrustResponse>;

export const bescheidSealQuery = z.object({ bescheidId: z.uuid() }).strict();
export type BescheidSealQuery = z.infer<typeof bescheidSealQuery>;

export const bescheidSealResponse = z.object({
  bescheidId: z.uuid(),
  /** The sealed PDF, a Dokument of the Vorgang (source bescheid); its bytes via GET /api/blobs. */
  dokument,
  /** false: the Bescheid was sealed before this call (the call changed nothing). */
  sealed: z.boolean(),
});
export type BescheidSealResponse = z.infer<typeof bescheidSealResponse>;

/**
 * The authority's seal service (docs/bescheid-freigabe.md). The server seals an approved
 * Bescheid by itself right after the Freigabe; `bescheidSeal` retries that when it failed.
 */
export const bescheidEndpoints = {
  bescheidTrust: endpoint({
    method: 'GET',
    path: '/api/bescheid/trust',
    summary: 'Trust anchors (PEM) for verifying sealed Bescheide (404 without a seal service)',
    auth: true,
    response: bescheidTrustResponse,
  }),
  bescheidSeal: endpoint({
    method: 'POST',
    path: '/api/bescheid/seal',
    summary: 'Seal an approved Bescheid now (its author or a lead of its org unit; idempotent; 409 unless approved)',
    auth: true,
    query: bescheidSealQuery,
    response: bescheidSealResponse,
  }),
};
