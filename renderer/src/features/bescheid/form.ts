import { VORLAGE_SECTIONS, type RenderedVorlage } from '../../../../shared/bescheid/template/index.ts';
import {
  bescheidContent,
  canonicalJson,
  type BescheidContent,
  type BescheidDecision,
} from '../../../../shared/domain/index.ts';

export type SectionKey = (typeof VORLAGE_SECTIONS)[number];
export { VORLAGE_SECTIONS as SECTION_KEYS };

/** The text fields of the editor, in the letter's order. */
export const TEXT_FIELDS = ['recipient', 'betreff', 'anrede', ...VORLAGE_SECTIONS] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Sections a Bescheid cannot do without: the decision itself and how to appeal it (§ 58 VwGO). */
export const REQUIRED_SECTIONS: readonly SectionKey[] = ['tenor', 'rechtsbehelfsbelehrung'];

export interface FeeOverrideInput {
  /** As typed, in euros: "30,70". */
  amount: string;
  reason: string;
}

/**
 * The Bescheid as the clerk edits it: plain text per field, exactly as typed (also when not yet
 * valid), so the local draft can keep every keystroke. formToContent turns it into content.
 */
export interface BescheidForm {
  decision: BescheidDecision;
  vorlageId: string;
  /** One address line per line. */
  recipient: string;
  betreff: string;
  anrede: string;
  /** Paragraphs separated by blank lines; headings come from the Vorlage and are not edited. */
  sections: Record<SectionKey, { heading: string; body: string }>;
  /** The fee the Verfahren's fee rule computes, in cents; null when it cannot compute one. */
  ruleCents: number | null;
  /** A fee set by hand, with its reason; null to use the rule's fee. */
  override: FeeOverrideInput | null;
  /** The fee the text was rendered with: when the fee changes, the text may name the old amount. */
  textCents: number | null;
}

/** What keeps a form from becoming content (`save`) or from being submitted (`submit`). */
export type FormProblem =
  | { code: 'required'; field: TextField; blocks: 'save' | 'submit' }
  | { code: 'too_long'; field: TextField; max: number; blocks: 'save' }
  | { code: 'too_many_lines'; field: 'recipient'; max: number; blocks: 'save' }
  | { code: 'too_many_paragraphs'; field: SectionKey; max: number; blocks: 'save' }
  | { code: 'fee_amount'; blocks: 'save' }
  | { code: 'fee_reason'; blocks: 'save' }
  | { code: 'fee_missing'; blocks: 'save' }
  | { code: 'invalid'; blocks: 'save' };

/** The limits of bescheidContent (shared/domain/bescheid.ts), checked field by field for clear messages. */
export const LIMITS = {
  line: 200,
  addressLines: 6,
  betreff: 500,
  paragraph: 20_000,
  paragraphs: 100,
  reason: 2000,
  cents: 100_000_000,
} as const;

/** Blank lines separate paragraphs; single line breaks stay; trailing spaces and empty paragraphs go. */
export function textToParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trimEnd())
        .filter((l) => l.trim() !== '')
        .join('\n')
        .trim(),
    )
    .filter((p) => p !== '');
}

export function paragraphsToText(paragraphs: readonly string[]): string {
  return paragraphs.join('\n\n');
}

function lines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Cents as the amount field shows them: "30,70" (no thousands separators, no currency sign). */
export function centsToInput(cents: number): string {
  const euros = Math.floor(cents / 100);
  return `${euros},${String(cents % 100).padStart(2, '0')}`;
}

/**
 * An amount in euros as typed in German ("1.234,50", "30,7", "30 €") or with a decimal point
 * ("30.70"), in cents; null when it is not an amount.
 */
export function parseEuroInput(input: string): number | null {
  const s = input.replace(/[\s\u00a0€]/g, '');
  let euros: string;
  let fraction: string;
  const german = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s);
  const point = /^(\d+)\.(\d{1,2})$/.exec(s);
  if (german) {
    euros = (german[1] as string).replace(/\./g, '');
    fraction = german[2] ?? '';
  } else if (point) {
    euros = point[1] as string;
    fraction = point[2] as string;
  } else {
    return null;
  }
  const cents = Number(euros) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(cents) && cents <= LIMITS.cents ? cents : null;
}

