import type { Authority } from '../authority.ts';
import type { BescheidContent } from '../../domain/bescheid.ts';
import type { IsoDate } from '../../domain/ids.ts';
import { SECTION_ORDER, type LetterInput } from './input.ts';

export interface LetterOfInput {
  /** The authority the server is configured for (GET /api/authority on the client). */
  readonly authority: Authority;
  /** The Bescheid's content as it is (or will be) approved. */
  readonly content: BescheidContent;
  readonly aktenzeichen: string;
  /** The author's name for the Informationsblock. */
  readonly sachbearbeitung: string;
  /** Datum printed in the Informationsblock. */
  readonly datum: IsoDate;
  /** The PDF's dates: the sealing time for the sealed letter, the day's start for a preview. */
  readonly createdAt: string;
}

/**
 * The letter of a Bescheid: its content with the authority's letterhead, the Informationsblock
 * and the Datum around it. The client's preview and the server's seal service both build their
 * letter here, so the preview shows the letter that will be sealed (without the seal box, which
 * the seal service adds).
 */
export function letterOf({
  authority,
  content,
  aktenzeichen,
  sachbearbeitung,
  datum,
  createdAt,
}: LetterOfInput): LetterInput {
  const { behoerde, letterhead } = authority;
  const sections: LetterInput['sections'] = {};
  for (const key of SECTION_ORDER) {
    const s = content.sections[key];
    if (s) sections[key] = { ...s, paragraphs: [...s.paragraphs] };
  }
  return {
    createdAt,
    datum,
    letterhead: {
      authorityName: behoerde.name,
      ...(behoerde.einheit === undefined ? {} : { unit: behoerde.einheit }),
      contactLines: [...letterhead.contactLines],
      returnAddress: letterhead.returnAddress,
    },
    recipient: { vermerke: [], addressLines: [...content.recipient.addressLines] },
    info: { aktenzeichen, sachbearbeitung },
    betreff: content.betreff,
    anrede: content.anrede,
    sections,
  };
}
