import type { Element } from '@xmldom/xmldom';
import {
  AUSSONDERUNGSARTEN,
  MAX_AUFBEWAHRUNGSFRIST_JAHRE,
  type AktenplanEinheitInput,
  type AktenplanFile,
  type Aussonderungsart,
} from '../../../../shared/domain/aktenplan.ts';
import {
  booleanOf,
  children,
  codeOf,
  optional,
  readMessage,
  refuse,
  required,
  textOf,
  type Path,
  type XdomeaInput,
} from './read.ts';

/**
 * Aktenplan.Aktenplan.0301: an authority's file plan as another system exports it, taken into
 * Amtsplatz's Aktenplan (resources/aktenplan/aktenplan.json, docs/e-akte.md "Aktenplan"). The
 * message is checked like every import (schema, Kopf, root) before anything is read; then each
 * Einheit becomes one of ours: Kennzeichen, title (BetreffKurz, else Inhaltsangabe), and on
 * leaves the Aufbewahrungsdauer in years and the Aussonderungsart. What Amtsplatz cannot
 * express is refused naming the element — an Einheit without Kennzeichen, "Unbefristet", a
 * configurable Aussonderungsart — rather than guessed. xdomea carries no English titles: the
 * German one stands in until translated.
 */

export interface AktenplanImport {
  prozessId: string;
  /** In Amtsplatz's file format, ready for flattenAktenplan's checks. */
  file: AktenplanFile;
  /** Einheiten marked stillgelegt: kept (Akten may be filed under them), listed for the records manager. */
  stillgelegt: string[];
}

const isArt = (code: string): code is Aussonderungsart => (AUSSONDERUNGSARTEN as readonly string[]).includes(code);

export async function parseAktenplanImport(input: XdomeaInput, version: number): Promise<AktenplanImport> {
  const read = await readMessage(input, ['Aktenplan.Aktenplan.0301']);
  const path: Path = 'Aktenplan.Aktenplan.0301/Aktenplan';
  const plan = required(read.root, 'Aktenplan', 'Aktenplan.Aktenplan.0301');
  const name = textOf(required(plan, 'Bezeichnung', path));
  const stillgelegt: string[] = [];
  const problems: string[] = [];

  const einheit = (e: Element, at: Path): AktenplanEinheitInput | undefined => {
    const kennzeichenEl = optional(e, 'Kennzeichen', at);
    if (!kennzeichenEl) {
      problems.push(`${at}/Kennzeichen: missing; Amtsplatz files Akten by Kennzeichen`);
      return undefined;
    }
    const kennzeichen = textOf(kennzeichenEl);
    const here = `${at}[Kennzeichen=${kennzeichen}]`;
    const betreff = optional(e, 'BetreffKurz', at) ?? optional(e, 'Inhaltsangabe', at);
    const titel = betreff ? textOf(betreff) : '';
    if (titel === '') problems.push(`${here}: neither BetreffKurz nor Inhaltsangabe names the Einheit`);
    if (booleanOf(required(e, 'Stillgelegt', at), `${here}/Stillgelegt`)) stillgelegt.push(kennzeichen);
    const kids = children(e, 'Einheit');
    const unit: AktenplanEinheitInput = { kennzeichen, titel: { de: titel, en: titel } };
    if (kids.length > 0) {
      unit.einheiten = kids.flatMap((k, i) => einheit(k, `${here}/Einheit[${i + 1}]`) ?? []);
      return unit;
    }
    // A leaf: where Akten are formed, with retention and what happens after.
    const dauer = required(e, 'Aufbewahrungsdauer', here);
    const jahre = optional(dauer, 'AnzahlJahre', `${here}/Aufbewahrungsdauer`);
    if (!jahre) {
      problems.push(`${here}/Aufbewahrungsdauer: Unbefristet; Amtsplatz needs a number of years`);
    } else {
      const n = Number(textOf(jahre));
      if (!Number.isInteger(n) || n < 1 || n > MAX_AUFBEWAHRUNGSFRIST_JAHRE) {
        problems.push(
          `${here}/Aufbewahrungsdauer/AnzahlJahre: ${textOf(jahre)} is not 1 to ${MAX_AUFBEWAHRUNGSFRIST_JAHRE}`,
        );
      } else {
        unit.aufbewahrungsfristJahre = n;
      }
    }
    const art = required(required(e, 'Aussonderungsart', here), 'Aussonderungsart', `${here}/Aussonderungsart`);
    const code = codeOf(art, `${here}/Aussonderungsart/Aussonderungsart`);
    if (isArt(code)) unit.aussonderungsart = code;
    else problems.push(`${here}/Aussonderungsart: code ${code} is not A, B or V`);
    return unit;
  };

  const top = children(plan, 'Einheit').flatMap((e, i) => einheit(e, `${path}/Einheit[${i + 1}]`) ?? []);
  if (top.length === 0 && problems.length === 0) problems.push(`${path}: the Aktenplan has no Einheit`);
  if (problems.length > 0) refuse(...problems);
  return {
    prozessId: read.kopf.prozessId,
    file: { version, name: { de: name, en: name }, einheiten: top },
    stillgelegt,
  };
}