function emptySections(): BescheidForm['sections'] {
  return Object.fromEntries(VORLAGE_SECTIONS.map((k) => [k, { heading: '', body: '' }])) as BescheidForm['sections'];
}

/** The text parts of a rendered Textvorlage, by field (recipient is not part of a Vorlage). */
export function renderedText(
  r: Pick<RenderedVorlage, 'betreff' | 'anrede' | 'sections'>,
): Record<Exclude<TextField, 'recipient'>, string> {
  const out = { betreff: r.betreff, anrede: r.anrede } as Record<Exclude<TextField, 'recipient'>, string>;
  for (const k of VORLAGE_SECTIONS) out[k] = paragraphsToText(r.sections[k]?.paragraphs ?? []);
  return out;
}

/** A new form from a rendered Textvorlage, the applicant's address and the fee. */
export function formFromRendered(
  r: RenderedVorlage,
  recipientLines: readonly string[],
  fee: { ruleCents: number | null; override: { cents: number; reason: string } | null },
): BescheidForm {
  const sections = emptySections();
  for (const k of VORLAGE_SECTIONS) {
    const s = r.sections[k];
    if (s) sections[k] = { heading: s.heading ?? '', body: paragraphsToText(s.paragraphs) };
  }
  return {
    decision: r.decision,
    vorlageId: r.vorlageId,
    recipient: recipientLines.join('\n'),
    betreff: r.betreff,
    anrede: r.anrede,
    sections,
    ruleCents: fee.ruleCents,
    override: fee.override && { amount: centsToInput(fee.override.cents), reason: fee.override.reason },
    textCents: fee.override?.cents ?? fee.ruleCents,
  };
}

/** The form of stored content; `ruleCents` is the rule's fee when the content overrides it. */
export function formFromContent(c: BescheidContent, ruleCents: number | null): BescheidForm {
  const sections = emptySections();
  for (const k of VORLAGE_SECTIONS) {
    const s = c.sections[k];
    if (s) sections[k] = { heading: s.heading ?? '', body: paragraphsToText(s.paragraphs) };
  }
  return {
    decision: c.decision,
    vorlageId: c.vorlageId,
    recipient: c.recipient.addressLines.join('\n'),
    betreff: c.betreff,
    anrede: c.anrede,
    sections,
    ruleCents: c.gebuehr.override === null ? c.gebuehr.cents : ruleCents,
    override: c.gebuehr.override && {
      amount: centsToInput(c.gebuehr.override.cents),
      reason: c.gebuehr.override.reason,
    },
    textCents: c.gebuehr.cents,
  };
}

/** The fee the Bescheid fixes: the clerk's when set (null while not a valid amount), else the rule's. */
export function effectiveCents(form: Pick<BescheidForm, 'ruleCents' | 'override'>): number | null {
  return form.override === null ? form.ruleCents : parseEuroInput(form.override.amount);
}

export interface FormResult {
  /** The content to save; null while a `save` problem remains. */
  content: BescheidContent | null;
  problems: FormProblem[];
}

