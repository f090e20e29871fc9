import type { Nachrichtentyp, SentNachrichtentyp } from './codes.ts';
import { checkSent, type SentXdomeaMessage } from './message.ts';
import { checkReplyTo, readMessage, type KontaktInfo, type XdomeaInput } from './read.ts';

/** Which receipt answers which of our messages: each group has its own, Kopf only. */
export const EMPFANGSBESTAETIGUNG_FOR: Readonly<Record<SentNachrichtentyp, Nachrichtentyp>> = {
  'FVDaten.SGOAblegen.0605': 'FVDaten.EmpfangBestaetigen.0629',
  'Abgabe.Abgabe.0401': 'Abgabe.EmpfangBestaetigen.0403',
  'Aussonderung.Anbieteverzeichnis.0501': 'Aussonderung.AnbietungEmpfangBestaetigen.0504',
  'Aussonderung.Aussonderung.0503': 'Aussonderung.AussonderungEmpfangBestaetigen.0507',
};

export interface Empfangsbestaetigung {
  prozessId: string;
  nachrichtentyp: Nachrichtentyp;
  erstellungszeitpunkt: string;
  absender: KontaktInfo;
}

/**
 * The receipt for one of our messages (0629 for a 0605, 0403 for a 0401, 0504 for a 0501,
 * 0507 for a 0503): only that type is accepted, about our ProzessID, from our recipient.
 * A receipt says the message arrived, not that it was imported.
 */
export async function parseEmpfangBestaetigen(
  input: XdomeaInput,
  sentMessage: SentXdomeaMessage,
): Promise<Empfangsbestaetigung> {
  const sent = checkSent(sentMessage);
  const read = await readMessage(input, [EMPFANGSBESTAETIGUNG_FOR[sent.nachrichtentyp]]);
  checkReplyTo(read, sent);
  return {
    prozessId: read.kopf.prozessId,
    nachrichtentyp: read.rootName,
    erstellungszeitpunkt: read.kopf.erstellungszeitpunkt,
    absender: read.kopf.absender,
  };
}
