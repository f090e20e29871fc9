import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdftotext, qpdfCheck, withPdfFile } from '../../scripts/lib/pdf-tools.ts';
import { DEMO_AUTHORITY } from '../bescheid/authority.ts';
import type { LetterAssets } from '../bescheid/letter/index.ts';
import { DomainError } from '../domain/errors.ts';
import { renderVersandvermerkPdf, type VersandvermerkInput } from './versandvermerk-pdf.ts';

const resource = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../resources/${path}`, import.meta.url)));
const assets: LetterAssets = {
  fonts: { regular: resource('fonts/LiberationSans-Regular.ttf'), bold: resource('fonts/LiberationSans-Bold.ttf') },
  srgbIcc: resource('icc/sRGB.icc'),
};
const SHA = 'ab'.repeat(32);
const INPUT: VersandvermerkInput = {
  authority: DEMO_AUTHORITY,
  aktenzeichen: '32.10.05-2026/00042',
  bescheid: { name: 'Bescheid-32.10.05-2026-00042.pdf', sha256: SHA },
  versand: {
    channel: 'postfach',
    date: '2026-12-01',
    recordedAt: '2026-12-01T23:30:00.000Z',
    recordedBy: 'Petra Schmidt',
  },
};
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the Versandvermerk PDF', () => {
  it('records what went out, how and when, passes qpdf --check and renders the same bytes again', async () => {
    const pdf = await renderVersandvermerkPdf(INPUT, assets);
    expect(withPdfFile(pdf, qpdfCheck).ok).toBe(true);
    const text = flat(withPdfFile(pdf, pdftotext));
    expect(text).toContain('Versandvermerk');
    expect(text).toContain('Aktenzeichen 32.10.05-2026/00042');
    // The hash wraps in the value column; without the line breaks it is whole.
    expect(text.replaceAll(' ', '')).toContain(`SHA-256${SHA}`);
    expect(text).toContain('Versandweg Digitales Postfach');
    expect(text).toContain('Versandt am 01.12.2026');
    // 23:30 UTC is already the next day in Berlin.
    expect(text).toContain('Vermerkt am 02.12.2026 um 00:30 Uhr');
    expect(text).toContain('Vermerkt von Petra Schmidt');
    expect(Buffer.from(await renderVersandvermerkPdf(INPUT, assets)).equals(Buffer.from(pdf))).toBe(true);
  }, 30_000);

  it('refuses a malformed hash', async () => {
    await expect(
      renderVersandvermerkPdf({ ...INPUT, bescheid: { ...INPUT.bescheid, sha256: 'xyz' } }, assets),
    ).rejects.toBeInstanceOf(DomainError);
  });
});
