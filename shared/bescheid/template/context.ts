import { z } from 'zod';
import { BESCHEID_DECISIONS, type BescheidDecision } from '../../domain/bescheid.ts';
import { berlinDate } from '../../domain/clock.ts';
import { LAENDER, land } from '../../domain/feiertage.ts';
import type { IsoDate } from '../../domain/ids.ts';
import type { FieldDef, VerfahrenDef } from '../../domain/verfahren.ts';
import type { Vorgang } from '../../domain/vorgang.ts';
import { formatDatum, formatEuro, formatNumberDe } from './formatters.ts';
import type { ContextObject, ContextValue } from './render.ts';

const line = z.string().trim().min(1).max(200);

/**
 * What the authority's configuration supplies to Textvorlagen. Optional parts a Vorlage needs
 * (bank account, court address) render as unresolved placeholders when missing, which blocks
 * finalizing rather than printing a gap.
 */
export const behoerdeSchema = z
  .object({
    /** "Stadt Musterstadt" */
    name: line,
    /** "Straßenverkehrsbehörde" */
    einheit: line.optional(),
    /** One line: "Rathausplatz 1, 12345 Musterstadt" */
    anschrift: line,
    ort: line,
    /** Decides the Rechtsbehelfsbelehrung (Widerspruch or Klage). */
    land,
    /** "Verwaltungsgericht Musterstadt" */
    verwaltungsgericht: line,
    /** "Justizstraße 1, 12345 Musterstadt" */
    verwaltungsgerichtAnschrift: line.optional(),
    /** Payee of fees: "Stadtkasse Musterstadt" */
    kasse: line.optional(),
    iban: line.optional(),
    bic: line.optional(),
    /** The authority's own Rechtsbehelfsbelehrung; replaces the shipped one for its Land. */
    rechtsbehelfsbelehrung: z.string().trim().min(1).max(5000).optional(),
  })
  .strict();
export type Behoerde = z.infer<typeof behoerdeSchema>;

/** Static types of context paths, checked against formatters and comparisons at load. */
export type ValueType = 'text' | 'number' | 'money' | 'date' | 'boolean';
export interface PathInfo {
  readonly type: ValueType;
  /** The values a text path can take (select fields, Land, decision); comparisons must use one. */
  readonly options?: readonly string[];
}

const text: PathInfo = { type: 'text' };
const date: PathInfo = { type: 'date' };

/** Every path of the context except `antrag.*` and `antragText.*`, which come from the Verfahren. */
export const CONTEXT_PATHS: ReadonlyMap<string, PathInfo> = new Map<string, PathInfo>([
  ['vorgang.aktenzeichen', text],
  ['vorgang.verfahren', text],
  ['eingangsdatum', date],
  ['frist', date],
  ['antragsteller.vorname', text],
  ['antragsteller.nachname', text],
  ['antragsteller.name', text],
  ['antragsteller.strasse', text],
  ['antragsteller.plz', text],
  ['antragsteller.ort', text],
  ['antragsteller.anschrift', text],
  ['antragsteller.email', text],
  ['gebuehr.betrag', { type: 'money' }],
  ['gebuehr.rechtsgrundlage', text],
  ['bescheid.datum', date],
  ['bescheid.entscheidung', { type: 'text', options: BESCHEID_DECISIONS }],
  ['behoerde.name', text],
  ['behoerde.einheit', text],
  ['behoerde.anschrift', text],
  ['behoerde.ort', text],
  ['behoerde.land', { type: 'text', options: LAENDER }],
  ['behoerde.verwaltungsgericht', text],
  ['behoerde.verwaltungsgerichtAnschrift', text],
  ['behoerde.kasse', text],
  ['behoerde.iban', text],
  ['behoerde.bic', text],
  ['behoerde.rechtsbehelfsbelehrung', text],
  ['sachbearbeitung.name', text],
  ['sachbearbeitung.telefon', text],
  ['sachbearbeitung.email', text],
]);

function fieldInfo(f: FieldDef): PathInfo {
  switch (f.type) {
    case 'number':
      return { type: 'number' };
    case 'money':
      return { type: 'money' };
    case 'date':
      return date;
    case 'boolean':
      return { type: 'boolean' };
    case 'select':
      return { type: 'text', options: (f.options ?? []).map((o) => o.value) };
    default:
      return text;
  }
}

