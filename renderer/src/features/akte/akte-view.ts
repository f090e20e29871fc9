import type { Akte } from '../../../../shared/domain/akte.ts';
import { aufbewahrungAbgelaufen, type AktenplanEinheit } from '../../../../shared/domain/aktenplan.ts';
import type { Dokument, IsoDate } from '../../../../shared/domain/index.ts';

/** One Aktenplaneinheit with its children, for the tree. */
export interface AktenplanNode {
  einheit: AktenplanEinheit;
  children: AktenplanNode[];
}

/** The flat Aktenplan (parents before children) as a forest, in plan order. */
export function aktenplanTree(einheiten: readonly AktenplanEinheit[]): AktenplanNode[] {
  const nodes = new Map<string, AktenplanNode>();
  const roots: AktenplanNode[] = [];
  for (const e of einheiten) {
    const node: AktenplanNode = { einheit: e, children: [] };
    nodes.set(e.kennzeichen, node);
    const parent = e.parent === null ? undefined : nodes.get(e.parent);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** Kennzeichen of every group down to `kennzeichen` (the tree opens along this path). */
export function ancestorsOf(einheiten: readonly AktenplanEinheit[], kennzeichen: string): string[] {
  const byKey = new Map(einheiten.map((e) => [e.kennzeichen, e]));
  const out: string[] = [];
  for (let e = byKey.get(kennzeichen); e?.parent; e = byKey.get(e.parent)) out.unshift(e.parent);
  return out;
}

/** Whether an Akte is filed under this Einheit (itself or a group above it). */
export function filedUnder(akte: Pick<Akte, 'kennzeichen'>, kennzeichen: string): boolean {
  return akte.kennzeichen === kennzeichen || akte.kennzeichen.startsWith(`${kennzeichen}.`);
}

export const AKTE_FILTER_STATUSES = ['alle', 'laufend', 'zda', 'abgelaufen'] as const;
export type AkteFilterStatus = (typeof AKTE_FILTER_STATUSES)[number];

export interface AkteFilter {
  /** Year of opening; null: every year. */
  year: number | null;
  status: AkteFilterStatus;
  /** Part of the applicant's name, any case; '' for all. */
  applicant: string;
}

export const NO_AKTE_FILTER: AkteFilter = { year: null, status: 'alle', applicant: '' };

/** An Akte with the name of its applicant (from its Vorgang), as the list shows it. */
export interface AkteListRow {
  akte: Akte;
  applicant: string;
}

/**
 * The Akten that pass the filter, newest first. `abgelaufen`: z.d.A. and the retention is over
 * on `today` (due for the Aussonderung).
 */
export function filterAkten(rows: readonly AkteListRow[], filter: AkteFilter, today: IsoDate): AkteListRow[] {
  const needle = filter.applicant.trim().toLocaleLowerCase('de');
  return rows
    .filter(({ akte, applicant }) => {
      if (filter.year !== null && Number(akte.eroeffnetAm.slice(0, 4)) !== filter.year) return false;
      if (filter.status === 'laufend' && akte.status !== 'laufend') return false;
      if (filter.status === 'zda' && akte.status !== 'zda') return false;
      if (filter.status === 'abgelaufen' && !aufbewahrungAbgelaufen(akte.aufbewahrungBis, today)) return false;
      return needle === '' || applicant.toLocaleLowerCase('de').includes(needle);
    })
    .sort(
      (a, b) =>
        b.akte.eroeffnetAm.localeCompare(a.akte.eroeffnetAm) || a.akte.aktenzeichen.localeCompare(b.akte.aktenzeichen),
    );
}

/** The years Akten were opened in, newest first (the year filter's options). */
export function aktenYears(akten: readonly Pick<Akte, 'eroeffnetAm'>[]): number[] {
  return [...new Set(akten.map((a) => Number(a.eroeffnetAm.slice(0, 4))))].sort((a, b) => b - a);
}

/** Documents in filing order: a Dokument is filed the moment it is written. */
export function filingOrder(dokumente: readonly Dokument[]): Dokument[] {
  return [...dokumente].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
