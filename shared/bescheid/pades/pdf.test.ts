import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { toBinary } from './bytes.ts';
import { createForgeSigner } from './forge-signer.ts';
import { signPdf, type SignPdfOptions } from './pdf.ts';
import type { Signer } from './signer.ts';
import { createFixturePki, createTestPdf } from './test-fixture.ts';

// This file renders and signs PDFs: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const options: SignPdfOptions = {
  reason: 'Bescheid BPA-2026-0042',
  location: 'Musterstadt',
  name: 'Stadt Musterstadt – Bürgerservice',
  signingTime: new Date('2026-03-02T09:15:30Z'),
};

let signer: Signer;
let unsigned: Uint8Array;
let signed: Uint8Array;
let signature: PDFDict;
let widget: PDFDict;
let doc: PDFDocument;

beforeAll(async () => {
  const pki = createFixturePki();
  signer = createForgeSigner(pki.signer.privateKeyPem, pki.signer.certificatePem + pki.root.certificatePem);
  unsigned = await createTestPdf();
  signed = await signPdf(unsigned, signer, options);
  doc = await PDFDocument.load(signed, { updateMetadata: false });
  const annots = doc.getPages()[0]?.node.Annots();
  const first = annots?.lookup(0, PDFDict);
  if (!first) throw new Error('no widget on page 1');
  widget = first;
  signature = widget.lookup(PDFName.of('V'), PDFDict);
});

const name = (dict: PDFDict, key: string) => dict.lookup(PDFName.of(key), PDFName).decodeText();

describe('signPdf', () => {
  it('writes a PAdES signature dictionary with /M and the signer texts', () => {
    expect(name(signature, 'Type')).toBe('Sig');
    expect(name(signature, 'Filter')).toBe('Adobe.PPKLite');
    expect(name(signature, 'SubFilter')).toBe('ETSI.CAdES.detached');
    expect(signature.lookup(PDFName.of('M'), PDFString).decodeDate()).toEqual(options.signingTime);
    expect(signature.lookup(PDFName.of('Name'), PDFHexString).decodeText()).toBe(options.name);
    expect(signature.lookup(PDFName.of('Reason'), PDFHexString).decodeText()).toBe(options.reason);
    expect(signature.lookup(PDFName.of('Location'), PDFHexString).decodeText()).toBe(options.location);
  });

  it('attaches a signature widget to page 1 and sets SigFlags 3', () => {
    expect(name(widget, 'Subtype')).toBe('Widget');
    expect(name(widget, 'FT')).toBe('Sig');
    expect(widget.lookup(PDFName.of('F'), PDFNumber).asNumber() & 4).toBe(4);
    expect(widget.lookup(PDFName.of('AP'), PDFDict).has(PDFName.of('N'))).toBe(true);
    const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
    expect(acroForm.lookup(PDFName.of('SigFlags'), PDFNumber).asNumber()).toBe(3);
    expect(acroForm.lookup(PDFName.of('Fields'), PDFArray).size()).toBe(1);
    expect(doc.getPageCount()).toBe(2);
  });

  it('sets a ByteRange that spans the file except the /Contents hex string', () => {
    const range = signature
      .lookup(PDFName.of('ByteRange'), PDFArray)
      .asArray()
      .map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN));
    const [start, gapStart, gapEnd, tail] = range as [number, number, number, number];
    expect(start).toBe(0);
    expect(gapEnd + tail).toBe(signed.length);
    const gap = toBinary(signed.subarray(gapStart, gapEnd));
    expect(gap).toMatch(/^<[0-9a-f]+>$/);
    expect(gap.length).toBe(2 * 16_384 + 2);
    // The CMS starts the reserved space; the rest stays zero padding.
    expect(gap.slice(1, 3)).toBe('30');
    expect(gap.endsWith('00>')).toBe(true);
  });

  it('keeps the PDF free of object streams so /Contents stays in plain bytes', () => {
    expect(toBinary(signed)).not.toContain('/ObjStm');
  });

  it('honours the reserved size and refuses a CMS that does not fit', async () => {
    const small = await signPdf(unsigned, signer, { ...options, signatureSize: 4_096 });
    expect(small.length).toBeLessThan(signed.length);
    await expect(signPdf(unsigned, signer, { ...options, signatureSize: 512 })).rejects.toMatchObject({
      code: 'signature_too_large',
    });
  });

  it('names the field uniquely and refuses input that is not a PDF', async () => {
    expect(widget.lookup(PDFName.of('T'), PDFHexString).decodeText()).toBe('Signatur1');
    await expect(signPdf(new TextEncoder().encode('not a pdf'), signer, options)).rejects.toMatchObject({
      code: 'pdf_invalid',
    });
  });
});
