import { z } from 'zod';
import { berlinDate } from '../../../../shared/domain/clock.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { bool, kopfBasis } from './kopf.ts';
import {
  checkSent,
  newProzessId,
  packMessage,
  parseInput,
  sentXdomeaMessageSchema,
  type SentXdomeaMessage,
  type XdomeaMessage,
} from './message.ts';
import {
  booleanOf,
  checkReplyTo,
  children,
  codeOf,
  optional,
  readMessage,
  readObjektErgebnisse,
  refuse,
  required,
  sentObjekt,
  textOf,
  tokenOf,
  type XdomeaInput,
} from './read.ts';
import { SchriftgutWriter, type XdomeaObjekt } from './schriftgut.ts';
import {
  akteRecordSchema,
  DEFAULT_SENDENDES_SYSTEM,
  sendendesSystemSchema,
  xdomeaPartySchema,
  xdomeaUuid,
  type AkteRecord,
  type Behoerdenkennung,
} from './types.ts';
import { x } from './xml.ts';

/**
 * Aussonderung, one Prozess from offer to hand-over: Anbieteverzeichnis (0501, metadata of
 * the Akten whose retention ended), the archive's Bewertungsverzeichnis (0502, A or V per
 * Akte), the Aussonderung (0503, the Akten decided A with their files, under the 0501's
 * ProzessID and IDs) and the archive's import confirmation (0506). Amtsplatz offers whole
 * Akten and takes one decision per Akte.
 */

const partyInputs = {
  absender: xdomeaPartySchema,
  /** The archive. */
  empfaenger: xdomeaPartySchema,
  erstellungszeitpunkt: z.date(),
  sendendesSystem: sendendesSystemSchema.optional(),
};

const anbieteverzeichnisInput = z
  .object({
    akten: z.array(akteRecordSchema).min(1),
    /** Default: a fresh one, which the whole Aussonderung then keeps. */
    prozessId: xdomeaUuid.optional(),
    ...partyInputs,
  })
  .strict();
export type AnbieteverzeichnisInput = z.input<typeof anbieteverzeichnisInput>;

/**
 * Aussonderung.Anbieteverzeichnis.0501: each Akte with its Vorgänge and Dokumente as
 * metadata, no files. Only closed Akten whose retention has ended (aufbewahrungBis before
 * the German calendar day of erstellungszeitpunkt) may be offered; the Akte's
 * Aussonderungsart goes along as the pre-assessment. Keep `sent`: the 0502 is checked
 * against it and the 0503 reuses it.
 */
export function buildAnbieteverzeichnis(input: AnbieteverzeichnisInput): XdomeaMessage {
  const i = parseInput(anbieteverzeichnisInput, input, 'Aussonderung.Anbieteverzeichnis.0501');
  const today = berlinDate(i.erstellungszeitpunkt);
  for (const akte of i.akten) {
    if (akte.zdaAm === null) {
      throw new DomainError('validation_failed', `Akte ${akte.id} is not closed (zdaAm is null)`);
    }
    if (akte.aufbewahrungBis === null || akte.aufbewahrungBis >= today) {
      throw new DomainError(
        'validation_failed',
        `Akte ${akte.id}: retention runs until ${akte.aufbewahrungBis ?? '(not set)'}, not ended on ${today}`,
      );
    }
  }
  const prozessId = i.prozessId ?? newProzessId();
  const nachrichtentyp = 'Aussonderung.Anbieteverzeichnis.0501';
  const writer = new SchriftgutWriter({ withFiles: false });
  const akten = i.akten.map((a) => x('Schriftgutobjekt', writer.akte(a)));
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
    ),
    akten,
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
    files: [],
    sent,
    erstellungszeitpunkt: i.erstellungszeitpunkt,
  });
}

export type Bewertung = 'A' | 'V';

export interface Bewertungsverzeichnis {
  prozessId: string;
  /** Whether the archive asks for a receipt (Aussonderung.BewertungEmpfangBestaetigen.0505). */
  empfangsbestaetigungErbeten: boolean;
  /** One per offered Akte, in the 0501's order. */
  bewertungen: { akteId: string; aussonderungsart: Bewertung }[];
  /** The Akten decided A (archivieren): the 0503 hands these over. */
  archivieren: string[];
  /** The Akten decided V (vernichten). */
  vernichten: string[];
}

/**
 * Aussonderung.Bewertungsverzeichnis.0502 answering our 0501: one decision per offered Akte,
 * A (archivieren) or V (vernichten), by the 0501's IDs. Refused: an ID we did not offer, an
 * object inside an offered Akte, a second decision for one Akte, an Akte left without one,
 * B (that is a question, not a decision) and a configurable value we cannot interpret.
 */
