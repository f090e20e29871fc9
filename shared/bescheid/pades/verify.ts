import forge from 'node-forge';
import { PDFAcroSignature, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { concatBytes, equalBytes, fromHex, toBinary } from './bytes.ts';
import { sha256 } from './cms.ts';
import { parseCadesSignature, type ParsedCades } from './cms-parse.ts';
import { PadesError, TimestampError } from './errors.ts';
import { imprintCovers, readTimeStampToken, type TimeStampTokenInfo } from './timestamp.ts';

export interface VerifyPdfOptions {
  /** DER certificates the chain must end in. Without them no signature counts as valid. */
  trustedRoots?: Uint8Array[];
  /** When the certificates must be valid; defaults to now (B-B has no trusted signing time). */
  validationTime?: Date;
}

export interface PdfSignatureVerification {
  /** intact, covers the whole document, chain trusted, and no other problem. */
  valid: boolean;
  /** The signed bytes are unchanged: message-digest matches and the signature over the attributes verifies. */
  intact: boolean;
  /** The ByteRange spans the whole file except /Contents (nothing appended after signing). */
  coversWholeDocument: boolean;
  chainTrusted: boolean;
  signer: { subject: string; serial: string } | null;
  /** /M of the signature dictionary: claimed by the signer, not attested. */
  signingTime: Date | null;
  subFilter: string | null;
  /**
   * The RFC 3161 signature time-stamp (PAdES B-T), when the CMS has one. `time` is the TSA's
   * genTime; imprintOk: the token covers this signature value; tokenSignatureOk: the token is
   * signed by the TSA certificate it carries (that certificate's trust is not checked).
   */
  timestamp?: { time: Date; imprintOk: boolean; tokenSignatureOk: boolean; authority: string | null };
  problems: string[];
}

interface SignatureDictionary {
  byteRange: number[];
  contents: Uint8Array;
  subFilter: string | null;
  signingTime: Date | null;
}

function pdfDate(value: PDFString | PDFHexString): Date | null {
  try {
    return value.decodeDate();
  } catch {
    return null;
  }
}

function rsaSignatureVerifies(certificate: forge.pki.Certificate, signedAttributes: Uint8Array, signature: Uint8Array) {
  const md = forge.md.sha256.create();
  md.update(toBinary(signedAttributes));
  try {
    // forge parses only RSA certificates (others fail earlier), so the key is RSA here.
    return (certificate.publicKey as forge.pki.rsa.PublicKey).verify(md.digest().getBytes(), toBinary(signature));
  } catch {
    // forge throws on a signature block it cannot even decode; for the verdict that is "does not verify".
    return false;
  }
}

function readSignatureDictionaries(doc: PDFDocument): SignatureDictionary[] {
  const fields = doc.catalog.getAcroForm()?.getAllFields() ?? [];
  const found: SignatureDictionary[] = [];
  for (const [field] of fields) {
    if (!(field instanceof PDFAcroSignature)) continue;
    const value = field.dict.lookup(PDFName.of('V'));
    if (!(value instanceof PDFDict)) continue;
    const range = value.lookup(PDFName.of('ByteRange'));
    const contents = value.lookup(PDFName.of('Contents'));
    const subFilter = value.lookup(PDFName.of('SubFilter'));
    const m = value.lookup(PDFName.of('M'));
    found.push({
      byteRange:
        range instanceof PDFArray
          ? range.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN))
          : [],
      contents:
        contents instanceof PDFHexString || contents instanceof PDFString ? contents.asBytes() : new Uint8Array(),
      subFilter: subFilter instanceof PDFName ? subFilter.decodeText() : null,
      signingTime: m instanceof PDFString || m instanceof PDFHexString ? pdfDate(m) : null,
    });
  }
  return found;
}

/**
 * Checks where the ByteRange puts the gap: it must be exactly the /Contents hex string, so
 * no unsigned byte can hide elsewhere in the file.
 */
function checkByteRange(pdf: Uint8Array, sig: SignatureDictionary, problems: string[]): boolean {
  const [start, gapStart, gapEnd, tail] = sig.byteRange;
  if (
    sig.byteRange.length !== 4 ||
    start !== 0 ||
    gapStart === undefined ||
    gapEnd === undefined ||
    tail === undefined ||
    !sig.byteRange.every((n) => Number.isInteger(n) && n >= 0) ||
    gapStart >= gapEnd ||
    gapEnd + tail > pdf.length
  ) {
    problems.push('malformed /ByteRange');
    return false;
  }
  const gap = toBinary(pdf.subarray(gapStart, gapEnd));
  const hex = /^<([0-9a-fA-F]*)>$/.exec(gap)?.[1];
  const gapBytes = hex === undefined ? null : fromHex(hex);
  if (!gapBytes || !equalBytes(gapBytes, sig.contents)) {
    problems.push('the gap in /ByteRange is not the /Contents string');
    return false;
  }
  if (gapEnd + tail !== pdf.length) {
    problems.push('the signature does not cover the whole file (bytes were appended after signing)');
    return false;
  }
  return true;
}

function attributeText(attribute: { value?: unknown; valueTagClass?: number | undefined }): string {
  const value = String(attribute.value);
  if (attribute.valueTagClass !== forge.asn1.Type.UTF8) return value;
  try {
    // forge leaves UTF8String values as raw bytes.
    return forge.util.decodeUtf8(value);
  } catch {
    return value;
  }
}

