import forge from 'node-forge';
import { equalBytes, fromBinary, toBinary, toHex } from './bytes.ts';
import { derBytes, derChildren, derContent, readDer, type DerElement } from './der.ts';
import { PadesError, TimestampError } from './errors.ts';
import { OID } from './oids.ts';
import { certificateIds, sameDer } from './x509.ts';

/*
 * RFC 3161 time-stamps for PAdES B-T: the request a client sends, the response it gets, and the
 * token (a CMS SignedData over a TSTInfo) that ends up as the signature-time-stamp attribute.
 */

/** Obtains an RFC 3161 TimeStampToken (ContentInfo DER) whose messageImprint is `digest` (SHA-256). */
export interface TimeStamper {
  timestamp(digest: Uint8Array): Promise<Uint8Array>;
}

export interface TimeStampTokenInfo {
  /** genTime of the TSTInfo: when the TSA saw the imprint. */
  genTime: Date;
  hashAlgorithm: string;
  imprint: Uint8Array;
  /** Content octets of the nonce INTEGER, null when the request had none. */
  nonce: Uint8Array | null;
  serialNumber: string;
  policy: string;
  /** The TSA certificate from the token (present when the request asked for it with certReq). */
  tsaCertificate: Uint8Array | null;
  /**
   * The token's signer info verifies: its message-digest matches the TSTInfo and the RSA
   * signature over the signed attributes verifies with tsaCertificate. Trust in that
   * certificate is not checked here.
   */
  signatureVerifies: boolean;
}

const { asn1 } = forge;
type Node = forge.asn1.Asn1;
const universal = (type: forge.asn1.Type, constructed: boolean, value: string | Node[]): Node =>
  asn1.create(asn1.Class.UNIVERSAL, type, constructed, value);

const invalid = (what: string) => new TimestampError('tsa_response_invalid', `time-stamp ${what}`);

/**
 * TimeStampReq v1 for a SHA-256 imprint with certReq set, so the token carries the TSA
 * certificate. `nonce` are the content octets of a positive INTEGER (first byte 0x01–0x7f).
 * sha256 carries NULL parameters as `openssl ts -query` writes them: some TSAs reject absent ones.
 */
export function encodeTimeStampRequest(digest: Uint8Array, nonce: Uint8Array): Uint8Array {
  if (digest.length !== 32) throw new TimestampError('tsa_mismatch', 'time-stamp imprint must be SHA-256');
  const request = universal(asn1.Type.SEQUENCE, true, [
    universal(asn1.Type.INTEGER, false, String.fromCharCode(1)),
    universal(asn1.Type.SEQUENCE, true, [
      universal(asn1.Type.SEQUENCE, true, [
        universal(asn1.Type.OID, false, asn1.oidToDer(OID.sha256).getBytes()),
        universal(asn1.Type.NULL, false, ''),
      ]),
      universal(asn1.Type.OCTETSTRING, false, toBinary(digest)),
    ]),
    universal(asn1.Type.INTEGER, false, toBinary(nonce)),
    universal(asn1.Type.BOOLEAN, false, String.fromCharCode(0xff)),
  ]);
  return fromBinary(asn1.toDer(request).getBytes());
}

/** A nonce for encodeTimeStampRequest: 8 random bytes, a positive INTEGER in minimal form. */
export function randomNonce(): Uint8Array {
  const nonce = fromBinary(forge.random.getBytesSync(8));
  nonce[0] = ((nonce[0] ?? 0) & 0x7f) | 0x01;
  return nonce;
}

const FAILURE_NAMES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

export interface TimeStampResponse {
  /** PKIStatus: 0 granted, 1 grantedWithMods, 2 rejection, 3 waiting, 4 revocationWarning, 5 revocationNotification. */
  status: number;
  /** Names of the PKIFailureInfo bits set (RFC 3161 §2.4.2). */
  failInfo: string[];
  /** The TimeStampToken DER exactly as the TSA sent it. */
  token: Uint8Array | null;
}

