import { describe, expect, it } from 'vitest';
import { headlineSegments, MARK_END, MARK_START, normalizeText, pageText, searchText } from './text.ts';

describe('the indexed text', () => {
  it('splits numbers joined by / or - and turns control characters into spaces', () => {
    expect(normalizeText('32.10.05-2026/00042')).toBe('32.10.05 - 2026 / 00042');
    expect(normalizeText('1-2-3')).toBe('1 - 2 - 3');
    expect(normalizeText('Müller-Lüdenscheidt B-AB 12')).toBe('Müller-Lüdenscheidt B-AB 12');
    expect(normalizeText(`a${MARK_START}b${MARK_END}c\u007fd`)).toBe('a b c d');
    expect(normalizeText('Zeile 1\nZeile\t2')).toBe('Zeile 1\nZeile\t2');
  });

  it('stores a page with one space between words and without NUL', () => {
    expect(pageText('  Antrag\n\n auf\u0000 Förderung \f')).toBe('Antrag auf Förderung');
  });
});

describe('the search text', () => {
  it('makes a group of numbers a phrase and never a negation', () => {
    expect(searchText('2026/00042')).toBe('"2026 00042"');
    expect(searchText('Müller 32.10.05-2026/00042')).toBe('Müller "32.10.05 2026 00042"');
    // The user's own quotes stay as they are; the numbers are still split.
    expect(searchText('"Antrag vom 2026-03-02"')).toBe('"Antrag vom 2026 03 02"');
  });

  it('drops control characters and backslashes', () => {
    expect(searchText(`Haus\\${MARK_START}garten `)).toBe('Haus garten');
  });
});

describe('snippet segments', () => {
  it('marks the words between the marks and keeps the rest as text', () => {
    expect(headlineSegments(`Der ${MARK_START}Antrag${MARK_END} auf ${MARK_START}Förderung${MARK_END}.`)).toEqual([
      { text: 'Der ', mark: false },
      { text: 'Antrag', mark: true },
      { text: ' auf ', mark: false },
      { text: 'Förderung', mark: true },
      { text: '.', mark: false },
    ]);
  });

  it('joins marks that touch and survives marks that do not pair', () => {
    expect(headlineSegments(`${MARK_START}Erika${MARK_END}${MARK_START}Muster${MARK_END}`)).toEqual([
      { text: 'ErikaMuster', mark: true },
    ]);
    expect(headlineSegments(`a${MARK_END}b${MARK_START}c`)).toEqual([
      { text: 'ab', mark: false },
      { text: 'c', mark: true },
    ]);
    expect(headlineSegments('')).toEqual([]);
  });
});
