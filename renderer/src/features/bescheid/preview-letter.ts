import type { LetterInput } from '../../../../shared/bescheid/letter/input.ts';
import type { Behoerde } from '../../../../shared/bescheid/template/index.ts';
import type { BescheidContent, IsoDate } from '../../../../shared/domain/index.ts';
import type { Letterhead } from './behoerde.ts';
import { SECTION_KEYS } from './form.ts';

export interface PreviewFrame {
  readonly aktenzeichen: string;
  /** The author's name for the Informationsblock. */
  readonly sachbearbeitung: string;
  readonly datum: IsoDate;
  /** The preview's PDF dates; the sealed letter gets the sealing time instead. */
  readonly createdAt: string;
  readonly behoerde: Behoerde;
  readonly letterhead: Letterhead;
}

/**
 * The letter of a Bescheid's content as the preview renders it: the content as it will be
 * approved, with the letterhead, Informationsblock and Datum around it, and no seal box (that
 * belongs to the sealed letter only).
 */
export function previewLetter(content: BescheidContent, frame: PreviewFrame): LetterInput {
  const sections: LetterInput['sections'] = {};
  for (const key of SECTION_KEYS) {
    const s = content.sections[key];
    if (s) sections[key] = { ...s, paragraphs: [...s.paragraphs] };
  }
  return {
    createdAt: frame.createdAt,
    datum: frame.datum,
    letterhead: {
      authorityName: frame.behoerde.name,
      ...(frame.behoerde.einheit === undefined ? {} : { unit: frame.behoerde.einheit }),
      contactLines: [...frame.letterhead.contactLines],
      returnAddress: frame.letterhead.returnAddress,
    },
    recipient: { addressLines: [...content.recipient.addressLines] },
    info: { aktenzeichen: frame.aktenzeichen, sachbearbeitung: frame.sachbearbeitung },
    betreff: content.betreff,
    anrede: content.anrede,
    sections,
  };
}
