import type { FlowBlock } from './flow.ts';
import { SECTION_ORDER, type Letter } from './input.ts';
import type { StyledMeasure } from './runs.ts';
import { SPACING, STYLES, type TextStyle } from './typography.ts';
import { wrapText } from './wrap.ts';

/**
 * Betreff, Anrede and the sections in their fixed order (Tenor before Begründung, the
 * Rechtsbehelfsbelehrung after the Gebühren, Schlussformel last) as wrapped blocks.
 */
export function layoutBody(letter: Letter, width: number, measure: StyledMeasure): FlowBlock[] {
  const block = (text: string, style: TextStyle, spaceBefore: number, keepWithNext = false): FlowBlock => ({
    lines: wrapText(text, width, (t) => measure(t, style)),
    style,
    spaceBefore,
    keepWithNext,
  });

  const blocks: FlowBlock[] = [
    block(letter.betreff, STYLES.betreff, 0, true),
    block(letter.anrede, STYLES.body, SPACING.afterBetreff),
  ];
  let sectionGap: number = SPACING.afterAnrede;
  for (const key of SECTION_ORDER) {
    const section = letter.sections[key];
    if (!section) continue;
    let gap = sectionGap;
    sectionGap = SPACING.beforeHeading;
    if (section.heading !== undefined) {
      blocks.push(block(section.heading, STYLES.heading, gap, true));
      gap = SPACING.afterHeading;
    }
    for (const paragraph of section.paragraphs) {
      blocks.push(block(paragraph, STYLES.body, gap));
      gap = SPACING.betweenParagraphs;
    }
  }
  return blocks;
}
