import { describe, expect, it } from 'vitest';
import { TEMPLATE_LIMITS } from './limits.ts';
import { renderTemplate, type BlockSet, type ContextObject } from './render.ts';
import { tpl } from './test-helpers.ts';

const ctx: ContextObject = {
  vorgang: { aktenzeichen: '32.10.05-2026/00042' },
  antrag: { kennzeichen: 'MU-ÖL 1234', flaeche: 12.5, speicher: true, leer: '  ', zone: 'B', anzahl: 0, nein: false },
  gebuehr: { betrag: 3070 },
  bescheid: { datum: '2026-03-16' },
};

function render(source: string, context: ContextObject = ctx, blocks?: BlockSet) {
  const r = renderTemplate(tpl(source), context, blocks);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function renderError(source: string, blocks: BlockSet, context: ContextObject = ctx) {
  const r = renderTemplate(tpl(source), context, blocks);
  if (r.ok) throw new Error('expected a render error');
  return r.error;
}

describe('placeholders', () => {
  it('insert values from nested paths', () => {
    expect(render('Az. {{ vorgang.aktenzeichen }}, {{antrag.kennzeichen}}').text).toBe(
      'Az. 32.10.05-2026/00042, MU-ÖL 1234',
    );
  });

  it('print numbers with a decimal comma and booleans as ja/nein', () => {
    expect(render('{{ antrag.flaeche }} {{ antrag.speicher }} {{ antrag.nein }} {{ antrag.anzahl }}').text).toBe(
      '12,5 ja nein 0',
    );
  });

  it('mark a missing, empty or non-printable value and list its path once', () => {
    const r = render('{{ antrag.fehlt }} {{ antrag.leer }} {{ antrag }} {{ antrag.fehlt }} {{ a.b.c }}');
    expect(r.text).toBe('[[antrag.fehlt]] [[antrag.leer]] [[antrag]] [[antrag.fehlt]] [[a.b.c]]');
    expect(r.unresolved).toEqual(['antrag.fehlt', 'antrag.leer', 'antrag', 'a.b.c']);
  });

  it('report a value its formatter cannot format as unresolved rather than printing it wrongly', () => {
    const r = render('{{ antrag.kennzeichen | euro }} {{ antrag.flaeche | datum }} {{ antrag.flaeche | euro }}');
    expect(r.unresolved).toEqual(['antrag.kennzeichen', 'antrag.flaeche']);
  });

  it('never parse inserted values as template text', () => {
    const r = render('{{ antrag.x }}', { antrag: { x: '{{> geheim }} {{#if a}}' } });
    expect(r).toEqual({ text: '{{> geheim }} {{#if a}}', unresolved: [] });
  });

  it('read only own data properties', () => {
    const proto = { geerbt: 'vom Prototyp' };
    const data = Object.create(proto) as Record<string, unknown>;
    Object.defineProperty(data, 'getter', { get: () => 'berechnet', enumerable: true });
    const r = render('{{ d.geerbt }} {{ d.getter }} {{ d.constructor }} {{ d.toString }} {{ d.hasOwnProperty }}', {
      d: data as ContextObject,
    });
    expect(r.unresolved).toEqual(['d.geerbt', 'd.getter', 'd.constructor', 'd.toString', 'd.hasOwnProperty']);
  });

  it('do not descend into arrays', () => {
    expect(render('{{ l.length }}', { l: ['a'] as unknown as ContextObject }).unresolved).toEqual(['l.length']);
  });
});

describe('conditions', () => {
  it.each([
    ['antrag.speicher', true],
    ['antrag.nein', false],
    ['antrag.anzahl', false],
    ['antrag.leer', false],
    ['antrag.fehlt', false],
    ['antrag.zone', true],
    ['not antrag.speicher', false],
    ['not not antrag.speicher', true],
    ["antrag.zone == 'B'", true],
    ["antrag.zone != 'B'", false],
    ["antrag.fehlt == 'B'", false],
    ["antrag.fehlt != 'B'", true],
    ['antrag.fehlt > 1', false],
    ['antrag.fehlt < 1', false],
    ['antrag.flaeche > 12', true],
    ['antrag.flaeche >= 12.5', true],
    ['antrag.flaeche < 12.5', false],
    ['antrag.flaeche <= 12.5', true],
    ['antrag.anzahl == 0', true],
    ['gebuehr.betrag > 0', true],
    ["antrag.flaeche == '12.5'", false],
    ["antrag.zone > 'A'", false],
    ['antrag.speicher == true', true],
    ['antrag.speicher != false', true],
    ["bescheid.datum >= '2026-03-16'", true],
    ["bescheid.datum < '2026-03-17'", true],
    ["bescheid.datum > '2026-12-01'", false],
    ["antrag.speicher and antrag.zone == 'C'", false],
    ["antrag.nein or antrag.zone == 'B'", true],
    ['antrag.nein and antrag.nein or antrag.speicher', true],
    ['antrag.speicher and antrag.nein or antrag.nein', false],
  ])('%s → %s', (condition, expected) => {
    expect(render(`{{#if ${condition}}}ja{{else}}nein{{/if}}`).text).toBe(expected ? 'ja' : 'nein');
  });

  it('take the first branch that holds', () => {
    const src =
      "{{#if antrag.zone == 'A'}}A{{else if antrag.zone == 'B'}}B{{else if antrag.speicher}}S{{else}}X{{/if}}";
    expect(render(src).text).toBe('B');
    expect(render(src, { antrag: { zone: 'Z' } }).text).toBe('X');
  });

  it('render nothing without an else when the condition fails', () => {
    expect(render('a{{#if antrag.nein}}b{{/if}}c').text).toBe('ac');
  });

  it('collect unresolved placeholders only from rendered branches', () => {
    expect(render('{{#if antrag.nein}}{{ x.y }}{{else}}{{ x.z }}{{/if}}').unresolved).toEqual(['x.z']);
  });

  it('nest up to the limit', () => {
    const depth = TEMPLATE_LIMITS.maxNestingDepth;
    const src = `${'{{#if antrag.speicher}}'.repeat(depth)}tief${'{{/if}}'.repeat(depth)}`;
    expect(render(src).text).toBe('tief');
  });
});

describe('includes', () => {
  const blocks = new Map([
    ['gruss', tpl('Mit freundlichen Grüßen')],
    ['rbb.BE', tpl('Widerspruch bei {{ behoerde.name }}. {{> rbb.frist }}')],
    ['rbb.frist', tpl('Frist: ein Monat{{> gruss }}')],
    ['zyklus.a', tpl('A{{> zyklus.b }}')],
    ['zyklus.b', tpl('B{{> zyklus.a }}')],
    ['selbst', tpl('S{{> selbst }}')],
    ['tief.a', tpl('1{{> tief.b }}')],
    ['tief.b', tpl('2{{> tief.c }}')],
    ['tief.c', tpl('3{{> tief.d }}')],
    ['tief.d', tpl('4')],
    ['kaputt', tpl('x {{> fehlt.ganz }}')],
  ]);

  it('render a named block with the same context, nested up to three levels', () => {
    const r = render('{{> rbb.BE }}', { behoerde: {} }, blocks);
    expect(r.text).toBe('Widerspruch bei [[behoerde.name]]. Frist: ein MonatMit freundlichen Grüßen');
    expect(r.unresolved).toEqual(['behoerde.name']);
  });

  it('may include the same block several times side by side', () => {
    expect(render('{{> gruss }}/{{> gruss }}', ctx, blocks).text).toBe(
      'Mit freundlichen Grüßen/Mit freundlichen Grüßen',
    );
  });

  it('refuse a fourth level', () => {
    const e = renderError('{{> tief.a }}', blocks);
    expect(e.code).toBe('limit_exceeded');
    expect(e.message).toContain('tief.a → tief.b → tief.c → tief.d');
    expect(e.where).toBe('tief.a > tief.b > tief.c');
    expect(e.position).toEqual({ line: 1, column: 2 });
  });

  it('report cycles, naming them', () => {
    const e = renderError('{{> zyklus.a }}', blocks);
    expect(e.code).toBe('include_cycle');
    expect(e.messageDe).toContain('zyklus.a → zyklus.b → zyklus.a');
    expect(renderError('{{> selbst }}', blocks).code).toBe('include_cycle');
  });

  it('report a missing block with where it was included', () => {
    const e = renderError('Text\n{{> kaputt }}', blocks);
    expect(e).toMatchObject({ code: 'unknown_block', where: 'kaputt', position: { line: 1, column: 3 } });
    expect(e.messageDe).toContain('„fehlt.ganz“');
    expect(renderError('{{> gibtsnicht }}', new Map()).position).toEqual({ line: 1, column: 1 });
  });

  it('resolve block names only in the map, never on a prototype', () => {
    expect(renderError('{{> constructor }}', blocks).code).toBe('unknown_block');
    expect(renderError('{{> toString }}', blocks).code).toBe('unknown_block');
  });
});
