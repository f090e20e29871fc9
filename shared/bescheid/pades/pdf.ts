import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { concatBytes, toBinary, toHex } from './bytes.ts';
import { buildCadesSignature, sha256 } from './cms.ts';
import { PadesError } from './errors.ts';
import type { Signer } from './signer.ts';
import type { TimeStamper } from './timestamp.ts';

export interface SignPdfOptions {
  reason: string;
  location: string;
  /** Name of the signer as shown by PDF viewers (/Name); the certificate remains authoritative. */
  name: string;
  /** Written to /M. PAdES keeps the claimed signing time out of the CMS (no signing-time attribute). */
  signingTime: Date;
  /**
   * Bytes reserved for the CMS; the unused rest stays zero-padded. Defaults to 16 KiB, which
   * holds a 3-certificate RSA-4096 chain, and to 24 KiB with a timeStamper: a token with the
   * TSA's own chain adds 2–7 KB.
   */
  signatureSize?: number;
  /** Adds an RFC 3161 time-stamp over the signature value (PAdES B-T). */
  timeStamper?: TimeStamper | undefined;
}

const DEFAULT_SIGNATURE_SIZE = 16_384;
const DEFAULT_TIMESTAMPED_SIGNATURE_SIZE = 24_576;
// Ten characters per number: enough for any offset below 10 GB, and the patched array keeps its length.
const NAME_PLACEHOLDER = '**********';
// Print (4) + Locked (128): PDF/A requires Print; Locked keeps viewers from moving the field.
const WIDGET_FLAGS = 132;

async function withSignaturePlaceholder(pdfBytes: Uint8Array, options: SignPdfOptions, size: number) {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  } catch {
    throw new PadesError('pdf_invalid', 'the PDF could not be parsed');
  }
  const page = doc.getPages()[0];
  if (!page) throw new PadesError('pdf_invalid', 'the PDF has no pages');
  const { context } = doc;

  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(NAME_PLACEHOLDER));
  const signature = context.register(
    context.obj({
      Type: 'Sig',
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: byteRange,
      Contents: PDFHexString.of('0'.repeat(size * 2)),
      M: PDFString.fromDate(options.signingTime),
      Name: PDFHexString.fromText(options.name),
      Reason: PDFHexString.fromText(options.reason),
      Location: PDFHexString.fromText(options.location),
    }),
  );

  const acroForm = doc.catalog.getOrCreateAcroForm();
  const taken = new Set(acroForm.getAllFields().map(([field]) => field.getPartialName()));
  let n = 1;
  while (taken.has(`Signatur${n}`)) n++;

  // Invisible (zero-size) for now; PDF/A still wants an appearance stream on every widget.
  const appearance = context.register(context.stream('', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 0, 0] }));
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFHexString.fromText(`Signatur${n}`),
      V: signature,
      F: WIDGET_FLAGS,
      Rect: [0, 0, 0, 0],
      P: page.ref,
      AP: { N: appearance },
    }),
  );
  page.node.addAnnot(widget);
  acroForm.addField(widget);
  // SignaturesExist (1) + AppendOnly (2): viewers must save further changes incrementally.
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));

  // Object streams would compress the signature dictionary; its /Contents must stay in plain bytes.
  return { pdf: await doc.save({ useObjectStreams: false }), byteRangePlaceholder: byteRange.toString() };
}

function indexOfUnique(haystack: string, needle: string, what: string): number {
  const at = haystack.indexOf(needle);
  if (at < 0 || haystack.indexOf(needle, at + 1) >= 0) {
    throw new PadesError('pdf_invalid', `${what} placeholder not found exactly once`);
  }
  return at;
}

function writeAscii(target: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) target[at + i] = text.charCodeAt(i);
}

/**
 * Adds one PAdES signature (SubFilter ETSI.CAdES.detached) to a PDF. The document is loaded
 * and saved once by pdf-lib before signing, so this is for freshly generated Bescheide: an
 * already signed PDF would lose its signature (pdf-lib 1.17 cannot save incrementally).
 */
export async function signPdf(pdfBytes: Uint8Array, signer: Signer, options: SignPdfOptions): Promise<Uint8Array> {
  const size =
    options.signatureSize ?? (options.timeStamper ? DEFAULT_TIMESTAMPED_SIGNATURE_SIZE : DEFAULT_SIGNATURE_SIZE);
  const { pdf, byteRangePlaceholder } = await withSignaturePlaceholder(pdfBytes, options, size);
  const text = toBinary(pdf);

  const contentsPlaceholder = `<${'0'.repeat(size * 2)}>`;
  const gapStart = indexOfUnique(text, contentsPlaceholder, '/Contents');
  const gapEnd = gapStart + contentsPlaceholder.length;
  const byteRange = `[0 ${gapStart} ${gapEnd} ${pdf.length - gapEnd}]`;
  const byteRangeAt = indexOfUnique(text, byteRangePlaceholder, '/ByteRange');
  writeAscii(pdf, byteRangeAt, byteRange.padEnd(byteRangePlaceholder.length, ' '));

  const digest = sha256(concatBytes([pdf.subarray(0, gapStart), pdf.subarray(gapEnd)]));
  const cms = await buildCadesSignature(signer, digest, options.timeStamper);
  if (cms.length > size) {
    throw new PadesError('signature_too_large', `CMS of ${cms.length} bytes exceeds the reserved ${size} bytes`);
  }
  writeAscii(pdf, gapStart + 1, toHex(cms));
  return pdf;
}
