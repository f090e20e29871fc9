import type { Authority } from '../../../../shared/bescheid/authority.ts';
import type { LetterInput } from '../../../../shared/bescheid/letter/input.ts';
import { letterOf } from '../../../../shared/bescheid/letter/letter-of.ts';
import type { BescheidContent, IsoDate } from '../../../../shared/domain/index.ts';

export interface PreviewFrame {
  readonly aktenzeichen: string;
  /** The author's name for the Informationsblock. */
  readonly sachbearbeitung: string;
  readonly datum: IsoDate;
  /** The server's authority, as fetched (useAuthority). */
  readonly authority: Authority;
}

/**
 * The letter of a Bescheid's content as the preview renders it: the same letter the server's
 * seal service builds (letterOf), dated today, and without the seal box (that belongs to the
 * sealed letter only).
 */
export function previewLetter(content: BescheidContent, frame: PreviewFrame): LetterInput {
  return letterOf({
    authority: frame.authority,
    content,
    aktenzeichen: frame.aktenzeichen,
    sachbearbeitung: frame.sachbearbeitung,
    datum: frame.datum,
    // The preview's PDF dates; the sealed letter gets the sealing time instead.
    createdAt: `${frame.datum}T00:00:00.000Z`,
  });
}
