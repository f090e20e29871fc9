import { paginate, type FlowBlock, type FlowFrame } from '../bescheid/letter/flow.ts';
import type { StyledMeasure, TextRun } from '../bescheid/letter/runs.ts';
import type { TextStyle } from '../bescheid/letter/typography.ts';
import { wrapText } from '../bescheid/letter/wrap.ts';
import { AKTE_STYLES, LABEL_WIDTH_PT, LEFT_PT, TEXT_WIDTH_PT, VALUE_LEFT_PT, VALUE_WIDTH_PT } from './layout.ts';

/** A table column: left edge and width in points. */
export interface Column {
  left: number;
  width: number;
  style: TextStyle;
}

/** A paragraph over the full text width, or a table row whose cells wrap within their columns. */
export type FlowItem =
  | { kind: 'text'; text: string; style: TextStyle; spaceBefore: number; keepWithNext?: boolean }
  | { kind: 'row'; cells: readonly string[]; columns: readonly Column[]; spaceBefore: number; keepWithNext?: boolean };

/** Label on the left, value on the right: the rows of the Antrag, the cover sheet and placeholder pages. */
export const LABEL_VALUE_COLUMNS: readonly Column[] = [
  { left: LEFT_PT, width: LABEL_WIDTH_PT, style: AKTE_STYLES.cell },
  { left: VALUE_LEFT_PT, width: VALUE_WIDTH_PT, style: AKTE_STYLES.cell },
];

export const labelValue = (label: string, value: string, spaceBefore: number): FlowItem => ({
  kind: 'row',
  cells: [label, value],
  columns: LABEL_VALUE_COLUMNS,
  spaceBefore,
});

// A row's line slots go through the letter's paginate as keys (it only counts lines) and are
// turned back into one run per cell afterwards. Keys start with NUL, which no printed text
// holds (normalizeText drops control characters), so they cannot meet a paragraph line.
const ROW_KEY = '\u0000';

/**
 * Wraps and paginates the items with the letter's rules (headings kept with what follows, no
 * single line of a paragraph or row alone at a page break) and returns the runs of each page.
 * All cells of a row share the largest leading among its columns, so their lines stay level.
 */
export function flowPages(items: readonly FlowItem[], frame: FlowFrame, measure: StyledMeasure): TextRun[][] {
  const rowRuns = new Map<string, TextRun[]>();
  const blocks = items.map((item, b): FlowBlock => {
    const keepWithNext = item.keepWithNext ?? false;
    if (item.kind === 'text') {
      const lines = wrapText(item.text, TEXT_WIDTH_PT, (t) => measure(t, item.style));
      return { lines, style: item.style, spaceBefore: item.spaceBefore, keepWithNext };
    }
    const leading = Math.max(...item.columns.map((c) => c.style.leading));
    const cellLines = item.columns.map((c, i) => wrapText(item.cells[i] ?? '', c.width, (t) => measure(t, c.style)));
    const keys: string[] = [];
    for (let line = 0; line < Math.max(...cellLines.map((l) => l.length)); line++) {
      const key = `${ROW_KEY}${b}:${line}`;
      const runs: TextRun[] = [];
      item.columns.forEach((c, i) => {
        const text = cellLines[i]?.[line];
        if (text) runs.push({ text, style: { ...c.style, leading }, x: c.left, top: 0 });
      });
      rowRuns.set(key, runs);
      keys.push(key);
    }
    return {
      lines: keys,
      style: { font: 'regular', size: leading, leading },
      spaceBefore: item.spaceBefore,
      keepWithNext,
    };
  });

  const { lines, pageCount } = paginate(blocks, frame);
  const pages: TextRun[][] = Array.from({ length: pageCount }, () => []);
  for (const line of lines) {
    const page = pages[line.page];
    if (!page) continue;
    const cells = rowRuns.get(line.text);
    if (cells) for (const run of cells) page.push({ ...run, top: line.top });
    else page.push({ text: line.text, style: line.style, x: LEFT_PT, top: line.top });
  }
  return pages;
}
