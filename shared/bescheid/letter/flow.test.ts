import { describe, expect, it } from 'vitest';
import { paginate, type FlowBlock, type FlowFrame } from './flow.ts';
import type { TextStyle } from './typography.ts';

const style: TextStyle = { font: 'regular', size: 10, leading: 10 };
// Page 1 holds 5 lines (100–150), pages 2 ff. hold 10 lines (0–100).
const frame: FlowFrame = { firstTop: 100, firstBottom: 150, nextTop: 0, nextBottom: 100 };

const para = (n: number, spaceBefore = 0, keepWithNext = false): FlowBlock => ({
  lines: Array.from({ length: n }, (_, i) => `l${i + 1}`),
  style,
  spaceBefore,
  keepWithNext,
});

const pagesOf = (blocks: FlowBlock[]) => paginate(blocks, frame).lines.map((l) => `${l.page}:${l.top}:${l.text}`);

describe('paginate', () => {
  it('stacks lines and gaps and stays on one page when everything fits', () => {
    const result = paginate([para(2), para(2, 5)], frame);
    expect(result.pageCount).toBe(1);
    expect(result.lines.map((l) => l.top)).toEqual([100, 110, 125, 135]);
  });

  it('breaks a long paragraph across pages and counts the pages', () => {
    const result = paginate([para(20)], frame);
    expect(result.pageCount).toBe(3);
    expect(result.lines.filter((l) => l.page === 0)).toHaveLength(5);
    expect(result.lines.filter((l) => l.page === 1)).toHaveLength(10);
    expect(result.lines.filter((l) => l.page === 2)).toHaveLength(5);
    expect(result.lines[5]).toMatchObject({ page: 1, top: 0, text: 'l6' });
  });

  it('drops the gap above a block that starts a page', () => {
    const lines = paginate([para(5), para(1, 7)], frame).lines;
    expect(lines[5]).toMatchObject({ page: 1, top: 0 });
  });

  it('leaves no orphan: a paragraph with one line left on the page moves on', () => {
    // 4 lines used, 1 free: the 4-line paragraph must not start with a single line.
    expect(pagesOf([para(4), para(4)]).slice(4)).toEqual(['1:0:l1', '1:10:l2', '1:20:l3', '1:30:l4']);
  });

  it('leaves no widow: at least two lines go to the next page', () => {
    // 5 free lines, 6-line paragraph: 5 + 1 would leave a widow, so 4 + 2.
    const lines = paginate([para(6)], frame).lines;
    expect(lines.filter((l) => l.page === 0)).toHaveLength(4);
    expect(lines.filter((l) => l.page === 1).map((l) => l.text)).toEqual(['l5', 'l6']);
  });

  it('moves short paragraphs (under four lines) whole instead of splitting them', () => {
    const lines = paginate([para(3), para(3)], frame).lines;
    expect(lines.slice(3).map((l) => l.page)).toEqual([1, 1, 1]);
  });

  it('keeps a heading with the first lines of the next block', () => {
    // Heading would fit as the 4th line, but its paragraph could not start below it.
    const lines = paginate([para(3), para(1, 0, true), para(4)], frame).lines;
    expect(lines[3]).toMatchObject({ page: 1, top: 0, text: 'l1' });
    expect(lines[4]).toMatchObject({ page: 1, top: 10 });
  });

  it('still makes progress when a line does not fit even on an empty page', () => {
    const tiny: FlowFrame = { firstTop: 0, firstBottom: 5, nextTop: 0, nextBottom: 5 };
    const result = paginate([para(2)], tiny);
    expect(result.pageCount).toBe(2);
    expect(result.lines.map((l) => l.page)).toEqual([0, 1]);
  });
});
