import { z } from 'zod';

/*
 * The approver's personal signature (PKCS#12) held by the Electron main process. The renderer
 * may import, inspect and remove it; it can never ask main to sign arbitrary bytes, and the
 * private key never leaves main.
 */

/** A PKCS#12 of a personal certificate is a few KiB; anything near this is not one. */
export const MAX_PKCS12_BYTES = 1024 * 1024;
export const MAX_PKCS12_PASSWORD_LENGTH = 1024;

/**
 * Why importing or using the personal signature did not work. A value, not an error code, so
 * the UI can say exactly what is wrong with the file the user chose.
 */
export const SIGNING_PROBLEMS = [
  /** The user closed the file dialog. */
  'canceled',
  'too_large',
  /** Not a PKCS#12 file, or one with parts that cannot be read. */
  'invalid_file',
  'wrong_password',
  'no_private_key',
  'no_certificate',
  'multiple_keys',
  /** Only RSA keys are supported (the CMS builder signs RSASSA-PKCS1-v1_5). */
  'unsupported_key',
  /** No certificate in the file belongs to the private key. */
  'key_mismatch',
  'expired',
  'not_yet_valid',
  /** The certificate is not meant for signatures (neither digitalSignature nor nonRepudiation). */
  'key_usage',
  /** The operating system offers no protected storage for the password (or only a plain-text one). */
  'encryption_unavailable',
  /** The stored password can no longer be decrypted (keyring reset, profile copied to another machine). */
  'password_unavailable',
  /** No personal signature is set up. */
  'not_configured',
] as const;
export const signingProblem = z.enum(SIGNING_PROBLEMS);
export type SigningProblem = z.infer<typeof signingProblem>;

export const certificateSummary = z.object({
  subjectCommonName: z.string().nullable(),
  issuerCommonName: z.string().nullable(),
  /** Upper-case hex, as certificate viewers show it. */
  serialNumber: z.string().regex(/^[0-9A-F]+$/),
  notBefore: z.iso.datetime(),
  notAfter: z.iso.datetime(),
  /** SHA-256 of the DER certificate, upper-case hex pairs separated by colons. */
  sha256Fingerprint: z.string().regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/),
});
export type CertificateSummary = z.infer<typeof certificateSummary>;

export const signingStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }),
  z.object({ state: z.literal('ready'), certificate: certificateSummary }),
]);
export type SigningStatus = z.infer<typeof signingStatus>;

/**
 * Checked by its tag like the contract's documentBytes (contextBridge hands over another
 * realm's Uint8Array); not imported from index.ts, which imports this module.
 */
const pkcs12Bytes = z
  .custom<Uint8Array>(
    (v) => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]',
    'expected a Uint8Array',
  )
  .refine((b) => b.byteLength <= MAX_PKCS12_BYTES, `a PKCS#12 file may have at most ${MAX_PKCS12_BYTES} bytes`);

const pkcs12Password = z.string().max(MAX_PKCS12_PASSWORD_LENGTH);

/**
 * `dialog`: main asks the user for the file with the system dialog (the renderer never sees a
 * path). `bytes`: the renderer read the file itself, e.g. from an `<input type="file">`.
 */
export const signingImportInput = z.discriminatedUnion('source', [
  z.object({ source: z.literal('dialog'), password: pkcs12Password }),
  z.object({ source: z.literal('bytes'), bytes: pkcs12Bytes, password: pkcs12Password }),
]);
export type SigningImportInput = z.infer<typeof signingImportInput>;

export const signingImportResult = z.discriminatedUnion('imported', [
  z.object({ imported: z.literal(true), certificate: certificateSummary }),
  z.object({ imported: z.literal(false), reason: signingProblem }),
]);
export type SigningImportResult = z.infer<typeof signingImportResult>;

/** false: there was nothing to remove. */
export const signingRemoveResult = z.object({ removed: z.boolean() });
export type SigningRemoveResult = z.infer<typeof signingRemoveResult>;

export const signingContract = {
  'signing.status': { input: z.undefined(), output: signingStatus },
  'signing.import': { input: signingImportInput, output: signingImportResult },
  'signing.remove': { input: z.undefined(), output: signingRemoveResult },
} as const;
