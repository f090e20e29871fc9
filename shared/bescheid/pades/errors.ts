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