function smallInteger(element: DerElement | undefined, what: string): number {
  if (element?.tag !== 0x02) throw invalid(`${what} missing`);
  const content = derContent(element);
  if (content.length === 0 || content.length > 4) throw invalid(`${what} out of range`);
  return content.reduce((n, b) => n * 256 + b, 0);
}

function failureBits(element: DerElement): string[] {
  const content = derContent(element);
  const names: string[] = [];
  for (let bit = 0; bit < (content.length - 1) * 8; bit++) {
    const byte = content[1 + Math.floor(bit / 8)] ?? 0;
    if (byte & (0x80 >> (bit % 8))) names.push(FAILURE_NAMES[bit] ?? `bit ${bit}`);
  }
  return names;
}

/** Translates the DER walker's errors: a broken response is the TSA's fault, not the PDF's. */
function decoding<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof PadesError) throw invalid(`${what} is not valid DER (${error.message})`);
    throw error;
  }
}

/** Decodes a TimeStampResp (RFC 3161 §2.4.2). Throws TimestampError tsa_response_invalid. */
export function parseTimeStampResponse(der: Uint8Array): TimeStampResponse {
  return decoding('response', () => {
    const root = readDer(der);
    if (root.tag !== 0x30 || root.end !== der.length) throw invalid('response is not one DER SEQUENCE');
    const [statusInfo, token] = derChildren(root);
    if (statusInfo?.tag !== 0x30) throw invalid('response has no PKIStatusInfo');
    const fields = derChildren(statusInfo);
    const status = smallInteger(fields[0], 'PKIStatus');
    const failInfo = fields.find((f) => f.tag === 0x03);
    if (token && token.tag !== 0x30) throw invalid('token is not a SEQUENCE');
    return {
      status,
      failInfo: failInfo ? failureBits(failInfo) : [],
      token: token ? Uint8Array.from(derBytes(token)) : null,
    };
  });
}

const oidOf = (element: DerElement | undefined): string | null =>
  element?.tag === 0x06 ? forge.asn1.derToOid(toBinary(derContent(element))) : null;

function child(element: DerElement | undefined, index: number, tag: number, what: string): DerElement {
  const found = element ? derChildren(element)[index] : undefined;
  if (found?.tag !== tag) throw invalid(`${what} missing or malformed`);
  return found;
}

function generalizedTime(element: DerElement | undefined): Date {
  if (element?.tag !== 0x18) throw invalid('genTime missing');
  const text = toBinary(derContent(element));
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3})\d*)?Z$/.exec(text);
  if (!m) throw invalid('genTime is not a UTC GeneralizedTime');
  const [, year, month, day, hour, minute, second, fraction = '0'] = m;
  return new Date(
    Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
      Number(fraction.padEnd(3, '0')),
    ),
  );
}

const DIGESTS: Record<string, () => forge.md.MessageDigest> = {
  [OID.sha256]: () => forge.md.sha256.create(),
  [OID.sha384]: () => forge.md.sha384.create(),
  [OID.sha512]: () => forge.md.sha512.create(),
};

function digestOf(algorithm: string | null, data: Uint8Array): forge.md.MessageDigest | null {
  const create = algorithm === null ? undefined : DIGESTS[algorithm];
  if (!create) return null;
  const md = create();
  md.update(toBinary(data));
  return md;
}

/** The token's imprint is the hash of `data` under the token's own hash algorithm. */
export function imprintCovers(info: TimeStampTokenInfo, data: Uint8Array): boolean {
  const md = digestOf(info.hashAlgorithm, data);
  return md !== null && equalBytes(info.imprint, fromBinary(md.digest().getBytes()));
}

