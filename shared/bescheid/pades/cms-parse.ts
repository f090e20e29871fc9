import forge from 'node-forge';
import { compareBytes, equalBytes, toBinary } from './bytes.ts';
import { sha256 } from './cms.ts';
import { derBytes, derChildren, derContent, readDer, type DerElement } from './der.ts';
import { PadesError } from './errors.ts';
import { OID } from './oids.ts';
import { certificateIds, sameDer } from './x509.ts';

/** What verification needs from a CAdES signature, plus the PAdES B-B rules it breaks. */
export interface ParsedCades {
  /** The signed attributes re-tagged as SET (0x31): the bytes the signature covers. */
  signedAttributes: Uint8Array;
  signature: Uint8Array;
  messageDigest: Uint8Array | null;
  signerCertificate: Uint8Array | null;
  /** Certificates from the CMS above the signer, in issuing order (issuer of the signer first). */
  chainAbove: Uint8Array[];
  /** The unsigned signature-time-stamp attribute's token (B-T), exactly as embedded. */
  signatureTimeStampToken: Uint8Array | null;
  problems: string[];
}

/** The first signature-time-stamp token among the unsigned attributes ([1] IMPLICIT SET). */
function signatureTimeStampToken(field: DerElement | undefined, problems: string[]): Uint8Array | null {
  if (!field) return null;
  if (field.tag !== 0xa1) {
    problems.push('unexpected SignerInfo field after the signature');
    return null;
  }
  const tokens = derChildren(field)
    .filter((attribute) => oidOf(derChildren(attribute)[0]) === OID.signatureTimeStampToken)
    .flatMap((attribute) => derChildren(child(attribute, 1, 0x31, 'unsigned attribute values')));
  if (tokens.length > 1) problems.push('more than one signature time-stamp: only the first is checked');
  const [first] = tokens;
  return first ? Uint8Array.from(derBytes(first)) : null;
}

const oidOf = (element: DerElement | undefined): string | null =>
  element?.tag === 0x06 ? forge.asn1.derToOid(toBinary(derContent(element))) : null;

function child(element: DerElement | undefined, index: number, tag: number, what: string): DerElement {
  const found = element ? derChildren(element)[index] : undefined;
  if (found?.tag !== tag) throw new PadesError('cms_invalid', `${what} missing or malformed`);
  return found;
}

/** Orders the other certificates from the signer upwards by issuer/subject names. */
function chainAbove(signer: Uint8Array, certificates: Uint8Array[]): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let current = signer;
  for (;;) {
    const ids = certificateIds(current);
    if (sameDer(ids.issuer, ids.subject)) return chain;
    const issuer = certificates.find(
      (candidate) =>
        !chain.includes(candidate) && candidate !== current && sameDer(certificateIds(candidate).subject, ids.issuer),
    );
    if (!issuer) return chain;
    chain.push(issuer);
    current = issuer;
  }
}

/** RFC 5035 ESSCertIDv2 of the first entry must name the signer certificate. */
function checkSigningCertificateV2(value: DerElement, signerCertificate: Uint8Array | null, problems: string[]) {
  const certs = child(value, 0, 0x30, 'SigningCertificateV2.certs');
  const first = child(certs, 0, 0x30, 'ESSCertIDv2');
  const fields = derChildren(first);
  let at = 0;
  if (fields[0]?.tag === 0x30) {
    if (oidOf(derChildren(fields[0])[0]) !== OID.sha256)
      problems.push('signing-certificate-v2 uses a hash other than SHA-256');
    at = 1;
  }
  const certHash = fields[at];
  const issuerSerial = fields[at + 1];
  if (!signerCertificate) return;
  if (certHash?.tag !== 0x04 || !equalBytes(derContent(certHash), sha256(signerCertificate))) {
    problems.push('signing-certificate-v2 does not match the signer certificate');
    return;
  }
  if (issuerSerial) {
    const ids = certificateIds(signerCertificate);
    const directoryName = derChildren(child(issuerSerial, 0, 0x30, 'IssuerSerial.issuer'))[0];
    const name = directoryName?.tag === 0xa4 ? derChildren(directoryName)[0] : undefined;
    const serial = derChildren(issuerSerial)[1];
    if (!name || !serial || !sameDer(name, ids.issuer) || !sameDer(serial, ids.serialNumber)) {
      problems.push('signing-certificate-v2 issuerSerial does not match the signer certificate');
    }
  }
}

/**
 * Decodes a detached CMS SignedData as found in /Contents (zero padding after the DER is
 * ignored). Throws PadesError when the structure cannot be read at all; rule violations that
 * still allow checking the rest are collected in `problems`.
 */
