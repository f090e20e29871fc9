import type { TextStyle } from './typography.ts';

/** Wrapped lines that flow as a unit (a heading, a paragraph). */
export interface FlowBlock {
  lines: readonly string[];
  style: TextStyle;
  /** Gap above the block in points; dropped at the top of a page. */
  spaceBefore: number;
  /** Keep on the same page as the first lines of the next block (headings). */
  keepWithNext: boolean;
}

/** Vertical extent of the text area in points from the top edge, page 1 and pages 2 ff. */
export interface FlowFrame {
  firstTop: number;
  firstBottom: number;
  nextTop: number;
  nextBottom: number;
}

/** A line slot: its page (0-based) and the top of the slot in points from the top edge. */
export interface PlacedLine {
  page: number;
  top: number;
  text: string;
  style: TextStyle;
}

const MIN_LINES_AT_BREAK = 2;
// Slot arithmetic accumulates float error; a line that fits by a hair must still fit.
const EPSILON = 1e-6;

/**
 * Places blocks top to bottom and breaks pages where needed, keeping headings with the text
 * they introduce and leaving no single line of a paragraph alone at the foot or head of a
 * page (orphans and widows).
 */
export function paginate(blocks: readonly FlowBlock[], frame: FlowFrame): { lines: PlacedLine[]; pageCount: number } {
  const placed: PlacedLine[] = [];
  let page = 0;
  let cursor = frame.firstTop;
  let bottom = frame.firstBottom;
  const atPageTop = (): boolean => cursor === (page === 0 ? frame.firstTop : frame.nextTop);
  const newPage = (): void => {
    page += 1;
    cursor = frame.nextTop;
    bottom = frame.nextBottom;
  };

  blocks.forEach((block, i) => {
    const { leading } = block.style;
    if (block.lines.length === 0) return;
    if (!atPageTop()) cursor += block.spaceBefore;
    if (block.keepWithNext && !atPageTop() && cursor + heightWithNext(block, blocks[i + 1]) > bottom + EPSILON) {
      newPage();
    }
    let remaining = block.lines;
    while (remaining.length > 0) {
      const fit = Math.floor((bottom - cursor + EPSILON) / leading);
      let take = Math.min(remaining.length, fit);
      if (take < remaining.length) take = avoidOrphanAndWidow(remaining.length, take);
      if (take === 0 && atPageTop()) take = Math.max(1, Math.min(remaining.length, fit));
      for (const text of remaining.slice(0, take)) {
        placed.push({ page, top: cursor, text, style: block.style });
        cursor += leading;
      }
      remaining = remaining.slice(take);
      if (remaining.length > 0) newPage();
    }
  });
  return { lines: placed, pageCount: page + 1 };
}

function heightWithNext(block: FlowBlock, next: FlowBlock | undefined): number {
  const own = block.lines.length * block.style.leading;
  if (!next) return own;
  return own + next.spaceBefore + Math.min(MIN_LINES_AT_BREAK, next.lines.length) * next.style.leading;
}

/** How many of `total` lines to put on this page when only `fit` fit (0 = move the block on). */
function avoidOrphanAndWidow(total: number, fit: number): number {
  if (total < 2 * MIN_LINES_AT_BREAK) return 0;
  const take = Math.min(fit, total - MIN_LINES_AT_BREAK);
  return take >= MIN_LINES_AT_BREAK ? take : 0;
}
