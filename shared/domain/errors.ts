/**
 * Errors that cross a boundary are values with a stable code and a human message; the
 * code is what clients translate (i18n key `errors.<code>`), the message is for logs and
 * for API users.
 */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'payload_too_large',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'too_many_requests',
  'invalid_transition',
  'not_assignee',
  'already_assigned',
  'unknown_mutation',
  'pruefliste_incomplete',
  'blob_missing',
  'hash_mismatch',
  'unsupported_media_type',
  'four_eyes_violation',
  'stale_content',
  /** The row left the caller's scope (its Vorgang went to another org unit, a grant ended). */
  'out_of_scope',
  /** The Vorgang is verfügt z.d.A.: read-only until a lead's Wiederaufnahme. */
  'closed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
}

/** Thrown by mutators and domain functions; carries a stable code. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
  toJSON(): AppError {
    return { code: this.code, message: this.message };
  }
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E = AppError>(error: E): Result<never, E> => ({ ok: false, error });
