/** Width of a string in points, as the embedded font will draw it. */
export type Measure = (text: string) => number;

/**
 * Greedy word wrap for ragged-right text: "\n" forces a break, runs of spaces collapse, and
 * no-break spaces (U+00A0, as in "§ 45" or "100 €") never break. A word wider than the line
 * is split between characters rather than running into the margin. An empty hard line stays
 * an empty line.
 */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const hardLine of text.split('\n')) {
    const words = hardLine.split(' ').filter((w) => w !== '');
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let current = '';
    for (const word of words) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (measure(candidate) <= maxWidth) {
        current = candidate;
        continue;
      }
      if (current !== '') lines.push(current);
      current = '';
      for (const piece of splitOverlong(word, maxWidth, measure)) {
        if (current !== '') lines.push(current);
        current = piece;
      }
    }
    lines.push(current);
  }
  return lines;
}

/** Splits a word into pieces that each fit (a single character always counts as fitting). */
function splitOverlong(word: string, maxWidth: number, measure: Measure): string[] {
  if (measure(word) <= maxWidth) return [word];
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && measure(piece + ch) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  pieces.push(piece);
  return pieces;
}
