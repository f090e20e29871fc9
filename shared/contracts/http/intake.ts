import { z } from 'zod';
import { dokument, MAX_DOKUMENT_BYTES } from '../../domain/dokument.ts';
import { vorgangStatus } from '../../domain/status.ts';
import { endpoint } from './common.ts';

export const nachreichungQuery = z
  .object({
    vorgangId: z.uuid(),
    /** The applicant's file name; the server sanitizes it (shared/domain/file-names.ts). */
    name: z.string().min(1).max(200),
    mediaType: z.string().min(1).max(127),
  })
  .strict();
export type NachreichungQuery = z.infer<typeof nachreichungQuery>;

export const nachreichungResponse = z.object({
  dokument,
  /** The Vorgang's status afterwards: in_bearbeitung when the document ended a Nachforderung. */
  status: vorgangStatus,
  nachforderungEnded: z.boolean(),
});
export type NachreichungResponse = z.infer<typeof nachreichungResponse>;

/**
 * Documents the applicant submits later, delivered by the online-service connector (a user
 * with the `registry` role). A document for a Vorgang waiting on a Nachforderung ends the wait.
 */
export const intakeEndpoints = {
  nachreichung: endpoint({
    method: 'POST',
    path: '/api/intake/nachreichung',
    summary: "Add an applicant's later submission to a Vorgang (role registry; ends a Nachforderung)",
    auth: true,
    query: nachreichungQuery,
    binary: { request: { maxBytes: MAX_DOKUMENT_BYTES } },
    response: nachreichungResponse,
  }),
};
