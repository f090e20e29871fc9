import { z } from 'zod';
import { authoritySchema } from '../bescheid/authority.ts';
import { followHeaderRuns, pageNumberRun } from '../bescheid/letter/furniture.ts';
import type { LetterAssets } from '../bescheid/letter/input.ts';
import { drawRuns } from '../bescheid/letter/runs.ts';
import { versandChannel } from '../domain/vorgang.ts';
import { DomainError } from '../domain/errors.ts';
import { isoDate, isoDateTime } from '../domain/ids.ts';
import { createAkteDocument, finishDocument } from './document.ts';
import { flowPages, labelValue, type FlowItem } from './flow.ts';
import { berlinDateTime, germanDay } from './format.ts';
import { A4_PT, AKTE_STYLES, BODY_FRAME, GAP } from './layout.ts';

export const versandvermerkInputSchema = z.object({
  authority: authoritySchema,
  aktenzeichen: z.string().trim().min(1).max(64),
  /** The sealed Bescheid that went out: its file name and the SHA-256 of its bytes. */
  bescheid: z.object({ name: z.string().min(1).max(255), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  versand: z.object({
    channel: versandChannel,
    date: isoDate,
    recordedAt: isoDateTime,
    /** Who recorded it, by name (a member of staff, not the applicant). */
    recordedBy: z.string().trim().min(1).max(200),
  }),
});
export type VersandvermerkInput = z.input<typeof versandvermerkInputSchema>;

const CHANNEL: Readonly<Record<z.infer<typeof versandChannel>, string>> = {
  post: 'Post (gedruckt und versandt)',
  postfach: 'Digitales Postfach',
};

/**
 * The Versandvermerk for the E-Akte: a one-page PDF/A-2b record that the Bescheid (named by
 * file and SHA-256) went out, on which day and way, recorded by whom and when. Deterministic
 * like the Antrag PDF (its date is the recording time), so a repeated rendering gives the same
 * bytes. Throws DomainError `validation_failed` for input that does not match the schema.
 */
export async function renderVersandvermerkPdf(input: VersandvermerkInput, assets: LetterAssets): Promise<Uint8Array> {
  const parsed = versandvermerkInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('validation_failed', `Invalid Versandvermerk: ${z.prettifyError(parsed.error)}`);
  }
  const v = parsed.data;
  const akte = await createAkteDocument(assets);
  const { doc, fonts, measure, printable } = akte;
  const recorded = berlinDateTime(v.versand.recordedAt);
  const items: FlowItem[] = [
    { kind: 'text', text: 'Versandvermerk', style: AKTE_STYLES.title, spaceBefore: 0 },
    {
      kind: 'text',
      text: 'Der unten genannte Bescheid wurde wie vermerkt versandt.',
      style: AKTE_STYLES.note,
      spaceBefore: 2,
    },
    labelValue('Aktenzeichen', printable(v.aktenzeichen), GAP.beforeHeading),
    labelValue('Bescheid', printable(v.bescheid.name), GAP.betweenRows),
    labelValue('SHA-256', v.bescheid.sha256, GAP.betweenRows),
    labelValue('Versandweg', CHANNEL[v.versand.channel], GAP.betweenRows),
    labelValue('Versandt am', germanDay(v.versand.date), GAP.betweenRows),
    labelValue('Vermerkt von', printable(v.versand.recordedBy), GAP.betweenRows),
    labelValue('Vermerkt am', `${recorded.datum} um ${recorded.uhrzeit} Uhr`, GAP.betweenRows),
  ];
  const pages = flowPages(items, BODY_FRAME, measure);
  const authorityName = printable(v.authority.behoerde.name);
  const aktenzeichen = printable(v.aktenzeichen);
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
      title: printable(`Versandvermerk – ${v.aktenzeichen}`),
      author: authorityName,
      date: new Date(v.versand.recordedAt),
      content: { authorityName, aktenzeichen, items },
      claimPdfA: true,
    },
    assets.srgbIcc,
  );
}
