import type { ErrorCode } from '../../../shared/domain/errors.ts';

/** An error that becomes an HTTP response `{error:{code,message}}` with the given status. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** HTTP status for a domain error code thrown outside a push (pushes report them per mutation). */
export const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  validation_failed: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  invalid_transition: 409,
  not_assignee: 403,
  already_assigned: 409,
  unknown_mutation: 400,
  pruefliste_incomplete: 409,
  blob_missing: 409,
  hash_mismatch: 400,
  unsupported_media_type: 415,
  four_eyes_violation: 403,
  stale_content: 409,
  out_of_scope: 409,
  closed: 409,
  internal: 500,
};
