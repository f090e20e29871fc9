import { describe, expect, it } from 'vitest';
import { wrapText } from './wrap.ts';

// One point per character makes widths easy to reason about.
const measure = (s: string): number => Array.from(s).length;

describe('wrapText', () => {
  it('fills lines greedily up to the width', () => {
    expect(wrapText('aaa bbb ccc ddd', 7, measure)).toEqual(['aaa bbb', 'ccc ddd']);
    expect(wrapText('aaa bbb ccc ddd', 6, measure)).toEqual(['aaa', 'bbb', 'ccc', 'ddd']);
  });

  it('breaks at "\\n", keeps empty lines and collapses runs of spaces', () => {
    expect(wrapText('eins  zwei\n\ndrei', 20, measure)).toEqual(['eins zwei', '', 'drei']);
  });

  it('never breaks at a no-break space', () => {
    expect(wrapText('nach §\u00a045 Abs.\u00a01', 8, measure)).toEqual(['nach', '§\u00a045', 'Abs.\u00a01']);
  });

  it('splits a word wider than the line between characters', () => {
    expect(wrapText('ab 1234567890 cd', 4, measure)).toEqual(['ab', '1234', '5678', '90', 'cd']);
  });

  it('keeps umlauts and characters outside the BMP whole when splitting', () => {
    expect(wrapText('ÄÖÜßäöü', 3, measure)).toEqual(['ÄÖÜ', 'ßäö', 'ü']);
    expect(wrapText('𝔄𝔅𝔆', 2, measure)).toEqual(['𝔄𝔅', '𝔆']);
  });

  it('measures the whole candidate line, so kerning or ligatures the measure applies count', () => {
    const ligatureAware = (s: string): number => s.replaceAll('fi', 'X').length;
    expect(wrapText('fifi fifi', 5, ligatureAware)).toEqual(['fifi fifi']);
    expect(wrapText('fifi fifi', 5, measure)).toEqual(['fifi', 'fifi']);
  });
});
