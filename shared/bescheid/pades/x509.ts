import { equalBytes } from './bytes.ts';
import { derBytes, derChildren, readDer, type DerElement } from './der.ts';
import { PadesError } from './errors.ts';

/** The parts of a certificate a CMS refers to by value, as the exact DER from the certificate. */
export interface CertificateIds {
  issuer: DerElement;
  serialNumber: DerElement;
  subject: DerElement;
}

export function certificateIds(certificateDer: Uint8Array): CertificateIds {
  const certificate = readDer(certificateDer);
  if (certificate.end !== certificateDer.length) {
    throw new PadesError('certificate_invalid', 'certificate has trailing bytes');
  }
  const tbs = derChildren(certificate)[0];
  if (!tbs) throw new PadesError('certificate_invalid', 'certificate without TBSCertificate');
  const fields = derChildren(tbs);
  // The version field is [0] EXPLICIT and only present for v2/v3 certificates.
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serialNumber = fields[offset];
  const issuer = fields[offset + 2];
  const subject = fields[offset + 4];
  if (serialNumber?.tag !== 0x02 || issuer?.tag !== 0x30 || subject?.tag !== 0x30) {
    throw new PadesError('certificate_invalid', 'unexpected TBSCertificate layout');
  }
  return { issuer, serialNumber, subject };
}

export function sameDer(a: DerElement, b: DerElement): boolean {
  return equalBytes(derBytes(a), derBytes(b));
}