export async function parseBewertungsverzeichnis(
  input: XdomeaInput,
  sentMessage: SentXdomeaMessage,
): Promise<Bewertungsverzeichnis> {
  const sent = checkSent(
    sentMessage,
    'Aussonderung.Anbieteverzeichnis.0501',
    'Aussonderung.Bewertungsverzeichnis.0502',
  );
  const read = await readMessage(input, ['Aussonderung.Bewertungsverzeichnis.0502']);
  checkReplyTo(read, sent);
  const decided = new Map<string, Bewertung>();
  children(read.root, 'BewertetesObjekt').forEach((e, index) => {
    const path = `${read.rootName}/BewertetesObjekt[${index + 1}]`;
    const id = tokenOf(required(e, 'ID', path));
    const objekt = sentObjekt(sent, id, `${path}/ID`);
    if (objekt.parentId !== null) {
      refuse(`${path}/ID: ${id} is a ${objekt.typ} inside an offered Akte; Amtsplatz takes one decision per Akte`);
    }
    if (decided.has(objekt.id)) refuse(`${path}/ID: Akte ${id} is decided twice`);
    const art = required(e, 'Aussonderungsart', path);
    const ap = `${path}/Aussonderungsart`;
    const coded = optional(art, 'Aussonderungsart', ap);
    if (!coded) {
      const free = optional(art, 'AussonderungsartKonfigurierbar', ap);
      refuse(`${ap}/AussonderungsartKonfigurierbar: "${free ? textOf(free) : ''}" is no decision Amtsplatz can read`);
    }
    const code = codeOf(coded, `${ap}/Aussonderungsart`);
    if (code !== 'A' && code !== 'V') {
      refuse(`${ap}/Aussonderungsart/code: ${code} for Akte ${id}; the archive must decide A or V`);
    }
    decided.set(objekt.id, code);
  });
  const offered = sent.objekte.filter((o) => o.parentId === null);
  const open = offered.filter((o) => !decided.has(o.id));
  if (open.length > 0) {
    refuse(`${read.rootName}: no BewertetesObjekt for ${open.map((o) => `Akte ${o.id}`).join(', ')}`);
  }
  const kp = `${read.rootName}/Kopf`;
  const kopf = required(read.root, 'Kopf', read.rootName);
  const bewertungen = offered.flatMap((o) => {
    const aussonderungsart = decided.get(o.id);
    return aussonderungsart ? [{ akteId: o.id, aussonderungsart }] : [];
  });
  return {
    prozessId: read.kopf.prozessId,
    empfangsbestaetigungErbeten: booleanOf(required(kopf, 'Empfangsbestaetigung', kp), `${kp}/Empfangsbestaetigung`),
    bewertungen,
    archivieren: bewertungen.filter((b) => b.aussonderungsart === 'A').map((b) => b.akteId),
    vernichten: bewertungen.filter((b) => b.aussonderungsart === 'V').map((b) => b.akteId),
  };
}

const aussonderungInput = z
  .object({
    /** `sent` of our 0501. */
    anbietung: sentXdomeaMessageSchema,
    /** The parsed 0502. */
    bewertung: z
      .object({
        prozessId: xdomeaUuid,
        archivieren: z.array(xdomeaUuid),
      })
      .strip(),
    /** At least the Akten decided A, with every Dokument's bytes; others are left out. */
    akten: z.array(akteRecordSchema),
    ...partyInputs,
  })
  .strict();
export type AussonderungInput = z.input<typeof aussonderungInput>;

const sameKennung = (a: Behoerdenkennung, b: Behoerdenkennung) =>
  a.praefix === b.praefix && a.behoerdenschluessel === b.behoerdenschluessel;

/**
 * Aussonderung.Aussonderung.0503: the Akten the archive decided A, with all their Vorgänge,
 * Dokumente and files, under the 0501's ProzessID. Each must be exactly as offered (same
 * UUIDs in the same places), since the archive matches the 0503 against its Bewertung;
 * its Aussonderungsart is now the archive's A.
 */
