import { z } from 'zod';
import { authoritySchema } from '../bescheid/authority.ts';
import { followHeaderRuns, pageNumberRun } from '../bescheid/letter/furniture.ts';
import type { LetterAssets } from '../bescheid/letter/input.ts';
import { drawRuns } from '../bescheid/letter/runs.ts';
import { DomainError } from '../domain/errors.ts';
import { isoDateTime } from '../domain/ids.ts';
import { allFields, verfahrenDef } from '../domain/verfahren.ts';
import { antragsdaten, applicant, type Applicant } from '../domain/vorgang.ts';
import { createAkteDocument, finishDocument } from './document.ts';
import { flowPages, labelValue, type FlowItem } from './flow.ts';
import { berlinDateTime, formatFieldValue } from './format.ts';
import { A4_PT, AKTE_STYLES, BODY_FRAME, GAP } from './layout.ts';

export const antragPdfInputSchema = z.object({
  /** The authority the application was addressed to; named in the Kopfzeile and as the PDF author. */
  authority: authoritySchema,
  /** The Verfahren the Antragsdaten follow (the version the Vorgang was received under). */
  verfahren: verfahrenDef,
  aktenzeichen: z.string().trim().min(1).max(64),
  antragsteller: applicant,
  /** The Vorgang's values object, keyed by field id. */
  antragsdaten,
  /** Receipt of the application; printed as German wall time and the source of the PDF's dates. */
  eingangAm: isoDateTime,
});
export type AntragPdfInput = z.input<typeof antragPdfInputSchema>;
type Antrag = z.output<typeof antragPdfInputSchema>;

/** The group of Antragsdaten keys the Verfahren does not define (they are printed, not dropped). */
const UNDEFINED_FIELDS_HEADING = 'Weitere Angaben (im Verfahren nicht definiert)';

/**
 * The online application as the applicant submitted it, as a PDF/A-2b file for the E-Akte:
 * title, a header block (Aktenzeichen, receipt, applicant), then every group of the Verfahren
 * with its German labels and the values formatted by field type. Long values wrap and flow
 * onto further pages; every page carries the authority and Aktenzeichen at the top and
 * "Seite n von m" at the foot.
 *
 * The output depends only on the input and the assets — the PDF's dates are `eingangAm` and its
 * /ID is the hash of what the pages show — so rendering the same Antrag again gives the same
 * bytes, and the file can be stored content-addressed. Characters the font lacks are printed as
 * "[U+XXXX]" rather than refused: the applicant's text has to go into the Akte as it came.
 * Throws DomainError `validation_failed` for input that does not match the schema.
 */
export async function renderAntragPdf(input: AntragPdfInput, assets: LetterAssets): Promise<Uint8Array> {
  const antrag = parseInput(input);
  const akte = await createAkteDocument(assets);
  const { doc, fonts, measure, printable } = akte;
  const items = antragItems(antrag).map((item): FlowItem =>
    item.kind === 'text'
      ? { ...item, text: printable(item.text) }
      : { ...item, cells: item.cells.map((c) => printable(c)) },
  );
  const pages = flowPages(items, BODY_FRAME, measure);

  const authorityName = printable(antrag.authority.behoerde.name);
  const aktenzeichen = printable(antrag.aktenzeichen);
  pages.forEach((runs, i) => {
    const page = doc.addPage([A4_PT.width, A4_PT.height]);
    drawRuns(
      page,
      [...followHeaderRuns(authorityName, aktenzeichen, measure), ...runs, pageNumberRun(i, pages.length, measure)],
      fonts,
    );
  });

  return finishDocument(
    akte,
    {
      title: printable(`${antragTitle(antrag)} – ${antrag.aktenzeichen}`),
      author: authorityName,
      date: new Date(antrag.eingangAm),
      content: { authorityName, aktenzeichen, items },
      claimPdfA: true,
    },
    assets.srgbIcc,
  );
}

function parseInput(input: AntragPdfInput): Antrag {
  const parsed = antragPdfInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('validation_failed', `Invalid Antrag: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

const antragTitle = (antrag: Antrag): string => `Antrag: ${antrag.verfahren.name.de}`;

/** What the pages show, before wrapping: title, header block, the groups of label and value rows. */
function antragItems(antrag: Antrag): FlowItem[] {
  const { datum, uhrzeit } = berlinDateTime(antrag.eingangAm);
  const items: FlowItem[] = [
    { kind: 'text', text: antragTitle(antrag), style: AKTE_STYLES.title, spaceBefore: 0 },
    {
      kind: 'text',
      text: `Online-Antrag mit den Angaben, wie sie am ${datum} um ${uhrzeit} Uhr eingegangen sind.`,
      style: AKTE_STYLES.note,
      spaceBefore: 2,
    },
    labelValue('Aktenzeichen', antrag.aktenzeichen, GAP.beforeHeading),
    labelValue('Eingang am', `${datum} um ${uhrzeit} Uhr`, GAP.betweenRows),
    labelValue('Antragsteller*in', applicantLines(antrag.antragsteller), GAP.betweenRows),
  ];
  const group = (heading: string, rows: [string, string][]): void => {
    items.push({
      kind: 'text',
      text: heading,
      style: AKTE_STYLES.heading,
      spaceBefore: GAP.beforeHeading,
      keepWithNext: true,
    });
    rows.forEach(([label, value], i) =>
      items.push(labelValue(label, value, i === 0 ? GAP.afterHeading : GAP.betweenRows)),
    );
  };
  for (const g of antrag.verfahren.groups) {
    group(
      g.label.de,
      g.fields.map((f) => [f.label.de, formatFieldValue(f, antrag.antragsdaten[f.id])]),
    );
  }
  const defined = new Set(allFields(antrag.verfahren).map((f) => f.id));
  const extra = Object.keys(antrag.antragsdaten)
    .filter((key) => !defined.has(key))
    .sort();
  if (extra.length > 0) {
    group(
      UNDEFINED_FIELDS_HEADING,
      extra.map((key) => [key, formatFieldValue({ type: 'text' }, antrag.antragsdaten[key])]),
    );
  }
  return items;
}

function applicantLines(a: Applicant): string {
  return [`${a.givenName} ${a.familyName}`, a.street, `${a.postalCode} ${a.city}`, a.email ?? '']
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
