import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateSummary, SigningProblem } from '../../../shared/contracts/ipc/signing.ts';

/** A refusal the user can act on; `reason` says which (see SIGNING_PROBLEMS). */
export class SigningError extends Error {
  readonly reason: SigningProblem;
  constructor(reason: SigningProblem, message: string) {
    super(message);
    this.name = 'SigningError';
    this.reason = reason;
  }
}

/** What a PKCS#12 yields after the checks: an RSA key and the certificate that belongs to it. */
export interface UnlockedIdentity {
  privateKey: forge.pki.rsa.PrivateKey;
  certificate: forge.pki.Certificate;
  /** DER certificates, the signer's first, then its issuers as far as the file holds them. */
  chain: [Uint8Array, ...Uint8Array[]];
}

// PKCS#12 bag types (RFC 7292 §4.2).
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

// forge's wording for "the password did not open it", by the step that noticed.
const MAC_FAILED = 'PKCS#12 MAC could not be verified';
const DECRYPT_FAILED = ['Failed to decrypt PKCS#12 SafeContents', 'Unable to decrypt PKCS#8 ShroudedKeyBag'];

const messageOf = (error: unknown) => (error instanceof Error ? error.message : '');
const isDecryptFailure = (error: unknown) => DECRYPT_FAILED.some((m) => messageOf(error).startsWith(m));

/**
 * Decodes and decrypts a PKCS#12. forge checks the MAC with the password as BMPString (as the
 * standard says) but derives PBES2 keys from the password's UTF-16 code units cut to bytes,
 * while OpenSSL 3 uses its UTF-8 bytes: a password with umlauts then passes the MAC
 * and fails decryption. In that case, and only then, decryption is tried again with the UTF-8
 * bytes, the integrity having been checked already.
 */
function decodePfx(der: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  let pfx: forge.asn1.Asn1;
  try {
    pfx = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')));
  } catch {
    throw new SigningError('invalid_file', 'The file is not a PKCS#12 file');
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(pfx, password);
  } catch (error) {
    if (messageOf(error).startsWith(MAC_FAILED)) throw wrongPassword();
    if (!isDecryptFailure(error)) throw new SigningError('invalid_file', 'The PKCS#12 file could not be read');
    const utf8 = forge.util.encodeUtf8(password);
    if (utf8 !== password && Array.isArray(pfx.value)) {
      try {
        // Without macData: forge would check the MAC with the UTF-8 form, which is not how it was made.
        return forge.pkcs12.pkcs12FromAsn1({ ...pfx, value: pfx.value.slice(0, 2) }, utf8);
      } catch {
        // Not an encoding mismatch after all.
      }
    }
    throw wrongPassword();
  }
}

const wrongPassword = () => new SigningError('wrong_password', 'The password does not open the PKCS#12 file');

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType })[bagType] ?? [];
}

const derOf = (certificate: forge.pki.Certificate): Uint8Array =>
  Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');

function belongsTo(certificate: forge.pki.Certificate, key: forge.pki.rsa.PrivateKey): boolean {
  const publicKey = certificate.publicKey;
  return 'n' in publicKey && publicKey.n.equals(key.n) && publicKey.e.equals(key.e);
}

