import { describe, expect, it } from 'vitest';
import { formatDatum, formatEuro, formatNumberDe } from './formatters.ts';
import { renderTemplate, type ContextObject } from './render.ts';
import { tpl } from './test-helpers.ts';

const NBSP = '\u00a0';

function text(source: string, context: ContextObject) {
  const r = renderTemplate(tpl(source), context);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('euro', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [3070, '30,70'],
    [123450, '1.234,50'],
    [100000000, '1.000.000,00'],
    [-199, '-1,99'],
  ])('%i cents → %s €', (cents, expected) => {
    expect(formatEuro(cents)).toBe(`${expected}${NBSP}€`);
    expect(text('{{ b | euro }}', { b: cents }).text).toBe(`${expected}${NBSP}€`);
  });

  it('refuses fractions of a cent and unsafe integers', () => {
    expect(formatEuro(12.5)).toBeUndefined();
    expect(formatEuro(2 ** 60)).toBeUndefined();
    expect(text('{{ b | euro }}', { b: 12.5 }).unresolved).toEqual(['b']);
  });
});

describe('datum', () => {
  it('turns YYYY-MM-DD into TT.MM.JJJJ', () => {
    expect(formatDatum('2026-03-01')).toBe('01.03.2026');
    expect(text('{{ d | datum }}', { d: '2024-02-29' }).text).toBe('29.02.2024');
  });

  it.each(['2026-02-30', '2026-3-1', '01.03.2026', '2026-03-01T10:00:00Z', ''])('refuses %j', (s) => {
    expect(formatDatum(s)).toBeUndefined();
    expect(text('{{ d | datum }}', { d: s }).unresolved).toEqual(['d']);
  });
});

describe('zahl and plain numbers', () => {
  it('groups thousands with zahl only', () => {
    expect(text('{{ n | zahl }} / {{ n }}', { n: 1234567.25 }).text).toBe('1.234.567,25 / 1234567,25');
    expect(formatNumberDe(-1000, true)).toBe('-1.000');
    expect(formatNumberDe(999, true)).toBe('999');
  });

  it('keeps extreme numbers readable and refuses non-finite ones', () => {
    expect(formatNumberDe(1.5e21, true)).toBe('1,5e+21');
    expect(formatNumberDe(Number.NaN, false)).toBeUndefined();
    expect(formatNumberDe(Number.POSITIVE_INFINITY, false)).toBeUndefined();
  });
});

describe('upper', () => {
  it('upper-cases German text (ß → SS)', () => {
    expect(text('{{ s | upper }}', { s: 'Gänsestraße' }).text).toBe('GÄNSESTRASSE');
  });
});

describe('default', () => {
  it('replaces a missing or blank value and resolves the placeholder', () => {
    expect(text('{{ a | default("keine Angabe") }}', {})).toEqual({ text: 'keine Angabe', unresolved: [] });
    expect(text('{{ a | default("–") }}', { a: '   ' }).text).toBe('–');
    expect(text('{{ a | default("–") }}', { a: 'da' }).text).toBe('da');
  });

  it('keeps false and 0, which are values', () => {
    expect(text('{{ a | default("x") }} {{ b | default("x") }}', { a: false, b: 0 }).text).toBe('nein 0');
  });

  it('works in a chain: formatters before it skip a missing value, after it they see the default', () => {
    expect(text('{{ b | euro | default("kostenfrei") }}', {}).text).toBe('kostenfrei');
    expect(text('{{ s | default("unbekannt") | upper }}', {}).text).toBe('UNBEKANNT');
    expect(text('{{ s | upper | default("x") }}', { s: 'ja' }).text).toBe('JA');
  });
});
