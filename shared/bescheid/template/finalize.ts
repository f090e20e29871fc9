import { err, ok, type Result } from '../../domain/errors.ts';
import { templateError, type TemplateError } from './errors.ts';

/**
 * Blocks finalizing while placeholders are open: an error naming every unresolved path, e.g.
 * "Platzhalter nicht aufgelöst: antrag.flaeche, behoerde.iban".
 */
export function finalizeCheck(result: { readonly unresolved: readonly string[] }): Result<void, TemplateError> {
  const paths = [...new Set(result.unresolved)];
  if (paths.length === 0) return ok(undefined);
  const list = paths.join(', ');
  return err(
    templateError('unresolved_placeholder', {
      de: `Platzhalter nicht aufgelöst: ${list}`,
      en: `${paths.length === 1 ? 'Unresolved placeholder' : 'Unresolved placeholders'}: ${list}`,
    }),
  );
}

/** The text parts of a Bescheid as the clerk edits them (BescheidContent has this shape). */
export interface BescheidText {
  readonly betreff: string;
  readonly anrede: string;
  readonly sections: Readonly<
    Record<string, { readonly heading?: string | undefined; readonly paragraphs: readonly string[] } | undefined>
  >;
}

const MARKER = /\[\[([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)*)\]\]/g;

/**
 * Paths of the `[[path]]` markers still in an edited text: the clerk may have kept a marker
 * that rendering left, so finalizing checks the text itself, not only the rendering.
 */
export function unresolvedMarkers(text: BescheidText): string[] {
  const found = new Set<string>();
  const scan = (s: string | undefined) => {
    if (s === undefined) return;
    for (const m of s.matchAll(MARKER)) found.add(m[1] as string);
  };
  scan(text.betreff);
  scan(text.anrede);
  for (const section of Object.values(text.sections)) {
    scan(section?.heading);
    for (const p of section?.paragraphs ?? []) scan(p);
  }
  return [...found];
}

/** finalizeCheck over an edited Bescheid text: what the server runs before sealing. */
export function finalizeCheckText(text: BescheidText): Result<void, TemplateError> {
  return finalizeCheck({ unresolved: unresolvedMarkers(text) });
}