export function buildAussonderung(input: AussonderungInput): XdomeaMessage {
  const i = parseInput(aussonderungInput, input, 'Aussonderung.Aussonderung.0503');
  const { anbietung, bewertung } = i;
  if (anbietung.nachrichtentyp !== 'Aussonderung.Anbieteverzeichnis.0501') {
    throw new DomainError('validation_failed', `anbietung is a ${anbietung.nachrichtentyp}, not the 0501`);
  }
  if (bewertung.prozessId.toLowerCase() !== anbietung.prozessId.toLowerCase()) {
    throw new DomainError(
      'validation_failed',
      `the Bewertung belongs to Prozess ${bewertung.prozessId}, the Anbietung to ${anbietung.prozessId}`,
    );
  }
  if (
    !sameKennung(i.absender.kennung, anbietung.absender) ||
    !sameKennung(i.empfaenger.kennung, anbietung.empfaenger)
  ) {
    throw new DomainError('validation_failed', 'the 0503 must go between the same authorities as the 0501');
  }
  if (bewertung.archivieren.length === 0) {
    throw new DomainError('validation_failed', 'no Akte was decided A: there is nothing to hand over');
  }
  const byId = new Map(i.akten.map((a) => [a.id.toLowerCase(), a]));
  const selected: AkteRecord[] = [];
  for (const offered of anbietung.objekte.filter((o) => o.parentId === null)) {
    if (!bewertung.archivieren.some((id) => id.toLowerCase() === offered.id.toLowerCase())) continue;
    const akte = byId.get(offered.id.toLowerCase());
    if (!akte) throw new DomainError('validation_failed', `Akte ${offered.id} was decided A but is not given`);
    assertAsOffered(akte, anbietung.objekte);
    selected.push(akte);
  }
  for (const id of bewertung.archivieren) {
    if (!anbietung.objekte.some((o) => o.parentId === null && o.id.toLowerCase() === id.toLowerCase())) {
      throw new DomainError('validation_failed', `Akte ${id} was decided A but was not offered in the 0501`);
    }
  }
  const prozessId = anbietung.prozessId;
  const nachrichtentyp = 'Aussonderung.Aussonderung.0503';
  const writer = new SchriftgutWriter({ withFiles: true });
  const akten = selected.map((a) => x('Schriftgutobjekt', writer.akte(a, { aussonderungsart: 'A' })));
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
      x('RueckmeldungArchivkennung', bool(true)),
      x('Empfangsbestaetigung', bool(true)),
    ),
    akten,
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

/** The Akte's objects now are the 0501's objects under it: none added, none gone, none moved. */
function assertAsOffered(akte: AkteRecord, offered: readonly XdomeaObjekt[]): void {
  const key = (o: XdomeaObjekt) => `${o.typ} ${o.id.toLowerCase()} in ${o.parentId?.toLowerCase() ?? '-'}`;
  const now: XdomeaObjekt[] = akte.vorgaenge.flatMap((v) => [
    { id: v.id, typ: 'Vorgang' as const, parentId: akte.id },
    ...v.dokumente.map((d) => ({ id: d.id, typ: 'Dokument' as const, parentId: v.id })),
  ]);
  const inside = new Set<string>([akte.id.toLowerCase()]);
  const then: XdomeaObjekt[] = [];
  for (const o of offered) {
    if (o.parentId !== null && inside.has(o.parentId.toLowerCase())) {
      then.push(o);
      inside.add(o.id.toLowerCase());
    }
  }
  const thenKeys = new Set(then.map(key));
  const nowKeys = new Set(now.map(key));
  const added = now.filter((o) => !thenKeys.has(key(o)));
  const gone = then.filter((o) => !nowKeys.has(key(o)));
  if (added.length > 0 || gone.length > 0) {
    const parts = [
      ...added.map((o) => `${o.typ} ${o.id} was not offered there`),
      ...gone.map((o) => `${o.typ} ${o.id} is missing`),
    ];
    throw new DomainError(
      'validation_failed',
      `Akte ${akte.id} differs from the Anbieteverzeichnis: ${parts.join('; ')}`,
    );
  }
}

export interface AussonderungImportObjekt {
  id: string;
  typ: XdomeaObjekt['typ'];
  erfolgreich: boolean;
  fehlermeldungen: string[];
  /** The archive's ID for the object (Archivkennung), when it gave one. */
  archivkennung: string | null;
}

export interface AussonderungImportBestaetigung {
  prozessId: string;
  erfolgreich: boolean;
  objekte: AussonderungImportObjekt[];
}

/**
 * Aussonderung.AussonderungImportBestaetigen.0506 answering our 0503: a result for every
 * handed-over Akte (objects inside may have their own), by our UUIDs, with the Archivkennung
 * we asked for. Only after a successful one may the Akten be deleted here.
 */
export async function parseAussonderungImportBestaetigen(
  input: XdomeaInput,
  sentMessage: SentXdomeaMessage,
): Promise<AussonderungImportBestaetigung> {
  const sent = checkSent(
    sentMessage,
    'Aussonderung.Aussonderung.0503',
    'Aussonderung.AussonderungImportBestaetigen.0506',
  );
  const read = await readMessage(input, ['Aussonderung.AussonderungImportBestaetigen.0506']);
  checkReplyTo(read, sent);
  const objekte = readObjektErgebnisse(read, 'AusgesondertesSGO', sent).map((r, index) => {
    const kennung = optional(r.element, 'Archivkennung', `${read.rootName}/AusgesondertesSGO[${index + 1}]`);
    return {
      id: r.id,
      typ: r.typ,
      erfolgreich: r.erfolgreich,
      fehlermeldungen: r.fehlermeldungen,
      archivkennung: kennung ? textOf(kennung) : null,
    };
  });
  return { prozessId: read.kopf.prozessId, erfolgreich: objekte.every((o) => o.erfolgreich), objekte };
}
