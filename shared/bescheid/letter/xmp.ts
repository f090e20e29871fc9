/*
 * XMP packet for PDF/A-2b. Only predefined schemas (pdfaid, dc, xmp, pdf) are used, so no
 * extension schema description is needed, and every value mirrors an Info dictionary entry
 * (ISO 19005-2, 6.6.3): dc:title = Title, dc:creator = Author, xmp:CreatorTool = Creator,
 * pdf:Producer = Producer, xmp:CreateDate = CreationDate, xmp:ModifyDate = ModDate.
 */

export interface XmpFields {
  title: string;
  author: string;
  creatorTool: string;
  producer: string;
  /** Creation, modification and metadata date: the document is written once. */
  date: Date;
  language: string;
  /**
   * Whether the packet identifies the file as PDF/A-2b (pdfaid:part, pdfaid:conformance);
   * default true. A bundle of foreign pages keeps every other property but makes no claim.
   */
  claimPdfA?: boolean;
}

/** The PDF/A conformance this renderer claims. */
export const PDFA_PART = 2;
export const PDFA_CONFORMANCE = 'B';

/** UTC with second precision, the precision of PDF date strings, so both forms name the same instant. */
export function toXmpDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function buildXmp(f: XmpFields): string {
  const date = toXmpDate(f.date);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    ...(f.claimPdfA === false
      ? []
      : [
          '  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
          `   <pdfaid:part>${PDFA_PART}</pdfaid:part>`,
          `   <pdfaid:conformance>${PDFA_CONFORMANCE}</pdfaid:conformance>`,
          '  </rdf:Description>',
        ]),
    '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(f.title)}</rdf:li></rdf:Alt></dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${escapeXml(f.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:language><rdf:Bag><rdf:li>${escapeXml(f.language)}</rdf:li></rdf:Bag></dc:language>`,
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `   <xmp:CreatorTool>${escapeXml(f.creatorTool)}</xmp:CreatorTool>`,
    `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '  </rdf:Description>',
    '  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `   <pdf:Producer>${escapeXml(f.producer)}</pdf:Producer>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
