import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName } from 'pdf-lib';
import { z } from 'zod';
import { canonicalJson } from '../../domain/canonical-json.ts';
import { DomainError } from '../../domain/errors.ts';
import { sha256Hex } from '../../domain/sha256.ts';
import { layoutBody } from './body.ts';
import { layoutFirstPageHead } from './first-page.ts';
import { paginate } from './flow.ts';
import { drawMarks, followHeaderRuns, pageNumberRun } from './furniture.ts';
import { letterInputSchema, type Letter, type LetterAssets, type LetterInput } from './input.ts';
import { BODY_MM, MARGIN_MM, PAGE_MM, SEAL_BOX_PAGE_INDEX, TEXT_WIDTH_MM, mmToPt } from './layout.ts';
import { drawSealBox } from './seal.ts';
import { applyPdfA } from './pdfa.ts';
import { drawRuns, loadFont, measureWith, type LoadedFonts, type TextRun } from './runs.ts';
import { assertRenderable, normalizeText } from './text.ts';

/** Info /Producer and pdf:Producer. */
export const LETTER_PRODUCER = 'Amtsplatz Bescheid-Renderer (pdf-lib 1.17.1)';
/** Info /Creator and xmp:CreatorTool. */
export const LETTER_CREATOR_TOOL = 'Amtsplatz';
const LANGUAGE = 'de-DE';

/**
 * Renders a Bescheid as a DIN 5008 Form B letter and PDF/A-2b file. The output depends only on
 * the input and the assets — `createdAt` supplies every date in the file — so rendering the
 * same Bescheid twice gives the same bytes (and the same hash for the 4-eyes approval).
 * Throws DomainError `validation_failed` for invalid input, characters the font lacks, or
 * lines that do not fit their fixed field.
 */
export async function renderLetter(input: LetterInput, assets: LetterAssets): Promise<Uint8Array> {
  const letter = parseInput(normalizeStrings(input));
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts: LoadedFonts = {
    regular: await loadFont(doc, assets.fonts.regular, 'AMTPLR'),
    bold: await loadFont(doc, assets.fonts.bold, 'AMTPLB'),
  };
  assertLetterRenderable(letter, fonts);
  const measure = measureWith(fonts);

  const head = layoutFirstPageHead(letter, measure);
  const flow = paginate(layoutBody(letter, mmToPt(TEXT_WIDTH_MM), measure), {
    firstTop: head.betreffTop,
    firstBottom: mmToPt(BODY_MM.firstPageBottom),
    nextTop: mmToPt(BODY_MM.followPageTop),
    nextBottom: mmToPt(BODY_MM.followPageBottom),
  });

  const x = mmToPt(MARGIN_MM.left);
  for (let i = 0; i < flow.pageCount; i++) {
    const page = doc.addPage([mmToPt(PAGE_MM.width), mmToPt(PAGE_MM.height)]);
    const runs: TextRun[] =
      i === 0 ? [...head.runs] : followHeaderRuns(letter.letterhead.authorityName, letter.info.aktenzeichen, measure);
    for (const line of flow.lines)
      if (line.page === i) runs.push({ text: line.text, style: line.style, x, top: line.top });
    runs.push(pageNumberRun(i, flow.pageCount, measure));
    drawRuns(page, runs, fonts);
    if (i === SEAL_BOX_PAGE_INDEX && letter.seal) drawSealBox(page, letter.seal, fonts, measure);
    drawMarks(page);
    // pdf-lib gives every page it draws on an empty /Annots array; the letter has no annotations.
    if (page.node.Annots()?.size() === 0) page.node.delete(PDFName.of('Annots'));
  }

  applyPdfA(
    doc,
    {
      title: letter.title ?? letter.betreff.replace(/\n/g, ' '),
      author: letter.letterhead.authorityName,
      creatorTool: LETTER_CREATOR_TOOL,
      producer: LETTER_PRODUCER,
      date: new Date(letter.createdAt),
      language: LANGUAGE,
      documentIdHex: (await sha256Hex(canonicalJson({ producer: LETTER_PRODUCER, letter }))).slice(0, 32),
    },
    assets.srgbIcc,
  );
  // A classic cross-reference table (no object streams) keeps the file easy to extend by an
  // incremental update, which is how the signature is added.
  return doc.save({ useObjectStreams: false });
}

function parseInput(input: unknown): Letter {
  const parsed = letterInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('validation_failed', `Invalid letter: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * normalizeText on every string, before validation so that a field left empty by it is
 * rejected. Keys holding undefined are dropped: they would not survive canonical JSON.
 */
function normalizeStrings(v: unknown): unknown {
  if (typeof v === 'string') return normalizeText(v);
  if (Array.isArray(v)) return v.map(normalizeStrings);
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    return Object.fromEntries(entries.map(([k, x]) => [k, normalizeStrings(x)]));
  }
  return v;
}

function assertLetterRenderable(letter: Letter, fonts: LoadedFonts): void {
  const bold = new Set(fonts.bold.pdfFont.getCharacterSet());
  const supported = new Set(fonts.regular.pdfFont.getCharacterSet().filter((cp) => bold.has(cp)));
  const visit = (v: unknown, path: string): void => {
    if (typeof v === 'string') assertRenderable(v, supported, path);
    else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) visit(x, path ? `${path}.${k}` : k);
  };
  visit(letter, '');
}