/** The token's SignerInfo: message-digest over the TSTInfo, RSA signature over the signed attributes. */
function tokenSignatureVerifies(signerInfo: DerElement, tstInfo: Uint8Array, certificate: Uint8Array | null): boolean {
  if (!certificate) return false;
  const fields = derChildren(signerInfo);
  const digestAlgorithm = oidOf(derChildren(child(signerInfo, 2, 0x30, 'token digestAlgorithm'))[0]);
  const signedAttributes = fields[3];
  const signature = fields[5];
  if (signedAttributes?.tag !== 0xa0 || signature?.tag !== 0x04) return false;
  const messageDigest = derChildren(signedAttributes)
    .map((attribute) => derChildren(attribute))
    .find(([type]) => oidOf(type) === OID.messageDigest)?.[1];
  const expected = digestOf(digestAlgorithm, tstInfo);
  const value = messageDigest ? derChildren(messageDigest)[0] : undefined;
  if (!expected || value?.tag !== 0x04) return false;
  if (!equalBytes(derContent(value), fromBinary(expected.digest().getBytes()))) return false;
  const asSet = Uint8Array.from(derBytes(signedAttributes));
  asSet[0] = 0x31;
  const md = digestOf(digestAlgorithm, asSet);
  try {
    const publicKey = forge.pki.certificateFromAsn1(forge.asn1.fromDer(toBinary(certificate))).publicKey;
    return (
      md !== null &&
      (publicKey as forge.pki.rsa.PublicKey).verify(md.digest().getBytes(), toBinary(derContent(signature)))
    );
  } catch {
    // Not RSA (forge reads no other keys) or an undecodable signature block.
    return false;
  }
}

/**
 * Reads a TimeStampToken: the TSTInfo it signs and whether its signature verifies with the
 * TSA certificate it carries. Throws TimestampError tsa_response_invalid when it is no token.
 */
export function readTimeStampToken(token: Uint8Array): TimeStampTokenInfo {
  return decoding('token', () => {
    const root = readDer(token);
    if (root.end !== token.length) throw invalid('token has trailing bytes');
    if (oidOf(derChildren(root)[0]) !== OID.signedData) throw invalid('token is not a CMS SignedData');
    const signedData = child(child(root, 1, 0xa0, 'token content'), 0, 0x30, 'token SignedData');
    const parts = derChildren(signedData);
    const encap = child(signedData, 2, 0x30, 'token encapContentInfo');
    if (oidOf(derChildren(encap)[0]) !== OID.tstInfo) throw invalid('token does not contain a TSTInfo');
    const tstInfoBytes = derContent(child(child(encap, 1, 0xa0, 'TSTInfo wrapper'), 0, 0x04, 'TSTInfo octets'));
    const tstInfo = readDer(tstInfoBytes);
    if (tstInfo.tag !== 0x30 || tstInfo.end !== tstInfoBytes.length) throw invalid('TSTInfo is not one SEQUENCE');
    const fields = derChildren(tstInfo);
    const imprint = child(tstInfo, 2, 0x30, 'messageImprint');
    const serial = child(tstInfo, 3, 0x02, 'serialNumber');
    const nonce = fields.slice(5).find((f) => f.tag === 0x02);

    const certificatesField = parts.find((p) => p.tag === 0xa0);
    const certificates = certificatesField ? derChildren(certificatesField).map((c) => derBytes(c)) : [];
    const signerInfos = parts[parts.length - 1];
    const signerInfo = signerInfos?.tag === 0x31 ? derChildren(signerInfos)[0] : undefined;
    if (signerInfo?.tag !== 0x30) throw invalid('token has no SignerInfo');
    const sid = derChildren(signerInfo)[1];
    const [issuer, serialNumber] = sid?.tag === 0x30 ? derChildren(sid) : [];
    const tsaCertificate =
      certificates.find((cert) => {
        const ids = certificateIds(cert);
        return issuer && serialNumber && sameDer(ids.issuer, issuer) && sameDer(ids.serialNumber, serialNumber);
      }) ?? null;

    return {
      genTime: generalizedTime(fields[4]),
      hashAlgorithm: oidOf(derChildren(child(imprint, 0, 0x30, 'messageImprint algorithm'))[0]) ?? '?',
      imprint: Uint8Array.from(derContent(child(imprint, 1, 0x04, 'hashedMessage'))),
      nonce: nonce ? Uint8Array.from(derContent(nonce)) : null,
      serialNumber: toHex(derContent(serial)).toUpperCase(),
      policy: oidOf(fields[1]) ?? '?',
      tsaCertificate: tsaCertificate ? Uint8Array.from(tsaCertificate) : null,
      signatureVerifies: tokenSignatureVerifies(signerInfo, tstInfoBytes, tsaCertificate),
    };
  });
}