function describeName(name: forge.pki.Certificate['subject']): string {
  return name.attributes.map((a) => `${a.shortName ?? a.name ?? a.type}=${attributeText(a)}`).join(', ');
}

function checkChain(cms: ParsedCades, signer: forge.pki.Certificate, options: VerifyPdfOptions, problems: string[]) {
  const roots = options.trustedRoots ?? [];
  if (roots.length === 0) {
    problems.push('no trusted root certificates given: trust not checked');
    return false;
  }
  try {
    const store = forge.pki.createCaStore(
      roots.map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(toBinary(der)))),
    );
    const chain = [
      signer,
      ...cms.chainAbove.map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(toBinary(der)))),
    ];
    return forge.pki.verifyCertificateChain(store, chain, { validityCheckDate: options.validationTime ?? new Date() });
  } catch (error) {
    problems.push(`certificate chain not trusted: ${forgeErrorMessage(error)}`);
    return false;
  }
}

function checkTimestamp(cms: ParsedCades, problems: string[]): PdfSignatureVerification['timestamp'] {
  if (!cms.signatureTimeStampToken) return undefined;
  let info: TimeStampTokenInfo;
  try {
    info = readTimeStampToken(cms.signatureTimeStampToken);
  } catch (error) {
    problems.push(`signature time-stamp: ${error instanceof TimestampError ? error.message : 'could not be decoded'}`);
    return undefined;
  }
  const imprintOk = imprintCovers(info, cms.signature);
  if (!imprintOk) problems.push('the signature time-stamp does not cover the signature value');
  if (!info.signatureVerifies) {
    problems.push('the signature time-stamp is not signed by a TSA certificate it carries');
  }
  let authority: string | null = null;
  try {
    if (info.tsaCertificate) {
      authority = describeName(
        forge.pki.certificateFromAsn1(forge.asn1.fromDer(toBinary(info.tsaCertificate))).subject,
      );
    }
  } catch {
    // A TSA key forge cannot read (not RSA): the name stays unknown, signatureVerifies is false already.
  }
  return { time: info.genTime, imprintOk, tokenSignatureOk: info.signatureVerifies, authority };
}

/** Verifies the single PAdES signature of a PDF (see docs/signatures.md for what is and is not checked). */
export async function verifyPdfSignature(
  pdf: Uint8Array,
  options: VerifyPdfOptions = {},
): Promise<PdfSignatureVerification> {
  const problems: string[] = [];
  const result: PdfSignatureVerification = {
    valid: false,
    intact: false,
    coversWholeDocument: false,
    chainTrusted: false,
    signer: null,
    signingTime: null,
    subFilter: null,
    problems,
  };
  let signatures: SignatureDictionary[];
  try {
    signatures = readSignatureDictionaries(await PDFDocument.load(pdf, { updateMetadata: false }));
  } catch {
    problems.push('the PDF could not be parsed');
    return result;
  }
  const [sig] = signatures;
  if (!sig || signatures.length > 1) {
    problems.push(sig ? 'more than one signature: not supported' : 'no signature found');
    return result;
  }
  result.signingTime = sig.signingTime;
  result.subFilter = sig.subFilter;
  if (sig.subFilter !== 'ETSI.CAdES.detached')
    problems.push(`/SubFilter is ${sig.subFilter ?? 'missing'}, not ETSI.CAdES.detached`);
  if (!sig.signingTime) problems.push('/M (signing time) missing or unreadable');
  result.coversWholeDocument = checkByteRange(pdf, sig, problems);

  let cms: ParsedCades;
  try {
    cms = parseCadesSignature(sig.contents);
  } catch (error) {
    problems.push(`CMS: ${error instanceof PadesError ? error.message : 'could not be decoded'}`);
    return result;
  }
  problems.push(...cms.problems);
  const timestamp = checkTimestamp(cms, problems);
  if (timestamp) result.timestamp = timestamp;
  const [start = 0, gapStart = 0, gapEnd = 0, tail = 0] = sig.byteRange;
  const digest = sha256(concatBytes([pdf.subarray(start, gapStart), pdf.subarray(gapEnd, gapEnd + tail)]));
  const digestMatches = cms.messageDigest !== null && equalBytes(cms.messageDigest, digest);
  if (!digestMatches) problems.push('message-digest does not match the signed bytes: the document was changed');

  if (!cms.signerCertificate) return result;
  let certificate: forge.pki.Certificate;
  try {
    certificate = forge.pki.certificateFromAsn1(forge.asn1.fromDer(toBinary(cms.signerCertificate)));
  } catch {
    problems.push('signer certificate unsupported (only RSA keys are)');
    return result;
  }
  result.signer = { subject: describeName(certificate.subject), serial: certificate.serialNumber.toUpperCase() };

  const signatureVerifies = rsaSignatureVerifies(certificate, cms.signedAttributes, cms.signature);
  if (!signatureVerifies) problems.push('the signature over the signed attributes does not verify');
  result.intact = digestMatches && signatureVerifies;
  result.chainTrusted = checkChain(cms, certificate, options, problems);
  result.valid = problems.length === 0;
  return result;
}

/** forge throws plain objects with a message as well as Errors. */
function forgeErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return 'unknown';
}