/** Turns the edited form into BescheidContent, naming every problem by field. */
export function formToContent(form: BescheidForm): FormResult {
  const problems: FormProblem[] = [];
  const address = lines(form.recipient);
  if (address.length === 0) problems.push({ code: 'required', field: 'recipient', blocks: 'save' });
  if (address.length > LIMITS.addressLines)
    problems.push({ code: 'too_many_lines', field: 'recipient', max: LIMITS.addressLines, blocks: 'save' });
  if (address.some((l) => l.length > LIMITS.line))
    problems.push({ code: 'too_long', field: 'recipient', max: LIMITS.line, blocks: 'save' });

  const betreff = form.betreff
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
  if (betreff === '') problems.push({ code: 'required', field: 'betreff', blocks: 'save' });
  if (betreff.length > LIMITS.betreff)
    problems.push({ code: 'too_long', field: 'betreff', max: LIMITS.betreff, blocks: 'save' });

  const anrede = form.anrede.replace(/\s+/g, ' ').trim();
  if (anrede === '') problems.push({ code: 'required', field: 'anrede', blocks: 'save' });
  if (anrede.length > LIMITS.line)
    problems.push({ code: 'too_long', field: 'anrede', max: LIMITS.line, blocks: 'save' });

  const sections: BescheidContent['sections'] = {};
  for (const k of VORLAGE_SECTIONS) {
    const paragraphs = textToParagraphs(form.sections[k].body);
    if (paragraphs.length === 0) {
      if (REQUIRED_SECTIONS.includes(k)) problems.push({ code: 'required', field: k, blocks: 'submit' });
      continue;
    }
    if (paragraphs.length > LIMITS.paragraphs)
      problems.push({ code: 'too_many_paragraphs', field: k, max: LIMITS.paragraphs, blocks: 'save' });
    if (paragraphs.some((p) => p.length > LIMITS.paragraph))
      problems.push({ code: 'too_long', field: k, max: LIMITS.paragraph, blocks: 'save' });
    const heading = form.sections[k].heading.trim().slice(0, LIMITS.line);
    sections[k] = heading === '' ? { paragraphs } : { heading, paragraphs };
  }

  let gebuehr: BescheidContent['gebuehr'] | null = null;
  if (form.override !== null) {
    const cents = parseEuroInput(form.override.amount);
    const reason = form.override.reason.trim();
    if (cents === null) problems.push({ code: 'fee_amount', blocks: 'save' });
    if (reason === '' || reason.length > LIMITS.reason) problems.push({ code: 'fee_reason', blocks: 'save' });
    if (cents !== null && reason !== '') gebuehr = { cents, override: { cents, reason } };
  } else if (form.ruleCents === null) {
    problems.push({ code: 'fee_missing', blocks: 'save' });
  } else {
    gebuehr = { cents: form.ruleCents, override: null };
  }

  if (problems.some((p) => p.blocks === 'save') || gebuehr === null) return { content: null, problems };
  const parsed = bescheidContent.safeParse({
    decision: form.decision,
    vorlageId: form.vorlageId,
    recipient: { addressLines: address },
    betreff,
    anrede,
    sections,
    gebuehr,
  });
  // Every rule of the schema is checked above; this catches a rule added to it later.
  if (!parsed.success) return { content: null, problems: [...problems, { code: 'invalid', blocks: 'save' }] };
  return { content: parsed.data, problems };
}

/** Whether two contents are the same Bescheid (what the content hash compares). */
export function sameContent(a: BescheidContent | null | undefined, b: BescheidContent | null | undefined): boolean {
  if (!a || !b) return false;
  return canonicalJson(JSON.parse(JSON.stringify(a))) === canonicalJson(JSON.parse(JSON.stringify(b)));
}

/**
 * After the data behind a Textvorlage changed (a fee set by hand), takes the new rendering for
 * every field the clerk left as it was rendered, and keeps the clerk's text elsewhere. `kept`
 * names the edited fields whose rendering changed: the clerk has to check those by hand.
 */
export function applyRendering(
  form: BescheidForm,
  previous: RenderedVorlage,
  next: RenderedVorlage,
): { form: BescheidForm; kept: TextField[] } {
  const before = renderedText(previous);
  const after = renderedText(next);
  const kept: TextField[] = [];
  const current = (f: Exclude<TextField, 'recipient'>): string =>
    f === 'betreff' || f === 'anrede' ? form[f] : form.sections[f].body;
  const pick = (f: Exclude<TextField, 'recipient'>): string => {
    if (before[f] === after[f]) return current(f);
    if (current(f) === before[f]) return after[f];
    kept.push(f);
    return current(f);
  };
  const sections = { ...form.sections };
  const betreff = pick('betreff');
  const anrede = pick('anrede');
  for (const k of VORLAGE_SECTIONS) {
    const body = pick(k);
    const heading = form.sections[k].heading || next.sections[k]?.heading || '';
    sections[k] = { heading, body };
  }
  return { form: { ...form, betreff, anrede, sections }, kept };
}
