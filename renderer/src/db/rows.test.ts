import { describe, expect, it } from 'vitest';
import { makeVorgang } from '../../test/fixtures.ts';
import { fromVorgangRow, normalizeSearch, searchTokensOf, toVorgangRow } from './rows.ts';

describe('toVorgangRow', () => {
  it('derives the index fields and round-trips to the shared entity', () => {
    const v = makeVorgang({ assigneeId: null });
    const row = toVorgangRow(v);
    expect(row.assigneeKey).toBe('');
    expect(toVorgangRow({ ...v, assigneeId: 'u-1' }).assigneeKey).toBe('u-1');
    expect(row.search).toBe(`${v.aktenzeichen} muller jurgen`);
    expect(fromVorgangRow(row)).toEqual(v);
  });
});

describe('searchTokensOf', () => {
  const v = makeVorgang({
    aktenzeichen: '32.10.05-2026/00042',
    applicant: { givenName: 'Anna-Lena', familyName: 'Groß-Öztürk', street: '', postalCode: '', city: '' },
  });
  const tokens = searchTokensOf(v);
  const finds = (query: string) => tokens.some((t) => t.startsWith(normalizeSearch(query)));

  it('finds an Aktenzeichen by its start, its year part and its number', () => {
    expect(finds('32.10')).toBe(true);
    expect(finds('2026/000')).toBe(true);
    expect(finds('00042')).toBe(true);
    expect(finds('10042')).toBe(false);
  });

  it('finds names case-insensitively, with or without umlauts, by each part', () => {
    expect(finds('gross')).toBe(true);
    expect(finds('Öztürk')).toBe(true);
    expect(finds('oztu')).toBe(true);
    expect(finds('oeztuerk')).toBe(true);
    expect(finds('lena')).toBe(true);
    expect(finds('meier')).toBe(false);
  });
});
