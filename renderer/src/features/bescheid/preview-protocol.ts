import type { LetterAssets, LetterInput } from '../../../../shared/bescheid/letter/input.ts';

/** Messages to the preview worker: the assets once, then letters to render. */
export type ToPreview = { type: 'assets'; assets: LetterAssets } | { type: 'render'; id: number; letter: LetterInput };

/** `message` is the renderer's reason (a character the font lacks, a line too long for its field). */
export type FromPreview =
  { id: number; ok: true; pdf: Uint8Array<ArrayBuffer> } | { id: number; ok: false; message: string };
