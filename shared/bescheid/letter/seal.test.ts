import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { pdftotext, pdftotextBbox, qpdfCheck, withPdfFile, type BboxWord } from '../../../scripts/lib/pdf-tools.ts';
import { renderLetter, type LetterAssets } from './index.ts';
import { PT_PER_MM, SEAL_BOX_MM } from './layout.ts';
import { SAMPLE_LETTER } from './sample.ts';
import { sealQrPayload, type Seal } from './seal.ts';

// This file renders and seals PDFs: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const resource = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../resources/${path}`, import.meta.url)));
const assets: LetterAssets = {
  fonts: { regular: resource('fonts/LiberationSans-Regular.ttf'), bold: resource('fonts/LiberationSans-Bold.ttf') },
  srgbIcc: resource('icc/sRGB.icc'),
};

const seal: Seal = {
  authority: 'Bezirksamt Musterstadt',
  approvedBy: 'Jürgen Öztürk-Weiß',
  approvedAt: '2026-11-23T13:05:00.000Z',
  aktenzeichen: SAMPLE_LETTER.info.aktenzeichen,
  contentHash: '3f'.repeat(32),
};

/** Decodes the QR codes on page 1 with zbarimg (zbar-tools), from a 300 dpi rendering. */
function decodeQr(pdf: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'amtsplatz-qr-'));
  try {
    writeFileSync(join(dir, 'b.pdf'), pdf);
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      '300',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      '-png',
      join(dir, 'b.pdf'),
      join(dir, 'p'),
    ]);
    const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sbinary', join(dir, 'p.png')], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return [new TextDecoder().decode(out).replace(/\n$/, '')];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let sealed: Uint8Array;
let words: BboxWord[];
beforeAll(async () => {
  sealed = await renderLetter({ ...SAMPLE_LETTER, seal }, assets);
  words = withPdfFile(sealed, pdftotextBbox);
});

describe('visible seal box', () => {
  it('names authority, approver (umlauts intact) and Berlin time inside the seal box on page 1', () => {
    const text = withPdfFile(sealed, (p) => pdftotext(p));
    expect(text).toContain('Elektronisch gesiegelt');
    expect(text).toMatch(/Freigegeben von\s+Jürgen Öztürk-Weiß/);
    expect(text).toContain('am 23.11.2026, 14:05 Uhr');
    const sealWords = words.filter((w) => w.page === 1 && ['gesiegelt', 'Öztürk-Weiß', '14:05'].includes(w.text));
    expect(sealWords).toHaveLength(3);
    for (const w of sealWords) {
      expect(w.xMin).toBeGreaterThanOrEqual(SEAL_BOX_MM.left * PT_PER_MM);
      expect(w.xMax).toBeLessThanOrEqual((SEAL_BOX_MM.left + SEAL_BOX_MM.width) * PT_PER_MM);
      expect(w.yMin).toBeGreaterThanOrEqual(SEAL_BOX_MM.top * PT_PER_MM);
      expect(w.yMax).toBeLessThanOrEqual((SEAL_BOX_MM.top + SEAL_BOX_MM.height) * PT_PER_MM);
    }
  });

  it('carries a QR code that scans to the Aktenzeichen and the content hash', () => {
    expect(decodeQr(sealed)).toEqual([sealQrPayload(seal)]);
    expect(sealQrPayload(seal)).toContain(`SHA256:${seal.contentHash}`);
  });

  it('keeps the file valid and the output deterministic', async () => {
    expect(withPdfFile(sealed, qpdfCheck).output).toContain('No syntax or stream encoding errors');
    const again = await renderLetter({ ...SAMPLE_LETTER, seal }, assets);
    expect(Buffer.from(again).equals(Buffer.from(sealed))).toBe(true);
  });

  it('refuses names that do not fit the box instead of drawing over its edge', async () => {
    const long = { ...seal, approvedBy: 'Maximiliane '.repeat(16).trim() };
    await expect(renderLetter({ ...SAMPLE_LETTER, seal: long }, assets)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
