import type { SnippetSegment } from '../../../../shared/contracts/http/search.ts';

/** Control characters other than tab, line feed and carriage return (the snippet marks are two). */
const CONTROL = /[^\P{Cc}\t\n\r]/gu;
/** A `/` or `-` between two digits: "2026/00042", "05-2026". */
const DIGIT_SEPARATOR = /([0-9])([/-])(?=[0-9])/g;

/**
 * The text as it is indexed: the rule of `volltext_normalize` in migration 0014 (a test runs
 * both over the same samples). Control characters become spaces, and a `/` or `-` between
 * digits gets spaces around it, so that the parser splits Aktenzeichen, dates and numbers
 * into their parts.
 */
export function normalizeText(text: string): string {
  return text.replace(CONTROL, ' ').replace(DIGIT_SEPARATOR, '$1 $2 ');
}

/** normalizeText, and runs of whitespace as one space: a document's page as it is stored. */
export function pageText(text: string): string {
  // NUL cannot be stored in PostgreSQL text at all.
  return normalizeText(text.replaceAll('\u0000', ' ')).replace(/\s+/g, ' ').trim();
}

/** Numbers joined by `.`, `/` or `-`: an Aktenzeichen or a part of it, a date, a file number. */
const DIGIT_GROUP = /[0-9]+(?:[./-][0-9]+)+/g;

/**
 * The user's text for websearch_to_tsquery: the same digit rule as the indexed text, and a
 * group of numbers as a phrase ("2026/00042" finds the parts next to each other, not anywhere)
 * unless the text has quotes of its own. Backslashes go (the OR query quotes lexemes).
 */
export function searchText(input: string): string {
  const plain = input.replace(CONTROL, ' ').replaceAll('\\', ' ').replace(/\s+/g, ' ').trim();
  const grouped = plain.includes('"') ? plain : plain.replace(DIGIT_GROUP, (group) => `"${group}"`);
  // In the query a lone "-" would mean "not": the separators become plain spaces here.
  return grouped.replace(DIGIT_SEPARATOR, '$1 ');
}

/** The marks ts_headline puts around matched words (StartSel, StopSel); indexed text has none. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/**
 * ts_headline's output as segments: text between MARK_START and MARK_END is a match. The
 * client renders the segments as text and <mark> elements, never as HTML. Unbalanced marks
 * (which indexed text cannot contain) end the match at the end of the text.
 */
export function headlineSegments(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let mark = false;
  let text = '';
  const flush = () => {
    if (text !== '') segments.push({ text, mark });
    text = '';
  };
  for (const ch of headline) {
    if (ch === MARK_START || ch === MARK_END) {
      flush();
      mark = ch === MARK_START;
    } else {
      text += ch;
    }
  }
  flush();
  // Consecutive pieces of the same kind (two marks around nothing) read as one.
  return segments.reduce<SnippetSegment[]>((out, s) => {
    const last = out.at(-1);
    if (last?.mark === s.mark) last.text += s.text;
    else out.push({ ...s });
    return out;
  }, []);
}
