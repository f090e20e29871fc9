export { renderLetter, LETTER_CREATOR_TOOL, LETTER_PRODUCER } from './render.ts';
export { letterInputSchema, SECTION_ORDER } from './input.ts';
export type { LetterAssets, LetterInput, SectionKey } from './input.ts';
export {
  ANSCHRIFTFELD_MM,
  PT_PER_MM,
  SEAL_BOX_MM,
  SEAL_BOX_PAGE_INDEX,
  SEAL_BOX_PT,
  mmToPt,
  rectMmToPt,
} from './layout.ts';
export type { RectMm, RectPt } from './layout.ts';
export { drawSealBox, sealLines, sealQrPayload, sealSchema, type Seal } from './seal.ts';