export function parseCadesSignature(contents: Uint8Array): ParsedCades {
  const problems: string[] = [];
  // Children are read within root's bounds, so the zero padding after it is never looked at.
  const root = readDer(contents);
  if (oidOf(derChildren(root)[0]) !== OID.signedData) throw new PadesError('cms_invalid', 'not a CMS SignedData');
  const signedData = child(child(root, 1, 0xa0, 'SignedData wrapper'), 0, 0x30, 'SignedData');
  const parts = derChildren(signedData);

  const encap = child(signedData, 2, 0x30, 'encapContentInfo');
  if (oidOf(derChildren(encap)[0]) !== OID.data) problems.push('encapsulated content type is not id-data');
  if (derChildren(encap).length > 1) problems.push('the CMS is not detached (it carries content)');

  const certificatesField = parts.find((p) => p.tag === 0xa0);
  const certificates = certificatesField ? derChildren(certificatesField).map((c) => derBytes(c)) : [];
  const signerInfos = parts[parts.length - 1];
  if (signerInfos?.tag !== 0x31 || derChildren(signerInfos).length !== 1) {
    throw new PadesError('cms_invalid', 'expected exactly one SignerInfo');
  }
  const signerInfo = child(signerInfos, 0, 0x30, 'SignerInfo');
  const fields = derChildren(signerInfo);

  const sid = fields[1];
  let signerCertificate: Uint8Array | null = null;
  if (sid?.tag === 0x30) {
    const [issuer, serial] = derChildren(sid);
    signerCertificate =
      certificates.find((cert) => {
        const ids = certificateIds(cert);
        return issuer && serial && sameDer(ids.issuer, issuer) && sameDer(ids.serialNumber, serial);
      }) ?? null;
    if (!signerCertificate) problems.push('the signer certificate is not included in the CMS');
  } else {
    problems.push('signer identified by subjectKeyIdentifier: not supported');
  }

  if (oidOf(derChildren(child(signerInfo, 2, 0x30, 'digestAlgorithm'))[0]) !== OID.sha256) {
    problems.push('digest algorithm is not SHA-256');
  }
  const attributesField = child(signerInfo, 3, 0xa0, 'signedAttrs');
  const signatureAlgorithm = oidOf(derChildren(child(signerInfo, 4, 0x30, 'signatureAlgorithm'))[0]);
  if (signatureAlgorithm !== OID.rsaEncryption && signatureAlgorithm !== OID.sha256WithRsaEncryption) {
    problems.push('signature algorithm is not RSA PKCS#1 v1.5 with SHA-256');
  }
  const signature = derContent(child(signerInfo, 5, 0x04, 'signature'));
  const timeStampToken = signatureTimeStampToken(fields[6], problems);

  const attributes = derChildren(attributesField);
  const types: string[] = [];
  let messageDigest: Uint8Array | null = null;
  for (const [i, attribute] of attributes.entries()) {
    const previous = attributes[i - 1];
    if (previous && compareBytes(derBytes(previous), derBytes(attribute)) > 0) {
      problems.push('signed attributes are not in DER order');
    }
    const type = oidOf(derChildren(attribute)[0]) ?? '?';
    types.push(type);
    const values = derChildren(child(attribute, 1, 0x31, 'attribute values'));
    const [value] = values;
    if (!value || values.length !== 1) throw new PadesError('cms_invalid', `attribute ${type} needs one value`);
    if (type === OID.contentType && oidOf(value) !== OID.data) problems.push('content-type attribute is not id-data');
    if (type === OID.messageDigest && value.tag === 0x04) messageDigest = derContent(value);
    if (type === OID.signingCertificateV2) checkSigningCertificateV2(value, signerCertificate, problems);
  }
  for (const [type, name] of [
    [OID.contentType, 'content-type'],
    [OID.messageDigest, 'message-digest'],
    [OID.signingCertificateV2, 'signing-certificate-v2'],
  ] as const) {
    if (!types.includes(type)) problems.push(`signed attribute ${name} missing`);
  }
  if (new Set(types).size !== types.length) problems.push('a signed attribute occurs twice');
  if (types.includes(OID.signingTime)) problems.push('signing-time attribute present (PAdES requires /M instead)');

  // A copy, never a view: callers may pass a Node Buffer, whose slice() would alias the input.
  const signedAttributes = Uint8Array.from(derBytes(attributesField));
  signedAttributes[0] = 0x31;
  return {
    signedAttributes,
    signature,
    messageDigest,
    signerCertificate,
    chainAbove: signerCertificate ? chainAbove(signerCertificate, certificates) : [],
    signatureTimeStampToken: timeStampToken,
    problems,
  };
}
