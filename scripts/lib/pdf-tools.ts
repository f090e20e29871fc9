/*
 * Thin wrappers around qpdf and poppler-utils for tests that check generated PDFs with
 * independent tools instead of the library that wrote them. Files are passed by path;
 * `withPdfFile` puts bytes into a private temporary directory first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes `bytes` to a temporary file, calls `fn` with its path, and removes it afterwards. */
export function withPdfFile<T>(bytes: Uint8Array, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'amtsplatz-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    writeFileSync(path, bytes);
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface QpdfCheck {
  ok: boolean;
  output: string;
}

/** `qpdf --check`: exit 0 means no syntax or stream errors (2 = errors, 3 = warnings). */
export function qpdfCheck(path: string): QpdfCheck {
  const res = spawnSync('qpdf', ['--check', path], { encoding: 'utf8' });
  return { ok: res.status === 0, output: `${res.stdout}${res.stderr}` };
}

export interface FontRow {
  name: string;
  type: string;
  encoding: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

/** Parses `pdffonts` output; the columns are fixed-width, sized by the dashed header line. */
export function pdffonts(path: string): FontRow[] {
  const lines = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n');
  const ruler = lines[1] ?? '';
  const widths = ruler.split(' ').map((dashes) => dashes.length);
  return lines
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const cells: string[] = [];
      let pos = 0;
      for (const w of widths) {
        cells.push(line.slice(pos, pos + w).trim());
        pos += w + 1;
      }
      const [name = '', type = '', encoding = '', emb, sub, uni] = cells;
      return { name, type, encoding, embedded: emb === 'yes', subset: sub === 'yes', unicode: uni === 'yes' };
    });
}

/** Plain text of the document (or of one page), in reading order as poppler sees it. */
export function pdftotext(path: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', [...range, '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

/** A word with its box in points, origin at the top-left corner of its page (poppler's convention). */
export interface BboxWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Words with bounding boxes from `pdftotext -bbox`, pages numbered from 1. */
export function pdftotextBbox(path: string): BboxWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  const words: BboxWord[] = [];
  let page = 0;
  const token = /<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(token)) {
    if (m[0] === '<page') {
      page += 1;
      continue;
    }
    words.push({
      page,
      text: decodeEntities(m[5] ?? ''),
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
    });
  }
  return words;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A page rendered in 8-bit grey (0 = black, 255 = white). */
export interface GrayRaster {
  width: number;
  height: number;
  dpi: number;
  /** Grey value at a point given in millimetres from the top-left corner. */
  grayAtMm(xMm: number, yMm: number): number;
}

/** Renders one page (1-based) with `pdftoppm -gray` and reads the binary PGM it writes. */
export function renderPageGray(path: string, page: number, dpi: number): GrayRaster {
  const dir = mkdtempSync(join(tmpdir(), 'amtsplatz-ppm-'));
  try {
    const out = join(dir, 'page');
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      path,
      out,
    ]);
    return parsePgm(readFileSync(`${out}.pgm`), dpi);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parsePgm(data: Buffer, dpi: number): GrayRaster {
  // Header: "P5" width height maxval, separated by whitespace, then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('pdftoppm did not write an 8-bit binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const pixels = data.subarray(header[0].length);
  const pxPerMm = dpi / 25.4;
  return {
    width,
    height,
    dpi,
    grayAtMm(xMm, yMm) {
      const x = Math.floor(xMm * pxPerMm);
      const y = Math.floor(yMm * pxPerMm);
      if (x < 0 || y < 0 || x >= width || y >= height) throw new RangeError(`point ${xMm}/${yMm} mm is off the page`);
      return pixels[y * width + x] ?? 255;
    },
  };
}
