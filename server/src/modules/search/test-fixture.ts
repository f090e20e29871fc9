import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { renderAntragPdf } from '../../../../shared/akte/index.ts';
import { DEMO_AUTHORITY } from '../../../../shared/bescheid/authority.ts';
import type { Applicant, Antragsdaten } from '../../../../shared/domain/vorgang.ts';
import { loadLetterAssets } from '../bescheid/seal-service.ts';
import { loadVerfahren } from '../verfahren/load.ts';
import { detectTools, type ExtractionTools } from './extract.ts';

/*
 * Documents for the full-text tests and the bench: the Antrag PDF of shared/akte (a real text
 * layer), the same page as a scan (an image only, no text layer), and broken bytes.
 */

const run = promisify(execFile);

export const FIXTURE_APPLICANT: Applicant = {
  givenName: 'Jörg',
  familyName: 'Weißmüller',
  street: 'Lindenallee 7',
  postalCode: '97070',
  city: 'Würzburg',
};

/** The Antrag of a Bewohnerparkausweis as shared/akte renders it for the E-Akte. */
export async function antragPdf(
  options: { aktenzeichen?: string; antragsteller?: Applicant; antragsdaten?: Antragsdaten } = {},
): Promise<Uint8Array> {
  const verfahren = (await loadVerfahren()).find((v) => v.id === 'bewohnerparkausweis');
  if (!verfahren) throw new Error('Verfahren bewohnerparkausweis is not shipped');
  return renderAntragPdf(
    {
      authority: DEMO_AUTHORITY,
      verfahren,
      aktenzeichen: options.aktenzeichen ?? '32.10.05-2026/00042',
      antragsteller: options.antragsteller ?? FIXTURE_APPLICANT,
      antragsdaten: options.antragsdaten ?? { bewohnerparkzone: 'B', kennzeichen: 'WÜ-AB 1234', hauptwohnsitz: true },
      eingangAm: '2026-03-02T09:15:00.000Z',
    },
    await loadLetterAssets(),
  );
}

/**
 * The first page of a PDF as a scan would file it: rendered to a grey image (pdftoppm, 150
 * dpi) and put alone on a page of a new PDF, so that the file has no text layer at all.
 */
export async function scannedPdf(pdf: Uint8Array): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-scan-'));
  try {
    await writeFile(join(dir, 'in.pdf'), pdf);
    await run(
      'pdftoppm',
      ['-q', '-f', '1', '-l', '1', '-r', '150', '-gray', '-png', '-singlefile', join(dir, 'in.pdf'), join(dir, 'scan')],
      {
        timeout: 60_000,
      },
    );
    const png = await readFile(join(dir, 'scan.png'));
    const doc = await PDFDocument.create({ updateMetadata: false });
    const image = await doc.embedPng(png);
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
    return await doc.save();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A PDF header and then nothing a reader can use. */
export const MALFORMED_PDF = new TextEncoder().encode(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nstream\x00\x01garbage\n%%EOF\n',
);

let detected: Promise<ExtractionTools> | undefined;
/** This machine's tools (Tesseract only when installed with German). */
export const machineTools = (): Promise<ExtractionTools> => (detected ??= detectTools());
