import { describe, expect, it } from 'vitest';
import { unresolvedMarkers } from '../../../../shared/bescheid/template/index.ts';
import { formFromContent, formToContent } from './form.ts';
import { formMarkers, segmentsOf, snippet } from './markers.ts';
import { CONTENT } from './test-data.ts';

describe('unresolved placeholders', () => {
  const f = formFromContent(CONTENT, 3070);
  const form = {
    ...f,
    betreff: 'Antrag [[antrag.kennzeichen]]',
    sections: {
      ...f.sections,
      tenor: {
        heading: 'Entscheidung',
        body: 'Gültig ab [[antrag.gueltigAb]].\n\nIBAN [[behoerde.iban]], [[antrag.kennzeichen]]',
      },
    },
  };

  it('lists every marker by field and position, in the letter’s order', () => {
    expect(formMarkers(form)).toEqual([
      { field: 'betreff', path: 'antrag.kennzeichen', start: 7, end: 29 },
      { field: 'tenor', path: 'antrag.gueltigAb', start: 10, end: 30 },
      { field: 'tenor', path: 'behoerde.iban', start: 38, end: 55 },
      { field: 'tenor', path: 'antrag.kennzeichen', start: 57, end: 79 },
    ]);
    expect(form.sections.tenor.body.slice(38, 55)).toBe('[[behoerde.iban]]');
  });

  it('finds the same placeholders as the server’s finalize check', () => {
    const content = formToContent(form).content;
    if (content === null) throw new Error('expected content');
    expect(new Set(formMarkers(form).map((m) => m.path))).toEqual(new Set(unresolvedMarkers(content)));
  });

  it('ignores text that only looks like a marker', () => {
    expect(formMarkers({ ...form, betreff: '[[ antrag.x ]] [[1a]] [[a..b]] [a.b]', sections: f.sections })).toEqual([]);
  });

  it('splits text into plain runs and markers for highlighting', () => {
    expect(segmentsOf('A [[x.y]] B[[z]]')).toEqual([
      { text: 'A ', marker: null },
      { text: '[[x.y]]', marker: 'x.y' },
      { text: ' B', marker: null },
      { text: '[[z]]', marker: 'z' },
    ]);
  });

  it('cuts a snippet around a marker at word boundaries', () => {
    const text = 'Das Fahrzeug mit dem amtlichen Kennzeichen [[antrag.kennzeichen]] ist zugelassen und parkt hier.';
    const at = text.indexOf('[[');
    const s = snippet(text, { start: at, end: text.indexOf(']]') + 2 }, 15);
    expect(s.map((x) => x.text).join('')).toBe('… Kennzeichen [[antrag.kennzeichen]] ist zugelassen …');
    expect(s.filter((x) => x.marker !== null)).toEqual([
      { text: '[[antrag.kennzeichen]]', marker: 'antrag.kennzeichen' },
    ]);
  });
});
