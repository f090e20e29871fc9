export type PadesErrorCode =
  'pdf_invalid' | 'signature_too_large' | 'certificate_invalid' | 'key_mismatch' | 'cms_invalid';

/**
 * Signing failures carry a code so the seal service and the desktop keystore can map them to
 * their own error values (shared/domain/errors.ts) without parsing messages.
 */
export class PadesError extends Error {
  readonly code: PadesErrorCode;
  constructor(code: PadesErrorCode, message: string) {
    super(message);
    this.name = 'PadesError';
    this.code = code;
  }
}

export type TimestampErrorCode =
  | 'tsa_unreachable'
  | 'tsa_timeout'
  | 'tsa_http_error'
  | 'tsa_response_too_large'
  | 'tsa_response_invalid'
  | 'tsa_rejected'
  | 'tsa_mismatch';

/**
 * A time-stamp authority failed (RFC 3161, PAdES B-T). Messages name the failure, never the
 * TSA's response body: it is not ours to log and may be anything.
 */
export class TimestampError extends Error {
  readonly code: TimestampErrorCode;
  constructor(code: TimestampErrorCode, message: string) {
    super(message);
    this.name = 'TimestampError';
    this.code = code;
  }
}
