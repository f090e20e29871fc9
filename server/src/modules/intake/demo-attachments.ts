import { deflateSync, crc32 } from 'node:zlib';
import type { Color, PDFFont, PDFPage } from 'pdf-lib';
import { OPEN_STATUSES } from '../../../../shared/domain/status.ts';
import { dokument as dokumentSchema, type Dokument } from '../../../../shared/domain/dokument.ts';
import type { Vorgang } from '../../../../shared/domain/vorgang.ts';
import { Rng } from './random.ts';

/** A demo attachment file: always the same bytes, so they are stored once and shared by hash. */
export interface DemoFile {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** A demo file once stored: what a Dokument refers to. */
export interface StoredDemoFile {
  name: string;
  mediaType: string;
  sha256: string;
  size: number;
}

const A4: [number, number] = [595.28, 841.89];

type Rgb = (red: number, green: number, blue: number) => Color;

/**
 * Byte-identical on every run: no dates or producer written, no random ids. pdf-lib is loaded
 * only here, so a server start without demo seeding does not pay for it.
 */
async function onePagePdf(title: string, draw: (page: PDFPage, font: PDFFont, rgb: Rgb) => void): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setLanguage('de-DE');
  const page = doc.addPage(A4);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(title, { x: 72, y: 760, size: 20, font });
  page.drawText('Demo-Anlage – erzeugt von Amtsplatz, keine echten Daten', {
    x: 72,
    y: 738,
    size: 9,
    font,
    color: rgb(0.35, 0.35, 0.35),
  });
  draw(page, font, rgb);
  return doc.save({ useObjectStreams: false });
}

function lageplan(page: PDFPage, font: PDFFont, rgb: Rgb): void {
  const line = { borderColor: rgb(0, 0, 0), borderWidth: 1 };
  page.drawRectangle({ x: 100, y: 300, width: 380, height: 360, ...line });
  page.drawRectangle({ x: 180, y: 400, width: 200, height: 140, ...line, color: rgb(0.85, 0.85, 0.85) });
  page.drawText('Flurstück 123/4', { x: 110, y: 640, size: 10, font });
  page.drawText('Wohngebäude', { x: 240, y: 465, size: 10, font });
  page.drawText('Straße', { x: 270, y: 270, size: 10, font });
  page.drawLine({ start: { x: 100, y: 285 }, end: { x: 480, y: 285 }, thickness: 2 });
  page.drawText('Maßstab 1:500', { x: 100, y: 240, size: 9, font });
}

function nachweis(page: PDFPage, font: PDFFont): void {
  const lines = [
    'Hiermit wird bestätigt, dass die antragstellende Person die in ihrem',
    'Antrag gemachten Angaben durch geeignete Unterlagen belegt hat.',
    '',
    'Aussteller: Musterbehörde, Musterstraße 1, 12345 Musterstadt',
    'Datum: 01.01.2026',
  ];
  lines.forEach((text, i) => page.drawText(text, { x: 72, y: 690 - i * 16, size: 11, font }));
  page.drawLine({ start: { x: 72, y: 560 }, end: { x: 260, y: 560 }, thickness: 0.5 });
  page.drawText('Unterschrift', { x: 72, y: 546, size: 9, font });
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A small RGB photo stand-in (sky, facade, balcony), encoded by hand: no image library needed. */
function fotoPng(width = 160, height = 120): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const facade = x > 30 && x < 130 && y > 25;
      const balcony = facade && y > 70 && y < 80;
      const [r, g, b] = balcony ? [60, 60, 70] : facade ? [200, 170, 140] : [150, 190, 235 - Math.floor(y / 2)];
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bit, truecolour, deflate, no filter variants, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

/** The three demo attachments: two one-page PDFs and a PNG, identical bytes on every call. */
export async function demoAttachmentFiles(): Promise<DemoFile[]> {
  return [
    { name: 'Lageplan.pdf', mediaType: 'application/pdf', bytes: await onePagePdf('Lageplan', lageplan) },
    { name: 'Nachweis.pdf', mediaType: 'application/pdf', bytes: await onePagePdf('Nachweis', nachweis) },
    { name: 'Foto.png', mediaType: 'image/png', bytes: fotoPng() },
  ];
}

const OPEN: ReadonlySet<string> = new Set(OPEN_STATUSES);

/** Most Anträge come with one attachment, some with two. */
const TWO_ATTACHMENTS = 0.3;

/**
 * Antrag attachments for demo Vorgänge: each open Vorgang gets one or two of the files,
 * received with the Antrag. Deterministic for a seed; uses its own random stream, so the
 * Vorgänge themselves are the same with or without attachments.
 */
export class DemoAttachments {
  readonly #rng: Rng;
  readonly #files: readonly StoredDemoFile[];

  /**
   * Checks each file's metadata against the Dokument schema once: the Dokumente then differ
   * only in a generated UUID, the id of a valid Vorgang and its receipt time, so seeding need
   * not validate every one of them.
   */
  constructor(files: readonly StoredDemoFile[], seed: number) {
    if (files.length === 0) throw new RangeError('at least one demo file is needed');
    for (const f of files) {
      dokumentSchema.parse({
        id: '00000000-0000-4000-8000-000000000000',
        vorgangId: '00000000-0000-4000-8000-000000000000',
        ...f,
        source: 'antrag',
        uploadedBy: null,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
    }
    this.#files = files;
    this.#rng = new Rng(seed ^ 0x5eed_d0c5);
  }

  of(v: Vorgang): Dokument[] {
    if (!OPEN.has(v.status)) return [];
    const count = Math.min(this.#rng.chance(TWO_ATTACHMENTS) ? 2 : 1, this.#files.length);
    const first = this.#rng.int(0, this.#files.length - 1);
    const dokumente: Dokument[] = [];
    for (let k = 0; k < count; k++) {
      const file = this.#files[(first + k) % this.#files.length] as StoredDemoFile;
      dokumente.push({
        id: this.#rng.uuid(),
        vorgangId: v.id,
        name: file.name,
        mediaType: file.mediaType,
        size: file.size,
        sha256: file.sha256,
        source: 'antrag',
        uploadedBy: null,
        createdAt: v.receivedAt,
      });
    }
    return dokumente;
  }
}
