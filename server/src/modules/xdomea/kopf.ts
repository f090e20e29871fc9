import { NACHRICHTENTYP_LIST, NACHRICHTENTYPEN, type CodeList, type Nachrichtentyp } from './codes.ts';
import type { SendendesSystem, XdomeaParty } from './types.ts';
import { el, x, type XmlChild, type XmlElement } from './xml.ts';

/** An XÖV code element: `<xdomea:Name listURI listVersionID><code>…</code></xdomea:Name>`. */
export function codeElement(localName: string, value: string, list?: CodeList): XmlElement {
  return el(
    `xdomea:${localName}`,
    { listURI: list?.listURI, listVersionID: list?.listVersionID },
    el('code', {}, value),
  );
}

/** xs:boolean as the xdomea documentation words it ("mit 1 gekennzeichnet"). */
export const bool = (value: boolean): string => (value ? '1' : '0');

/**
 * A party of the message. Importers find the authority by its Behördenkennung, so both
 * Behoerdenschluessel and Praefix are always written, in the schema's order; the name goes
 * to Institution, the unit (if any) to Organisationseinheit.
 */
export function kontakt(localName: 'Absender' | 'Empfaenger', party: XdomeaParty): XmlElement {
  return x(
    localName,
    x(
      'Behoerdenkennung',
      codeElement('Behoerdenschluessel', party.kennung.behoerdenschluessel),
      codeElement('Praefix', party.kennung.praefix),
    ),
    x('Institution', x('Name', party.kennung.name)),
    party.organisationseinheit !== undefined && x('Organisationseinheit', x('Name', party.organisationseinheit)),
  );
}

export interface KopfInput {
  prozessId: string;
  nachrichtentyp: Nachrichtentyp;
  erstellungszeitpunkt: Date;
  absender: XdomeaParty;
  empfaenger: XdomeaParty;
  sendendesSystem: SendendesSystem;
}

/** The NkBasisType part every Kopf starts with; Nachrichtentyp/code is the root's number. */
export function kopfBasis(k: KopfInput): XmlChild[] {
  return [
    x('ProzessID', k.prozessId),
    codeElement('Nachrichtentyp', NACHRICHTENTYPEN[k.nachrichtentyp], NACHRICHTENTYP_LIST),
    x('Erstellungszeitpunkt', k.erstellungszeitpunkt.toISOString()),
    kontakt('Absender', k.absender),
    kontakt('Empfaenger', k.empfaenger),
    x(
      'SendendesSystem',
      k.sendendesSystem.instanzId !== undefined && x('InstanzID', k.sendendesSystem.instanzId),
      x('Produktname', k.sendendesSystem.produktname),
      k.sendendesSystem.version !== undefined && x('Version', k.sendendesSystem.version),
    ),
  ];
}
