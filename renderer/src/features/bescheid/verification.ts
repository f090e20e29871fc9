import type { PdfSignatureVerification } from '../../../../shared/bescheid/pades/index.ts';

export type VerificationCheck = 'valid' | 'unchanged' | 'chain';

export interface VerificationView {
  /** valid: the whole signature holds; unchanged: the signed bytes are the file; chain: ends at the authority's CA. */
  readonly checks: readonly { readonly check: VerificationCheck; readonly ok: boolean }[];
  readonly valid: boolean;
  /** The seal certificate's holder (its CN, else the whole subject) and serial number. */
  readonly signer: { readonly name: string; readonly subject: string; readonly serial: string } | null;
  /** /M of the signature: claimed by the signer (B-B has no time-stamp). */
  readonly signingTime: string | null;
  /** B-T: the time a time-stamp authority attested, when its token checks out. */
  readonly timestamp: { readonly time: string; readonly authority: string } | null;
  /** The verifier's findings, in English (technical; shown as details). */
  readonly problems: readonly string[];
}

/** One attribute of a subject as verifyPdfSignature writes it ("CN=…, O=…, C=DE"). */
export function subjectAttribute(subject: string, key: string): string | null {
  for (const part of subject.split(/,\s*(?=[A-Za-z0-9.]+=)/)) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === key) return part.slice(at + 1).trim();
  }
  return null;
}

/** What the verification panel shows for a sealed Bescheid. */
export function verificationView(r: PdfSignatureVerification): VerificationView {
  return {
    checks: [
      { check: 'valid', ok: r.valid },
      { check: 'unchanged', ok: r.intact && r.coversWholeDocument },
      { check: 'chain', ok: r.chainTrusted },
    ],
    valid: r.valid,
    signer: r.signer && {
      name: subjectAttribute(r.signer.subject, 'CN') ?? r.signer.subject,
      subject: r.signer.subject,
      serial: r.signer.serial,
    },
    signingTime: r.signingTime?.toISOString() ?? null,
    timestamp:
      r.timestamp?.imprintOk && r.timestamp.tokenSignatureOk
        ? {
            time: r.timestamp.time.toISOString(),
            authority: r.timestamp.authority
              ? (subjectAttribute(r.timestamp.authority, 'CN') ?? r.timestamp.authority)
              : '?',
          }
        : null,
    problems: r.problems,
  };
}
