import type { Element } from '@xmldom/xmldom';
import { z } from 'zod';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { RUECKMELDUNG_ERFOLG } from './codes.ts';
import { bool, kopfBasis } from './kopf.ts';
import {
  checkSent,
  newProzessId,
  packMessage,
  parseInput,
  type SentXdomeaMessage,
  type XdomeaMessage,
} from './message.ts';
import {
  booleanOf,
  checkReplyTo,
  children,
  codeNameOf,
  codeOf,
  optional,
  readMessage,
  refuse,
  required,
  textOf,
  tokenOf,
  type XdomeaInput,
} from './read.ts';
import { SchriftgutWriter, type SchriftgutTyp } from './schriftgut.ts';
import {
  akteRecordSchema,
  DEFAULT_SENDENDES_SYSTEM,
  sendendesSystemSchema,
  xdomeaPartySchema,
  xdomeaUuid,
} from './types.ts';
import { x } from './xml.ts';

/**
 * Fachverfahrensdaten: Amtsplatz as the Fachverfahren that files a closed Akte into the
 * authority's DMS (FVDaten.SGOAblegen.0605), and the DMS's answers, 0629 (received) and 0630
 * (imported, with the IDs the DMS gave).
 */

const sgoAblegenInput = z
  .object({
    akte: akteRecordSchema,
    absender: xdomeaPartySchema,
    empfaenger: xdomeaPartySchema,
    /** Kopf/Erstellerkennung: the user ID of whoever has the Akte filed. */
    erstellerkennung: z.string().trim().min(1).max(255),
    erstellungszeitpunkt: z.date(),
    /** Default: a fresh one; each filing is a Prozess of its own. */
    prozessId: xdomeaUuid.optional(),
    /** IDContainer: the DMS's ID of the object to file into; default: the DMS decides. */
    idContainer: z.string().trim().min(1).max(255).optional(),
    sendendesSystem: sendendesSystemSchema.optional(),
  })
  .strict();
export type SgoAblegenInput = z.input<typeof sgoAblegenInput>;

/**
 * FVDaten.SGOAblegen.0605: the Akte with its Vorgänge and Dokumente, and every Dokument's
 * file, as one SchriftgutobjektZumAblegen (no stack: one object, one answer). Only a closed
 * Akte is filed; receipt and import confirmations are asked for.
 */
export function buildSgoAblegen(input: SgoAblegenInput): XdomeaMessage {
  const i = parseInput(sgoAblegenInput, input, 'FVDaten.SGOAblegen.0605');
  if (i.akte.zdaAm === null) {
    throw new DomainError(
      'validation_failed',
      `Akte ${i.akte.id} is not closed (zdaAm is null): only closed Akten are filed`,
    );
  }
  const prozessId = i.prozessId ?? newProzessId();
  const nachrichtentyp = 'FVDaten.SGOAblegen.0605';
  const writer = new SchriftgutWriter({ withFiles: true });
  const akte = writer.akte(i.akte);
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
      x('Empfangsbestaetigung', bool(true)),
      x('Importbestaetigung', bool(true)),
      x('Erstellerkennung', i.erstellerkennung),
      x('Stapel', bool(false)),
    ),
    x(
      'SchriftgutobjektZumAblegen',
      x('FachverfahrenObjektID', i.akte.id),
      i.idContainer !== undefined && x('IDContainer', i.idContainer),
      x('Schriftgutobjekt', akte),
    ),
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

/** One entry of a Rueckmeldung: which element it was, its code and/or text. */
export interface Rueckmeldung {
  /** AllgemeineRueckmeldung, SpezifischeFehlermeldung0605, SonstigeFehlermeldung, … */
  art: string;
  code?: string;
  text?: string;
}

function readRueckmeldungen(parent: Element, path: string): Rueckmeldung[] {
  const out: Rueckmeldung[] = [];
  for (const r of children(parent, 'Rueckmeldung')) {
    for (let n = r.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const e = n as Element;
      const art = e.localName ?? '';
      if (art === 'SonstigeFehlermeldung') {
        out.push({ art, text: textOf(e) });
      } else {
        const name = codeNameOf(e);
        out.push({ art, code: codeOf(e, `${path}/Rueckmeldung/${art}`), ...(name !== undefined && { text: name }) });
      }
    }
  }
  return out;
}

