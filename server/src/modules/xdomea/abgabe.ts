import { z } from 'zod';
import { bool, kopfBasis } from './kopf.ts';
import {
  checkSent,
  newProzessId,
  packMessage,
  parseInput,
  type SentXdomeaMessage,
  type XdomeaMessage,
} from './message.ts';
import { checkReplyTo, readMessage, readObjektErgebnisse, type XdomeaInput } from './read.ts';
import { SchriftgutWriter, type SchriftgutTyp } from './schriftgut.ts';
import {
  akteRecordSchema,
  DEFAULT_SENDENDES_SYSTEM,
  sendendesSystemSchema,
  vorgangRecordSchema,
  xdomeaPartySchema,
  xdomeaUuid,
} from './types.ts';
import { x } from './xml.ts';

/**
 * Abgabe: a Vorgang handed to another authority when the competence moves (Abgabe.Abgabe.0401),
 * and the recipient's import confirmation (Abgabe.ImportBestaetigen.0402). The receipt
 * (0403) is read by parseEmpfangBestaetigen.
 */

const abgabeInput = z
  .object({
    vorgang: vorgangRecordSchema,
    /** The Akte the Vorgang is filed in: its title is the Vorgang's Aktenbetreff, its Aktenplaneinheit is given. */
    akte: akteRecordSchema.pick({ titel: true, aktenplan: true }).strip().optional(),
    absender: xdomeaPartySchema,
    empfaenger: xdomeaPartySchema,
    erstellungszeitpunkt: z.date(),
    prozessId: xdomeaUuid.optional(),
    sendendesSystem: sendendesSystemSchema.optional(),
  })
  .strict();
export type AbgabeInput = z.input<typeof abgabeInput>;

/**
 * Abgabe.Abgabe.0401: the Vorgang with all its Dokumente and files, asking for receipt and
 * import confirmation. The recipient keeps our UUIDs, and answers by them.
 */
export function buildAbgabe(input: AbgabeInput): XdomeaMessage {
  const i = parseInput(abgabeInput, input, 'Abgabe.Abgabe.0401');
  const prozessId = i.prozessId ?? newProzessId();
  const nachrichtentyp = 'Abgabe.Abgabe.0401';
  const writer = new SchriftgutWriter({ withFiles: true });
  const vorgang = writer.vorgang(i.vorgang, {
    parentId: null,
    ...(i.akte && { aktenbetreff: i.akte.titel, aktenplan: i.akte.aktenplan }),
  });
  const root = x(
    nachrichtentyp,
    x(
      'Kopf',
      kopfBasis({
        prozessId,
        nachrichtentyp,
        erstellungszeitpunkt: i.erstellungszeitpunkt,
        absender: i.absender,
        empfaenger: i.empfaenger,
        sendendesSystem: i.sendendesSystem ?? DEFAULT_SENDENDES_SYSTEM,
      }),
      x('Importbestaetigung', bool(true)),
      x('Empfangsbestaetigung', bool(true)),
    ),
    x('Schriftgutobjekt', vorgang),
  );
  const sent: SentXdomeaMessage = {
    prozessId,
    nachrichtentyp,
    absender: i.absender.kennung,
    empfaenger: i.empfaenger.kennung,
    objekte: writer.objekte,
  };
  return packMessage({
    root,
    prozessId,
    nachrichtentyp,
    files: writer.files,
    sent,
    erstellungszeitpunkt: i.erstellungszeitpunkt,
  });
}

export interface AbgabeImportObjekt {
  id: string;
  typ: SchriftgutTyp;
  erfolgreich: boolean;
  fehlermeldungen: string[];
}

export interface AbgabeImportBestaetigung {
  prozessId: string;
  /** Every object the recipient named was imported. */
  erfolgreich: boolean;
  objekte: AbgabeImportObjekt[];
}

/**
 * Abgabe.ImportBestaetigen.0402 answering our 0401: a result for the Vorgang (and possibly
 * for objects in it), each by the UUID we sent.
 */
export async function parseAbgabeImportBestaetigen(
  input: XdomeaInput,
  sentMessage: SentXdomeaMessage,
): Promise<AbgabeImportBestaetigung> {
  const sent = checkSent(sentMessage, 'Abgabe.Abgabe.0401', 'Abgabe.ImportBestaetigen.0402');
  const read = await readMessage(input, ['Abgabe.ImportBestaetigen.0402']);
  checkReplyTo(read, sent);
  const objekte = readObjektErgebnisse(read, 'AbgegebenesObjekt', sent).map(
    ({ id, typ, erfolgreich, fehlermeldungen }) => ({ id, typ, erfolgreich, fehlermeldungen }),
  );
  return { prozessId: read.kopf.prozessId, erfolgreich: objekte.every((o) => o.erfolgreich), objekte };
}