/**
 * The static type of a path, or undefined when the context has no such path. `antrag.<id>` is
 * the raw Antragsdaten value of a field of the Verfahren; `antragText.<id>` its printed form.
 */
export function pathInfo(path: string, fields: readonly FieldDef[]): PathInfo | undefined {
  const known = CONTEXT_PATHS.get(path);
  if (known !== undefined) return known;
  const [root, id, ...rest] = path.split('.');
  if (id === undefined || rest.length > 0 || (root !== 'antrag' && root !== 'antragText')) return undefined;
  const field = fields.find((f) => f.id === id);
  if (field === undefined) return undefined;
  return root === 'antrag' ? fieldInfo(field) : text;
}

export interface BescheidContextInput {
  readonly vorgang: Pick<Vorgang, 'aktenzeichen' | 'applicant' | 'antragsdaten' | 'receivedAt' | 'frist'>;
  readonly verfahren: VerfahrenDef;
  readonly behoerde: Behoerde;
  readonly bescheid: { readonly datum: IsoDate; readonly decision: BescheidDecision };
  /** From computeGebuehr, or the clerk's override. */
  readonly gebuehr: { readonly cents: number; readonly rechtsgrundlage?: string };
  readonly sachbearbeitung?: { readonly name: string; readonly telefon?: string; readonly email?: string };
}

/** The data context of a Bescheid's Textvorlage; the paths are CONTEXT_PATHS plus the Verfahren's fields. */
export function bescheidContext(input: BescheidContextInput): ContextObject {
  const { vorgang, verfahren, behoerde } = input;
  const a = vorgang.applicant;
  const fields = verfahren.groups.flatMap((g) => g.fields);
  const antrag: Record<string, ContextValue> = {};
  const antragText: Record<string, ContextValue> = {};
  for (const f of fields) {
    if (!Object.hasOwn(vorgang.antragsdaten, f.id)) continue;
    const v = vorgang.antragsdaten[f.id];
    if (v === undefined || v === null) continue;
    antrag[f.id] = v;
    antragText[f.id] = displayValue(f, v);
  }
  const city = [a.postalCode, a.city].filter((s) => s.trim() !== '').join(' ');
  return {
    vorgang: { aktenzeichen: vorgang.aktenzeichen, verfahren: verfahren.name.de },
    eingangsdatum: dayOf(vorgang.receivedAt),
    frist: vorgang.frist,
    antragsteller: {
      vorname: a.givenName,
      nachname: a.familyName,
      name: [a.givenName, a.familyName].filter((s) => s.trim() !== '').join(' '),
      strasse: a.street,
      plz: a.postalCode,
      ort: a.city,
      anschrift: [a.street, city].filter((s) => s.trim() !== '').join(', '),
      email: a.email,
    },
    antrag,
    antragText,
    gebuehr: { betrag: input.gebuehr.cents, rechtsgrundlage: input.gebuehr.rechtsgrundlage },
    bescheid: { datum: input.bescheid.datum, entscheidung: input.bescheid.decision },
    behoerde: { ...behoerde },
    sachbearbeitung: input.sachbearbeitung === undefined ? {} : { ...input.sachbearbeitung },
  };
}

function dayOf(instant: string): string | undefined {
  try {
    return berlinDate(instant);
  } catch {
    return undefined;
  }
}

/** How a field's value reads in a letter: option labels, "ja"/"nein", euros, TT.MM.JJJJ, units. */
function displayValue(f: FieldDef, v: string | number | boolean): string | undefined {
  switch (f.type) {
    case 'boolean':
      return typeof v === 'boolean' ? (v ? 'ja' : 'nein') : undefined;
    case 'money':
      return typeof v === 'number' ? formatEuro(v) : undefined;
    case 'date':
      return typeof v === 'string' ? formatDatum(v) : undefined;
    case 'number': {
      const n = typeof v === 'number' ? formatNumberDe(v, true) : undefined;
      return n === undefined || f.unit === undefined ? n : `${n}\u00a0${f.unit}`;
    }
    case 'select':
      return f.options?.find((o) => o.value === v)?.label.de;
    default:
      return typeof v === 'string' ? v : undefined;
  }
}
