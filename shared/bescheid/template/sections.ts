import type { BescheidDecision } from '../../domain/bescheid.ts';
import { err, ok, type Result } from '../../domain/errors.ts';
import type { SectionKey } from '../letter/input.ts';
import type { Template } from './ast.ts';
import { templateError, within, type TemplateError } from './errors.ts';
import { Renderer, type BlockSet, type ContextObject } from './render.ts';
import type { Vorlage } from './vorlage.ts';

/** The letter's order (SECTION_ORDER of shared/bescheid/letter), without loading the PDF code. */
export const VORLAGE_SECTIONS = [
  'tenor',
  'begruendung',
  'gebuehren',
  'rechtsbehelfsbelehrung',
  'schlussformel',
] as const satisfies readonly SectionKey[];

/** What a Bescheid's content allows (bescheidContent in shared/domain/bescheid.ts). */
const CONTENT_LIMITS = { betreff: 500, anrede: 200, heading: 200, paragraph: 20_000, paragraphs: 100 } as const;

export interface CompiledVorlage {
  readonly vorlage: Vorlage;
  readonly betreff: Template;
  readonly anrede: Template;
  readonly sections: {
    -readonly [K in SectionKey]?: { readonly heading: Template | undefined; readonly body: Template };
  };
}

export interface RenderedSection {
  readonly heading?: string;
  readonly paragraphs: string[];
}

/** A rendered Textvorlage: the text parts of BescheidContent and the letter, plus what stayed open. */
export interface RenderedVorlage {
  readonly vorlageId: string;
  readonly decision: BescheidDecision;
  readonly betreff: string;
  readonly anrede: string;
  /** Sections that render to no text at all are left out. */
  readonly sections: { readonly [K in SectionKey]?: RenderedSection };
  /** Every unresolved placeholder path, in order of first use; finalizeCheck turns it into an error. */
  readonly unresolved: readonly string[];
}

export function renderSections(
  entry: CompiledVorlage,
  context: ContextObject,
  blocks: BlockSet,
): Result<RenderedVorlage, TemplateError> {
  const id = entry.vorlage.id;
  const renderer = new Renderer(context, blocks);
  const unresolved = new Set<string>();
  const run = (template: Template, where: string): Result<string, TemplateError> => {
    const r = renderer.render(template);
    if (!r.ok) return err(within(`${id}: ${where}`, r.error));
    for (const p of r.value.unresolved) unresolved.add(p);
    return ok(r.value.text);
  };
  const tooLong = (where: string, limit: number) =>
    err(
      within(
        `${id}: ${where}`,
        templateError('limit_exceeded', {
          de: `Der Text ist länger als ${limit} Zeichen`,
          en: `The text is longer than ${limit} characters`,
        }),
      ),
    );
  const empty = (where: string) =>
    err(
      within(`${id}: ${where}`, templateError('invalid_vorlage', { de: 'Der Text ist leer', en: 'The text is empty' })),
    );

  const betreffText = run(entry.betreff, 'betreff');
  if (!betreffText.ok) return betreffText;
  const betreff = paragraphLines(betreffText.value);
  if (betreff === '') return empty('betreff');
  if (betreff.length > CONTENT_LIMITS.betreff) return tooLong('betreff', CONTENT_LIMITS.betreff);

  const anredeText = run(entry.anrede, 'anrede');
  if (!anredeText.ok) return anredeText;
  const anrede = oneLine(anredeText.value);
  if (anrede === '') return empty('anrede');
  if (anrede.length > CONTENT_LIMITS.anrede) return tooLong('anrede', CONTENT_LIMITS.anrede);

  const sections: { [K in SectionKey]?: RenderedSection } = {};
  for (const key of VORLAGE_SECTIONS) {
    const section = entry.sections[key];
    if (section === undefined) continue;
    let heading: string | undefined;
    if (section.heading !== undefined) {
      const h = run(section.heading, `sections.${key}.heading`);
      if (!h.ok) return h;
      heading = oneLine(h.value) || undefined;
      if (heading !== undefined && heading.length > CONTENT_LIMITS.heading)
        return tooLong(`sections.${key}.heading`, CONTENT_LIMITS.heading);
    }
    const body = run(section.body, `sections.${key}`);
    if (!body.ok) return body;
    const paragraphs = toParagraphs(body.value);
    if (paragraphs.length === 0) continue;
    if (paragraphs.length > CONTENT_LIMITS.paragraphs) {
      return err(
        within(
          `${id}: sections.${key}`,
          templateError('limit_exceeded', {
            de: `Mehr als ${CONTENT_LIMITS.paragraphs} Absätze`,
            en: `More than ${CONTENT_LIMITS.paragraphs} paragraphs`,
          }),
        ),
      );
    }
    if (paragraphs.some((p) => p.length > CONTENT_LIMITS.paragraph))
      return tooLong(`sections.${key}`, CONTENT_LIMITS.paragraph);
    sections[key] = heading === undefined ? { paragraphs } : { heading, paragraphs };
  }
  return ok({
    vorlageId: id,
    decision: entry.vorlage.decision,
    betreff,
    anrede,
    sections,
    unresolved: [...unresolved],
  });
}

/**
 * Blank lines separate paragraphs; within one, a single line break stays a forced break.
 * Runs of spaces (a condition that rendered nothing between two words) shrink to one; no-break
 * spaces stay.
 */
function toParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map(paragraphLines)
    .filter((p) => p !== '');
}

function paragraphLines(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

function oneLine(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').trim();
}