const isErfolg = (r: Rueckmeldung) => r.art === 'AllgemeineRueckmeldung' && r.code === RUECKMELDUNG_ERFOLG;

export interface FvImportObjekt {
  /** Our ID (the FachverfahrenObjektID of the 0605). */
  objektId: string;
  typ: SchriftgutTyp;
  /** Rueckgabeparameter/IDSGO: the ID the DMS gave the filed object, if it said. */
  dmsId: string | null;
  erfolgreich: boolean;
  /** Parameter/Ablageort, where the DMS answered with one. */
  ablageort: string | null;
  rueckmeldungen: Rueckmeldung[];
}

export interface FvImportBestaetigung {
  prozessId: string;
  /** Every Rueckmeldung is AllgemeineRueckmeldung 0000000 and every object was imported. */
  erfolgreich: boolean;
  /** ErfolgOderMisserfolg/Rueckmeldung, for the message as a whole. */
  rueckmeldungen: Rueckmeldung[];
  objekte: FvImportObjekt[];
}

/**
 * FVDaten.ImportBestaetigen.0630 answering our 0605. Each Rueckgabeparameter is mapped to the
 * filed object by NummerImStapel (1 for our one object, or absent); several parameters for
 * the same object are merged, two different DMS IDs for it are refused.
 */
export async function parseFvImportBestaetigen(
  input: XdomeaInput,
  sentMessage: SentXdomeaMessage,
): Promise<FvImportBestaetigung> {
  const sent = checkSent(sentMessage, 'FVDaten.SGOAblegen.0605', 'FVDaten.ImportBestaetigen.0630');
  const read = await readMessage(input, ['FVDaten.ImportBestaetigen.0630']);
  checkReplyTo(read, sent);
  const path = `${read.rootName}/ErfolgOderMisserfolg`;
  const eom = required(read.root, 'ErfolgOderMisserfolg', read.rootName);
  const rueckmeldungen = readRueckmeldungen(eom, path);
  const filed = sent.objekte.filter((o) => o.parentId === null);
  const byId = new Map<string, FvImportObjekt>();
  children(eom, 'Rueckgabeparameter').forEach((p, index) => {
    const pp = `${path}/Rueckgabeparameter[${index + 1}]`;
    const nummerElement = optional(p, 'NummerImStapel', pp);
    const nummer = nummerElement
      ? Number(tokenOf(nummerElement))
      : filed.length === 1
        ? 1
        : refuse(`${pp}/NummerImStapel: missing, and our 0605 filed ${filed.length} objects`);
    const objekt = filed[nummer - 1] ?? refuse(`${pp}/NummerImStapel: ${nummer} is no object of our 0605`);
    const idElement = optional(p, 'IDSGO', pp);
    const dmsId = idElement ? tokenOf(idElement) : null;
    const parameter = required(p, 'Parameter', pp);
    const ablageortElement = optional(parameter, 'Ablageort', `${pp}/Parameter`);
    const erfolgreich = booleanOf(required(p, 'Erfolgreich', pp), `${pp}/Erfolgreich`);
    const meldungen = readRueckmeldungen(p, pp);
    const earlier = byId.get(objekt.id);
    if (earlier && earlier.dmsId !== null && dmsId !== null && earlier.dmsId.toLowerCase() !== dmsId.toLowerCase()) {
      refuse(
        `${pp}/IDSGO: ${dmsId}, but an earlier Rueckgabeparameter gave ${objekt.typ} ${objekt.id} the ID ${earlier.dmsId}`,
      );
    }
    byId.set(objekt.id, {
      objektId: objekt.id,
      typ: objekt.typ,
      dmsId: earlier?.dmsId ?? dmsId,
      erfolgreich: (earlier?.erfolgreich ?? true) && erfolgreich,
      ablageort: earlier?.ablageort ?? (ablageortElement ? textOf(ablageortElement) : null),
      rueckmeldungen: [...(earlier?.rueckmeldungen ?? []), ...meldungen],
    });
  });
  const objekte = filed.flatMap((o) => byId.get(o.id) ?? []);
  return {
    prozessId: read.kopf.prozessId,
    erfolgreich: rueckmeldungen.length > 0 && rueckmeldungen.every(isErfolg) && objekte.every((o) => o.erfolgreich),
    rueckmeldungen,
    objekte,
  };
}
