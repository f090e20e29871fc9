/*
 * Text extraction with the real tools (poppler-utils; Tesseract with German where installed,
 * as in CI): the text layer of the Antrag PDF, a scan read by OCR, the marker when OCR is not
 * available, and broken or foreign bytes recorded instead of thrown.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, extractFile, type ExtractionTools } from './extract.ts';
import { antragPdf, machineTools, MALFORMED_PDF, scannedPdf } from './test-fixture.ts';
import { runTool, ToolError } from './tools.ts';

// At collection time: the OCR test runs only where Tesseract with German is installed.
const tools: ExtractionTools = await machineTools();
let dir: string;
let antrag: string;
let scan: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-extract-'));
  const pdf = await antragPdf();
  antrag = join(dir, 'antrag');
  scan = join(dir, 'scan');
  await writeFile(antrag, pdf);
  await writeFile(scan, await scannedPdf(pdf));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = async (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
};

describe('text extraction', () => {
  it('reads the text layer of a PDF page by page', async () => {
    const x = await extractFile(antrag, { tools, limits: DEFAULT_LIMITS });
    expect(x).toMatchObject({ state: 'indexed', mediaType: 'application/pdf', pages: 1, pagesRead: 1, ocrPages: 0 });
    expect(x.texts).toHaveLength(1);
    expect(x.texts[0]?.method).toBe('text_layer');
    expect(x.texts[0]?.text).toContain('Bewohnerparkausweis');
    expect(x.texts[0]?.text).toContain('Weißmüller');
    // Stored as the index sees it: the Aktenzeichen's parts apart.
    expect(x.texts[0]?.text).toContain('32.10.05 - 2026 / 00042');
  });

  it.runIf(tools.tesseract !== null)(
    'reads a scanned page by OCR when Tesseract with German is installed',
    async () => {
      const x = await extractFile(scan, { tools, limits: DEFAULT_LIMITS });
      expect(x).toMatchObject({ state: 'indexed', pages: 1, ocrPages: 1, ocrMissing: 0 });
      expect(x.texts[0]?.method).toBe('ocr');
      expect(x.texts[0]?.text).toMatch(/Bewohnerparkausweis/);
      expect(x.texts[0]?.text).toMatch(/Lindenallee/);
    },
  );

  it('records a scan as ocr_unavailable when the server has no OCR', async () => {
    const x = await extractFile(scan, { tools: { ...tools, tesseract: null }, limits: DEFAULT_LIMITS });
    expect(x).toMatchObject({ state: 'ocr_unavailable', pages: 1, ocrPages: 0, ocrMissing: 1, texts: [] });
  });

  it('records a malformed PDF as failed instead of throwing', async () => {
    const x = await extractFile(await file('kaputt', MALFORMED_PDF), { tools, limits: DEFAULT_LIMITS });
    expect(x).toMatchObject({ state: 'failed', reason: 'unreadable_pdf', texts: [] });
  });

  it('reads text files as they are, and records other types as unsupported', async () => {
    const text = await extractFile(await file('notiz', 'Rückruf wegen Anträgen\r\nbitte'), {
      tools,
      limits: DEFAULT_LIMITS,
    });
    expect(text).toMatchObject({ state: 'indexed', mediaType: 'text/plain' });
    expect(text.texts).toEqual([{ seite: 1, text: 'Rückruf wegen Anträgen bitte', method: 'plain_text' }]);
    const binary = await extractFile(await file('binaer', new Uint8Array([0, 1, 2, 3, 255, 0])), {
      tools,
      limits: DEFAULT_LIMITS,
    });
    expect(binary).toMatchObject({ state: 'unsupported', mediaType: null });
  });

  it('keeps to the page and character limits and says it cut', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let i = 1; i <= 4; i++) {
      doc
        .addPage()
        .drawText(`Seite ${i}: Nachweis über die Zulassung des Fahrzeugs`, { x: 50, y: 700, size: 12, font });
    }
    const path = await file('vier-seiten', await doc.save());
    const limits = { ...DEFAULT_LIMITS, maxPages: 2, maxPageChars: 20 };
    const x = await extractFile(path, { tools: { ...tools, tesseract: null }, limits });
    expect(x).toMatchObject({ state: 'indexed', pages: 4, pagesRead: 2, truncated: true });
    expect(x.texts.map((p) => [p.seite, p.text])).toEqual([
      [1, 'Seite 1: Nachweis üb'],
      [2, 'Seite 2: Nachweis üb'],
    ]);
  });
});

describe('external tools', () => {
  it('are killed after their timeout and report it', async () => {
    const started = runTool('sleep', ['30'], { timeoutMs: 100, maxStdoutBytes: 10 });
    await expect(started).rejects.toBeInstanceOf(ToolError);
    await expect(started).rejects.toMatchObject({ failure: 'timeout' });
  });

  it('stop at the output limit and say the output was cut', async () => {
    const run = await runTool('yes', ['Antrag'], { timeoutMs: 10_000, maxStdoutBytes: 1000 });
    expect(run).toMatchObject({ cut: true });
    expect(run.stdout).toHaveLength(1000);
  });

  it('report a missing program and a stop signal', async () => {
    await expect(runTool('amtsplatz-no-such-tool', [], { timeoutMs: 1000, maxStdoutBytes: 10 })).rejects.toMatchObject({
      failure: 'missing',
    });
    const abort = new AbortController();
    const started = runTool('sleep', ['30'], { timeoutMs: 30_000, maxStdoutBytes: 10, signal: abort.signal });
    abort.abort();
    await expect(started).rejects.toMatchObject({ failure: 'aborted' });
  });
});
