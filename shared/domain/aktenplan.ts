import { z } from 'zod';
import type { IsoDate } from './ids.ts';
import { localizedText, type LocalizedText } from './verfahren.ts';

/**
 * The authority's file plan (Aktenplan): a tree of Aktenplaneinheiten. Akten are formed only
 * under leaves, and each leaf says how long its Akten are kept after z.d.A. and what happens
 * then (Aussonderungsart). resources/aktenplan.json holds the shipped one; the server loads
 * and checks it at start and serves it to the clients (GET /api/aktenplan).
 */

/** A = archivwürdig (offer to the archive), B = bewerten (the archive decides), V = vernichten. */
export const AUSSONDERUNGSARTEN = ['A', 'B', 'V'] as const;
export const aussonderungsart = z.enum(AUSSONDERUNGSARTEN);
export type Aussonderungsart = z.infer<typeof aussonderungsart>;

/** Two-digit groups separated by dots, 1–5 groups ("32", "32.10", "32.10.05"). */
export const aktenplanKennzeichen = z.string().regex(/^\d{2}(\.\d{2}){0,4}$/, 'expected a Kennzeichen like 32.10.05');

/** Retention is counted in whole years after the year of z.d.A.; a century covers every German rule. */
export const MAX_AUFBEWAHRUNGSFRIST_JAHRE = 100;

export interface AktenplanEinheitInput {
  kennzeichen: string;
  titel: LocalizedText;
  aufbewahrungsfristJahre?: number | undefined;
  aussonderungsart?: Aussonderungsart | undefined;
  einheiten?: AktenplanEinheitInput[] | undefined;
}

const einheit: z.ZodType<AktenplanEinheitInput> = z.lazy(() =>
  z
    .object({
      kennzeichen: aktenplanKennzeichen,
      titel: localizedText,
      aufbewahrungsfristJahre: z.number().int().min(1).max(MAX_AUFBEWAHRUNGSFRIST_JAHRE).optional(),
      aussonderungsart: aussonderungsart.optional(),
      einheiten: z.array(einheit).min(1).max(100).optional(),
    })
    .strict(),
);

export const aktenplanFile = z
  .object({
    /** Raise it whenever the plan changes; clients replace their copy when it differs. */
    version: z.number().int().positive(),
    name: localizedText,
    einheiten: z.array(einheit).min(1).max(100),
  })
  .strict();
export type AktenplanFile = z.infer<typeof aktenplanFile>;

/** One Aktenplaneinheit, flattened: its parent by Kennzeichen, retention only on leaves. */
export const aktenplanEinheit = z
  .object({
    kennzeichen: aktenplanKennzeichen,
    titel: localizedText,
    /** Null for the root groups. */
    parent: aktenplanKennzeichen.nullable(),
    /** Leaves only (Akten are formed there); null on inner groups. */
    aufbewahrungsfristJahre: z.number().int().min(1).max(MAX_AUFBEWAHRUNGSFRIST_JAHRE).nullable(),
    aussonderungsart: aussonderungsart.nullable(),
  })
  .strict();
export type AktenplanEinheit = z.infer<typeof aktenplanEinheit>;

/** The Aktenplan as served and synced: flat, in tree order (each parent before its children). */
export const aktenplan = z
  .object({
    version: z.number().int().positive(),
    name: localizedText,
    einheiten: z.array(aktenplanEinheit).max(10_000),
  })
  .strict();
export type Aktenplan = z.infer<typeof aktenplan>;

export interface AktenplanLeaf extends AktenplanEinheit {
  aufbewahrungsfristJahre: number;
  aussonderungsart: Aussonderungsart;
}

export function isLeaf(e: AktenplanEinheit): e is AktenplanLeaf {
  return e.aufbewahrungsfristJahre !== null && e.aussonderungsart !== null;
}

/**
 * Checks the tree beyond its schema and flattens it. Problems are collected, each with its
 * path, so an author fixes all of them in one round: a child's Kennzeichen extends its
 * parent's by one group, Kennzeichen are unique, leaves carry retention and Aussonderungsart
 * and inner groups carry neither (a retention on a group would be ambiguous for its children).
 */
export function flattenAktenplan(
  file: AktenplanFile,
): { ok: true; value: Aktenplan } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const out: AktenplanEinheit[] = [];
  const seen = new Set<string>();
  const walk = (nodes: readonly AktenplanEinheitInput[], parent: string | null, path: string) => {
    nodes.forEach((n, i) => {
      const at = `${path}[${i}] (${n.kennzeichen})`;
      if (seen.has(n.kennzeichen)) problems.push(`${at}: duplicate Kennzeichen`);
      seen.add(n.kennzeichen);
      const expectedDepth = parent === null ? 1 : parent.split('.').length + 1;
      if (parent !== null && !n.kennzeichen.startsWith(`${parent}.`)) {
        problems.push(`${at}: a Kennzeichen under ${parent} must start with "${parent}."`);
      } else if (n.kennzeichen.split('.').length !== expectedDepth) {
        problems.push(`${at}: expected ${expectedDepth} group(s) at this depth`);
      }
      const children = n.einheiten ?? [];
      const hasRetention = n.aufbewahrungsfristJahre !== undefined || n.aussonderungsart !== undefined;
      if (children.length > 0 && hasRetention) {
        problems.push(`${at}: a group with Einheiten below it has no Aufbewahrungsfrist or Aussonderungsart`);
      }
      if (children.length === 0 && (n.aufbewahrungsfristJahre === undefined || n.aussonderungsart === undefined)) {
        problems.push(`${at}: a leaf needs aufbewahrungsfristJahre and aussonderungsart`);
      }
      out.push({
        kennzeichen: n.kennzeichen,
        titel: n.titel,
        parent,
        aufbewahrungsfristJahre: children.length === 0 ? (n.aufbewahrungsfristJahre ?? null) : null,
        aussonderungsart: children.length === 0 ? (n.aussonderungsart ?? null) : null,
      });
      walk(children, n.kennzeichen, `${at}.einheiten`);
    });
  };
  walk(file.einheiten, null, 'einheiten');
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { version: file.version, name: file.name, einheiten: out } };
}

/** The leaf with this Kennzeichen, or why there is none. */
export function aktenplanLeaf(
  plan: Aktenplan,
  kennzeichen: string,
): { ok: true; value: AktenplanLeaf } | { ok: false; reason: 'unknown' | 'not_a_leaf' } {
  const e = plan.einheiten.find((x) => x.kennzeichen === kennzeichen);
  if (!e) return { ok: false, reason: 'unknown' };
  return isLeaf(e) ? { ok: true, value: e } : { ok: false, reason: 'not_a_leaf' };
}

/**
 * The last day of retention: 31 December of the year of z.d.A. plus the Aufbewahrungsfrist
 * (the period starts with the end of the year the Akte was closed in, whatever its month).
 */
export function aufbewahrungBis(zdaAm: IsoDate, fristJahre: number): IsoDate {
  const year = Number(zdaAm.slice(0, 4));
  return `${String(year + fristJahre).padStart(4, '0')}-12-31`;
}

/** Whether the retention of an Akte closed with this end date is over on `today`. */
export function aufbewahrungAbgelaufen(bis: IsoDate | null, today: IsoDate): boolean {
  return bis !== null && today > bis;
}
