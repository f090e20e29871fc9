import { describe, expect, it } from 'vitest';
import type { Akte } from '../../../../shared/domain/akte.ts';
import type { AktenplanEinheit } from '../../../../shared/domain/aktenplan.ts';
import type { Dokument } from '../../../../shared/domain/index.ts';
import {
  aktenYears,
  aktenplanTree,
  ancestorsOf,
  filedUnder,
  filingOrder,
  filterAkten,
  NO_AKTE_FILTER,
} from './akte-view.ts';

const e = (kennzeichen: string, parent: string | null, leaf = false): AktenplanEinheit => ({
  kennzeichen,
  titel: { de: kennzeichen, en: kennzeichen },
  parent,
  aufbewahrungsfristJahre: leaf ? 3 : null,
  aussonderungsart: leaf ? 'V' : null,
});
const PLAN = [e('32', null), e('32.10', '32'), e('32.10.05', '32.10', true), e('32.20', '32'), e('67', null)];

const akte = (id: string, patch: Partial<Akte> = {}): Akte => ({
  id,
  vorgangId: id,
  aktenzeichen: `32.10.05-2026/${id}`,
  kennzeichen: '32.10.05',
  eroeffnetAm: '2026-03-01',
  status: 'laufend',
  abschluss: null,
  aufbewahrungBis: null,
  aussonderungsart: null,
  dms: null,
  version: 0,
  updatedAt: '2026-03-01T10:00:00.000Z',
  ...patch,
});

describe('Akten view', () => {
  it('builds the Aktenplan forest in plan order and finds the path to an Einheit', () => {
    const tree = aktenplanTree(PLAN);
    expect(tree.map((n) => n.einheit.kennzeichen)).toEqual(['32', '67']);
    expect(tree[0]?.children.map((n) => n.einheit.kennzeichen)).toEqual(['32.10', '32.20']);
    expect(tree[0]?.children[0]?.children.map((n) => n.einheit.kennzeichen)).toEqual(['32.10.05']);
    expect(ancestorsOf(PLAN, '32.10.05')).toEqual(['32', '32.10']);
    expect(ancestorsOf(PLAN, '67')).toEqual([]);
  });

  it('files an Akte under its leaf and every group above it, not under a sibling with the same prefix', () => {
    expect(filedUnder(akte('a'), '32')).toBe(true);
    expect(filedUnder(akte('a'), '32.10.05')).toBe(true);
    expect(filedUnder(akte('a'), '32.1')).toBe(false);
    expect(filedUnder(akte('a'), '32.20')).toBe(false);
  });

  it('filters by year, status, expired retention and applicant, newest first', () => {
    const rows = [
      { akte: akte('a', { eroeffnetAm: '2025-05-01' }), applicant: 'Erika Mustermann' },
      { akte: akte('b', { status: 'zda', aufbewahrungBis: '2026-12-31' }), applicant: 'Max Weiß' },
      {
        akte: akte('c', { status: 'zda', aufbewahrungBis: '2025-12-31', eroeffnetAm: '2021-01-04' }),
        applicant: 'Ömer Yılmaz',
      },
    ];
    const ids = (f: Partial<typeof NO_AKTE_FILTER>) =>
      filterAkten(rows, { ...NO_AKTE_FILTER, ...f }, '2026-06-01').map((r) => r.akte.id);
    expect(ids({})).toEqual(['b', 'a', 'c']);
    expect(ids({ year: 2025 })).toEqual(['a']);
    expect(ids({ status: 'laufend' })).toEqual(['a']);
    expect(ids({ status: 'zda' })).toEqual(['b', 'c']);
    expect(ids({ status: 'abgelaufen' })).toEqual(['c']);
    expect(ids({ applicant: 'ömer' })).toEqual(['c']);
    expect(ids({ applicant: '  WEISS ' })).toEqual([]);
    expect(ids({ applicant: 'weiß' })).toEqual(['b']);
    expect(aktenYears(rows.map((r) => r.akte))).toEqual([2026, 2025, 2021]);
  });

  it('orders documents as they were filed', () => {
    const d = (id: string, createdAt: string) => ({ id, createdAt }) as Dokument;
    expect(
      filingOrder([
        d('z', '2026-03-02T08:00:00.000Z'),
        d('b', '2026-03-01T08:00:00.000Z'),
        d('a', '2026-03-01T08:00:00.000Z'),
      ]).map((x) => x.id),
    ).toEqual(['a', 'b', 'z']);
  });
});
