import { describe, expect, it } from 'vitest';
import { letterInputSchema } from '../../../../shared/bescheid/letter/input.ts';
import { DEMO_BEHOERDE, DEMO_LETTERHEAD } from './behoerde.ts';
import { previewLetter } from './preview-letter.ts';
import { CONTENT } from './test-data.ts';

describe('previewLetter', () => {
  it('frames the content as a valid letter without a seal box', () => {
    const letter = previewLetter(CONTENT, {
      aktenzeichen: '32.10.05-2026/00042',
      sachbearbeitung: 'Clara Clerk',
      datum: '2026-11-23',
      createdAt: '2026-11-23T10:00:00.000Z',
      behoerde: DEMO_BEHOERDE,
      letterhead: DEMO_LETTERHEAD,
    });
    expect(letterInputSchema.safeParse(letter).success).toBe(true);
    expect(letter.seal).toBeUndefined();
    expect(letter.letterhead).toMatchObject({ authorityName: 'Stadt Musterstadt', unit: 'Bürgerservice' });
    expect(letter.recipient.addressLines).toEqual(CONTENT.recipient.addressLines);
    expect(letter.info).toEqual({ aktenzeichen: '32.10.05-2026/00042', sachbearbeitung: 'Clara Clerk' });
    expect(Object.keys(letter.sections)).toEqual(['tenor', 'rechtsbehelfsbelehrung', 'schlussformel']);
    expect(letter.sections.tenor).toEqual(CONTENT.sections.tenor);
  });
});