/** Each issuer of `own` found among the others, in order, stopping at a self-signed one. */
function issuersOf(own: forge.pki.Certificate, all: forge.pki.Certificate[]): Uint8Array[] {
  const chain = [own];
  const rest = all.filter((c) => c !== own);
  for (let current = own; !current.isIssuer(current);) {
    const issuer = rest.find((c) => current.isIssuer(c) && !chain.includes(c));
    if (issuer === undefined) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain.slice(1).map(derOf);
}

/**
 * Opens a PKCS#12 and returns its one RSA key with the certificate that belongs to it. Throws
 * SigningError for everything a user could have got wrong; forge's own messages, which may
 * quote the input, never reach the caller.
 */
export function unlockPkcs12(der: Uint8Array, password: string): UnlockedIdentity {
  const p12 = decodePfx(der, password);
  let keyBags: forge.pkcs12.Bag[];
  let certBags: forge.pkcs12.Bag[];
  try {
    keyBags = [...bagsOf(p12, SHROUDED_KEY_BAG), ...bagsOf(p12, KEY_BAG)];
    certBags = bagsOf(p12, CERT_BAG);
  } catch {
    throw new SigningError('invalid_file', 'The PKCS#12 file could not be read');
  }
  const [keyBag, ...moreKeys] = keyBags;
  if (keyBag === undefined) throw new SigningError('no_private_key', 'The file contains no private key');
  if (moreKeys.length > 0) throw new SigningError('multiple_keys', 'The file contains more than one private key');
  // forge leaves `key` empty for key types it cannot read: everything but RSA.
  const privateKey = keyBag.key;
  if (!privateKey) throw new SigningError('unsupported_key', 'Only RSA keys are supported');
  if (certBags.length === 0) throw new SigningError('no_certificate', 'The file contains no certificate');

  const certificates = certBags.flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const own = certificates.find((c) => belongsTo(c, privateKey));
  if (own === undefined) throw new SigningError('key_mismatch', 'No certificate in the file belongs to the key');
  // forge keeps the parsed certificate only; re-encoding gives the original DER for the RSA
  // certificates it can parse (their TBSCertificate and signature are carried over as read).
  return { privateKey, certificate: own, chain: [derOf(own), ...issuersOf(own, certificates)] };
}

interface KeyUsage {
  digitalSignature?: boolean;
  nonRepudiation?: boolean;
}

/**
 * Refuses a certificate that cannot make a valid signature at `now`. A certificate without a
 * keyUsage extension is refused too: personal signature certificates always restrict it, so
 * its absence means a general-purpose or self-made certificate.
 */
export function assertUsableForSigning(certificate: forge.pki.Certificate, now: Date): void {
  const { notBefore, notAfter } = certificate.validity;
  if (now < notBefore) throw new SigningError('not_yet_valid', 'The certificate is not valid yet');
  if (now > notAfter) throw new SigningError('expired', 'The certificate has expired');
  const usage = certificate.getExtension('keyUsage') as KeyUsage | undefined;
  if (usage?.digitalSignature !== true && usage?.nonRepudiation !== true) {
    throw new SigningError('key_usage', 'The certificate is not meant for signatures');
  }
}

/**
 * forge keeps the value of a parsed name attribute as the raw string bytes; decode them by
 * their ASN.1 type (UTF8String in current certificates, BMPString in some older ones).
 */
function commonName(name: forge.pki.Certificate['subject']): string | null {
  const field = name.getField('CN') as { value?: unknown; valueTagClass?: unknown } | null;
  if (typeof field?.value !== 'string') return null;
  const raw = Buffer.from(field.value, 'binary');
  let text: string;
  if (field.valueTagClass === forge.asn1.Type.UTF8) text = new TextDecoder('utf-8').decode(raw);
  else if (field.valueTagClass === forge.asn1.Type.BMPSTRING) text = new TextDecoder('utf-16be').decode(raw);
  else text = field.value;
  return text.trim() === '' ? null : text;
}

/** The summary shown to the user, read from the DER certificate as stored. */
export function summarize(der: Uint8Array): CertificateSummary {
  const certificate = certificateFromDer(der);
  const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase();
  return {
    subjectCommonName: commonName(certificate.subject),
    issuerCommonName: commonName(certificate.issuer),
    serialNumber: certificate.serialNumber.toUpperCase(),
    notBefore: certificate.validity.notBefore.toISOString(),
    notAfter: certificate.validity.notAfter.toISOString(),
    sha256Fingerprint: fingerprint.replace(/(..)(?!$)/g, '$1:'),
  };
}

export function certificateFromDer(der: Uint8Array): forge.pki.Certificate {
  return forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(der).toString('binary')));
}

/** RSASSA-PKCS1-v1_5 with SHA-256, as the Signer interface promises. */
export function signWith(privateKey: forge.pki.rsa.PrivateKey, data: Uint8Array): Uint8Array {
  const md = forge.md.sha256.create();
  md.update(Buffer.from(data).toString('binary'));
  return Buffer.from(privateKey.sign(md), 'binary');
}
