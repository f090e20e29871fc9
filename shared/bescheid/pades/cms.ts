import forge from 'node-forge';
import { compareBytes, equalBytes, fromBinary, toBinary } from './bytes.ts';
import { derBytes } from './der.ts';
import { PadesError, TimestampError } from './errors.ts';
import { OID } from './oids.ts';
import type { Signer } from './signer.ts';
import { readTimeStampToken, type TimeStamper } from './timestamp.ts';
import { certificateIds } from './x509.ts';

/*
 * CMS SignedData for PAdES baseline B-B and B-T (ETSI EN 319 142-1, CAdES EN 319 122-1), built by
 * hand with forge's asn1 module: forge.pkcs7 cannot encode signing-certificate-v2, does not
 * DER-sort the signed attributes and always adds signing-time, which PAdES forbids (the
 * signing time lives in the signature dictionary's /M).
 */

const { asn1 } = forge;
type Node = forge.asn1.Asn1;

const universal = (type: forge.asn1.Type, constructed: boolean, value: string | Node[]): Node =>
  asn1.create(asn1.Class.UNIVERSAL, type, constructed, value);
const sequence = (items: Node[]): Node => universal(asn1.Type.SEQUENCE, true, items);
const set = (items: Node[]): Node => universal(asn1.Type.SET, true, items);
const oid = (value: string): Node => universal(asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
const integer = (value: number): Node => universal(asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());
const octets = (value: Uint8Array): Node => universal(asn1.Type.OCTETSTRING, false, toBinary(value));
const contextTag = (tag: number, items: Node[]): Node => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, items);
const toDer = (node: Node): Uint8Array => fromBinary(asn1.toDer(node).getBytes());

/**
 * Embeds DER produced elsewhere (certificates, names, serial numbers). forge re-encodes what
 * it parsed; the guard makes sure that did not change a single byte, because the verifier
 * compares these bytes with the certificate's.
 */
function embed(der: Uint8Array): Node {
  const node = asn1.fromDer(toBinary(der));
  if (!equalBytes(toDer(node), der)) {
    throw new PadesError('certificate_invalid', 'certificate is not canonical DER');
  }
  return node;
}

export function sha256(data: Uint8Array): Uint8Array {
  const md = forge.md.sha256.create();
  md.update(toBinary(data));
  return fromBinary(md.digest().getBytes());
}

const attribute = (type: string, value: Node): Node => sequence([oid(type), set([value])]);

/** RFC 5035 SigningCertificateV2 with one ESSCertIDv2; hashAlgorithm is the default (SHA-256) and so omitted. */
function signingCertificateV2(signerCertificate: Uint8Array): Node {
  const ids = certificateIds(signerCertificate);
  const issuerSerial = sequence([
    sequence([contextTag(4, [embed(derBytes(ids.issuer))])]),
    embed(derBytes(ids.serialNumber)),
  ]);
  const essCertIdV2 = sequence([octets(sha256(signerCertificate)), issuerSerial]);
  return sequence([sequence([essCertIdV2])]);
}

/** The signed attributes in DER order (X.690 §11.6: SET OF elements sorted by their encodings). */
export function signedAttributes(signerCertificate: Uint8Array, contentDigest: Uint8Array): Node[] {
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(signerCertificate)),
  ];
  return attributes
    .map((node) => ({ node, der: toDer(node) }))
    .sort((a, b) => compareBytes(a.der, b.der))
    .map((entry) => entry.node);
}

/**
 * B-T: the unsigned attribute signature-time-stamp (RFC 3161 Appendix A) over the signature
 * value, as the [1] IMPLICIT SET of the SignerInfo. The token's imprint is checked here too,
 * whatever TimeStamper produced it: a token over other bytes would attest nothing.
 */
async function signatureTimeStamp(timeStamper: TimeStamper, signature: Uint8Array): Promise<Node> {
  const digest = sha256(signature);
  const token = await timeStamper.timestamp(digest);
  const info = readTimeStampToken(token);
  if (info.hashAlgorithm !== OID.sha256 || !equalBytes(info.imprint, digest)) {
    throw new TimestampError('tsa_mismatch', 'the time-stamp token does not cover this signature value');
  }
  // Embedded as received: re-encoding would have to keep every byte the TSA signed anyway.
  const node = asn1.fromDer(toBinary(token));
  if (!equalBytes(toDer(node), token)) {
    throw new TimestampError('tsa_response_invalid', 'the time-stamp token is not canonical DER');
  }
  return contextTag(1, [attribute(OID.signatureTimeStampToken, node)]);
}

/**
 * A detached CMS SignedData (ContentInfo DER) over content whose SHA-256 is `contentDigest`.
 * For a PDF that content is the two ByteRange segments. With a TimeStamper the signature value
 * gets a time-stamp (B-T); without one the result is B-B, byte for byte as before B-T existed.
 */
export async function buildCadesSignature(
  signer: Signer,
  contentDigest: Uint8Array,
  timeStamper?: TimeStamper,
): Promise<Uint8Array> {
  const [signerCertificate] = signer.certificateChain;
  if (!signerCertificate) throw new PadesError('certificate_invalid', 'signer has no certificate');
  if (contentDigest.length !== 32) throw new PadesError('cms_invalid', 'content digest must be SHA-256');
  const ids = certificateIds(signerCertificate);
  const sha256Algorithm = sequence([oid(OID.sha256)]);

  const attributes = signedAttributes(signerCertificate, contentDigest);
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] IMPLICIT
  // field they are stored in (RFC 5652 §5.4).
  const signature = await signer.sign(toDer(set(attributes)));

  const signerInfo = sequence([
    integer(1),
    sequence([embed(derBytes(ids.issuer)), embed(derBytes(ids.serialNumber))]),
    sha256Algorithm,
    contextTag(0, attributes),
    sequence([oid(OID.sha256WithRsaEncryption), universal(asn1.Type.NULL, false, '')]),
    octets(signature),
    ...(timeStamper ? [await signatureTimeStamp(timeStamper, signature)] : []),
  ]);
  const signedData = sequence([
    integer(1),
    set([sha256Algorithm]),
    sequence([oid(OID.data)]),
    contextTag(0, signer.certificateChain.map(embed)),
    set([signerInfo]),
  ]);
  return toDer(sequence([oid(OID.signedData), contextTag(0, [signedData])]));
}
