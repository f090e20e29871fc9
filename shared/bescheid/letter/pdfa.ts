import { PDFArray, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { buildXmp, type XmpFields } from './xmp.ts';

declare const TextEncoder: new () => { encode(input: string): Uint8Array };

export interface PdfAMetadata extends XmpFields {
  /** 16 bytes as 32 hex digits; both halves of the trailer /ID. */
  documentIdHex: string;
}

/**
 * Adds what PDF/A-2b asks of the document level: an Info dictionary and an XMP packet that
 * agree, the sRGB OutputIntent (needed because the pages paint in DeviceRGB), a trailer /ID
 * and the document language. The XMP stream stays unfiltered so tools that do not inflate
 * streams can still read the PDF/A claim.
 */
export function applyPdfA(doc: PDFDocument, meta: PdfAMetadata, srgbIcc: Uint8Array): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setCreator(meta.creatorTool);
  doc.setProducer(meta.producer);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage(meta.language);

  const { context, catalog } = doc;
  const xmp = context.stream(new TextEncoder().encode(buildXmp(meta)), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(xmp));

  const profile = context.register(context.flateStream(srgbIcc, { N: 3 }));
  const outputIntent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(outputIntent)]));

  const id = PDFArray.withContext(context);
  id.push(PDFHexString.of(meta.documentIdHex));
  id.push(PDFHexString.of(meta.documentIdHex));
  context.trailerInfo.ID = id;
}
