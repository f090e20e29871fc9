import { describe, expect, it } from 'vitest';
import { verfahrenDef, type VerfahrenDef } from '../../domain/verfahren.ts';
import type { TemplateError } from './errors.ts';
import { vorlagenRegistry, type NamedJson, type VorlagenRegistry } from './registry.ts';
import type { ContextObject } from './render.ts';

const verfahren: VerfahrenDef = verfahrenDef.parse({
  id: 'test-verfahren',
  version: 1,
  name: { de: 'Testverfahren', en: 'Test procedure' },
  aktenplanKennzeichen: '10.20',
  fristArbeitstage: 10,
  groups: [
    {
      id: 'g',
      label: { de: 'G', en: 'G' },
      fields: [
        { id: 'flaeche', label: { de: 'Fläche', en: 'Area' }, type: 'number' },
        { id: 'beginn', label: { de: 'Beginn', en: 'Start' }, type: 'date' },
        { id: 'speicher', label: { de: 'Speicher', en: 'Storage' }, type: 'boolean' },
        {
          id: 'art',
          label: { de: 'Art', en: 'Kind' },
          type: 'select',
          options: [
            { value: 'pkw', label: { de: 'Pkw', en: 'Car' } },
            { value: 'krad', label: { de: 'Kraftrad', en: 'Motorcycle' } },
          ],
        },
        { id: 'name', label: { de: 'Name', en: 'Name' }, type: 'text' },
      ],
    },
  ],
});

function vorlage(overrides: Record<string, unknown> = {}, sections: Record<string, unknown> = {}) {
  return {
    id: 'test-bewilligung',
    version: 1,
    verfahrenId: 'test-verfahren',
    decision: 'bewilligung',
    name: { de: 'Test', en: 'Test' },
    betreff: 'Ihr Antrag\nvom {{ eingangsdatum | datum }}',
    anrede: '{{> anrede }}',
    sections: {
      tenor: { heading: 'Entscheidung', paragraphs: ['1. Bewilligt für {{ antrag.name }}.', '2. {{> gebuehr }}'] },
      rechtsbehelfsbelehrung: {
        heading: 'Rechtsbehelfsbelehrung',
        paragraphs: ['Widerspruch bei {{ behoerde.name }}.'],
      },
      ...sections,
    },
    ...overrides,
  };
}

const bausteine: NamedJson = {
  name: 'bausteine/test.json',
  json: {
    bausteine: [
      { id: 'anrede', paragraphs: ['Guten Tag   {{ antragsteller.name }},'] },
      {
        id: 'gebuehr',
        paragraphs: ['{{#if gebuehr.betrag > 0}}Gebühr: {{ gebuehr.betrag | euro }}.{{else}}Gebührenfrei.{{/if}}'],
      },
    ],
  },
};

function load(vorlagen: unknown[], extraBausteine: NamedJson[] = []) {
  return vorlagenRegistry({
    verfahren: [verfahren],
    vorlagen: vorlagen.map((json, i) => ({ name: `vorlagen/v${i}.json`, json })),
    bausteine: [bausteine, ...extraBausteine],
  });
}

function registry(vorlagen: unknown[], extra: NamedJson[] = []): VorlagenRegistry {
  const r = load(vorlagen, extra);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function issues(vorlagen: unknown[], extra: NamedJson[] = []): readonly TemplateError[] {
  const r = load(vorlagen, extra);
  if (r.ok) throw new Error('expected load errors');
  expect(r.error.code).toBe('invalid_vorlage');
  return r.error.issues;
}

const context: ContextObject = {
  eingangsdatum: '2026-03-02',
  antragsteller: { name: 'Anna Schäfer' },
  antrag: { name: 'Balkon', flaeche: 12, speicher: true, art: 'pkw' },
  gebuehr: { betrag: 3070 },
  behoerde: { name: 'Stadt Musterstadt' },
};

describe('vorlagenRegistry: loading', () => {
  it('loads valid Vorlagen and lists them by Verfahren and decision', () => {
    const reg = registry([vorlage(), vorlage({ id: 'test-ablehnung', decision: 'ablehnung' })]);
    expect(reg.vorlagen.map((v) => v.id)).toEqual(['test-bewilligung', 'test-ablehnung']);
    expect(reg.list('test-verfahren').length).toBe(2);
    expect(reg.list('test-verfahren', 'ablehnung').map((v) => v.id)).toEqual(['test-ablehnung']);
    expect(reg.list('anderes')).toEqual([]);
    expect(reg.get('test-ablehnung')?.decision).toBe('ablehnung');
    expect(reg.get('constructor')).toBeUndefined();
    expect([...reg.blocks.keys()]).toEqual(['anrede', 'gebuehr']);
  });

  it('reports schema problems with file and path', () => {
    const { rechtsbehelfsbelehrung: _omitted, ...withoutRbb } = vorlage().sections;
    const found = issues([
      { ...vorlage(), sections: withoutRbb },
      { ...vorlage({ id: 'x2' }), extra: 1 },
      vorlage({ decision: 'vielleicht' }),
    ]);
    const where = found.map((e) => e.where);
    expect(where).toContain('vorlagen/v0.json: sections.rechtsbehelfsbelehrung');
    expect(where).toContain('vorlagen/v1.json');
    expect(where).toContain('vorlagen/v2.json: decision');
  });

  it('reports syntax errors with the template part and line:column', () => {
    const [e] = issues([
      vorlage({}, { begruendung: { paragraphs: ['gut', 'Zeile\n  {{#if antrag.speicher}}offen'] } }),
    ]);
    expect(e?.where).toBe('vorlagen/v0.json: sections.begruendung.paragraphs[1]');
    expect(e?.position).toEqual({ line: 2, column: 3 });
    expect(e?.messageDe).toMatch(/^vorlagen\/v0\.json: sections\.begruendung\.paragraphs\[1\]: \{\{#if\}\} wird nicht/);
  });

  it('reports unknown paths: fields of other Verfahren, unknown context paths', () => {
    const found = issues([
      vorlage(
        {},
        {
          begruendung: {
            paragraphs: ['{{ antrag.kennzeichen }} {{ behoerde.telefax }} {{#if antragsteller.alter > 18}}x{{/if}}'],
          },
        },
      ),
    ]);
    expect(found.map((e) => e.code)).toEqual(['unknown_path', 'unknown_path', 'unknown_path']);
    expect(found.map((e) => e.messageDe)).toEqual([
      expect.stringContaining('Unbekannter Pfad „antrag.kennzeichen“ (Zeile 1, Spalte 1)'),
      expect.stringContaining('„behoerde.telefax“'),
      expect.stringContaining('„antragsteller.alter“'),
    ]);
  });

  it.each([
    ['{{ gebuehr.betrag }}', /Geldbetrag in Cent: schreiben Sie \{\{ gebuehr\.betrag \| euro \}\}/],
    ['{{ antrag.beginn }}', /ist ein Datum: schreiben Sie/],
    ['{{ gebuehr.betrag | default("0") }}', /Geldbetrag in Cent/],
    ['{{ antrag.name | euro }}', /euro erwartet Geldbetrag/],
    ['{{ antrag.flaeche | datum }}', /datum erwartet Datum/],
    ['{{ antrag.flaeche | upper }}', /upper erwartet Text/],
    ['{{ gebuehr.betrag | zahl }}', /zahl erwartet Zahl/],
    ["{{#if antrag.art == 'lkw'}}x{{/if}}", /„lkw“ ist kein möglicher Wert von „antrag\.art“ \(möglich: pkw, krad\)/],
    ["{{#if antrag.flaeche == '12'}}x{{/if}}", /vergleichen Sie mit einer Zahl/],
    ['{{#if antrag.speicher > 1}}x{{/if}}', /== true \/ == false/],
    ['{{#if antrag.name > 1}}x{{/if}}', /== 'Text'/],
    ["{{#if antrag.beginn < '01.01.2026'}}x{{/if}}", /einem Datum 'JJJJ-MM-TT'/],
    ["{{#if behoerde.land == 'XY'}}x{{/if}}", /kein möglicher Wert von „behoerde\.land“/],
  ])('type-checks %s', (paragraph, message) => {
    const found = issues([vorlage({}, { begruendung: { paragraphs: [paragraph] } })]);
    expect(found).toHaveLength(1);
    expect(found[0]?.code).toBe('type_error');
    expect(found[0]?.messageDe).toMatch(message);
  });

  it('accepts well-typed uses', () => {
    const ok = [
      '{{ gebuehr.betrag | euro }} {{ antrag.beginn | datum }} {{ antrag.flaeche | zahl }} {{ antrag.name | upper }}',
      "{{#if antrag.art == 'krad' or antrag.flaeche >= 10.5 and not antrag.speicher}}x{{/if}}",
      "{{#if antrag.beginn >= '2026-01-01' and gebuehr.betrag > 0 and antrag.speicher == false}}x{{/if}}",
      '{{ antragText.flaeche }} {{ antrag.beginn | datum | default("offen") }}',
    ];
    expect(load([vorlage({}, { begruendung: { paragraphs: ok } })]).ok).toBe(true);
  });

  it('reports unknown Textbausteine, unknown Verfahren and duplicate ids', () => {
    const found = issues([
      vorlage({}, { schlussformel: { paragraphs: ['{{> gruss.fehlt }}'] } }),
      vorlage({ id: 'anders', verfahrenId: 'gibt-es-nicht' }),
      vorlage(),
    ]);
    expect(found.map((e) => e.code)).toEqual(['unknown_block', 'invalid_vorlage', 'invalid_vorlage']);
    expect(found[1]?.messageDe).toContain('Unbekanntes Verfahren „gibt-es-nicht“');
    expect(found[2]?.messageDe).toContain('Doppelte Vorlagen-Id');
  });

  it('checks Antragsdaten paths inside Textbausteine against each including Vorlage’s Verfahren', () => {
    const extra: NamedJson = {
      name: 'bausteine/extra.json',
      json: { bausteine: [{ id: 'fahrzeug', paragraphs: ['Kennzeichen {{ antrag.kennzeichen }}'] }] },
    };
    // Unused, the block is valid on its own: its Antragsdaten paths depend on the Verfahren.
    expect(load([vorlage()], [extra]).ok).toBe(true);
    const [e] = issues([vorlage({}, { begruendung: { paragraphs: ['{{> fahrzeug }}'] } })], [extra]);
    expect(e?.code).toBe('unknown_path');
    expect(e?.where).toBe('vorlagen/v0.json: test-bewilligung > bausteine/extra.json: fahrzeug paragraphs[0]');
  });

  it('checks context paths of every Textbaustein, used or not', () => {
    const extra: NamedJson = {
      name: 'bausteine/extra.json',
      json: { bausteine: [{ id: 'kaputt', paragraphs: ['{{ behoerde.fax }}'] }] },
    };
    const [e] = issues([vorlage()], [extra]);
    expect(e?.where).toBe('bausteine/extra.json: kaputt paragraphs[0]');
  });

  it('finds include cycles and chains deeper than three levels when loading', () => {
    const extra: NamedJson = {
      name: 'bausteine/graph.json',
      json: {
        bausteine: [
          { id: 'a', paragraphs: ['{{> b }}'] },
          { id: 'b', paragraphs: ['{{> a }}'] },
          { id: 'k.a', paragraphs: ['{{> k.b }}'] },
          { id: 'k.b', paragraphs: ['{{> k.c }}'] },
          { id: 'k.c', paragraphs: ['{{> k.d }}'] },
          { id: 'k.d', paragraphs: ['Ende'] },
          { id: 'dup', paragraphs: ['eins'] },
          { id: 'dup', paragraphs: ['zwei'] },
        ],
      },
    };
    const found = issues([vorlage()], [extra]);
    expect(found.map((e) => [e.code, e.where])).toEqual([
      ['invalid_vorlage', 'bausteine/graph.json: bausteine[7]'],
      ['include_cycle', 'bausteine/graph.json: b'],
      ['limit_exceeded', 'bausteine/graph.json: k.a'],
    ]);
    expect(found[1]?.messageDe).toContain('a → b → a');
  });

  it('summarises many problems in one message and lists all in issues', () => {
    const many = Array.from({ length: 12 }, (_, i) => `{{ unbekannt${i} }}`).join(' ');
    const r = load([vorlage({}, { begruendung: { paragraphs: [many] } })]);
    expect(!r.ok && r.error.issues.length).toBe(12);
    expect(!r.ok && r.error.messageDe).toMatch(/\(12 Fehler\).*; und 2 weitere$/);
  });
});

describe('vorlagenRegistry: rendering', () => {
  it('renders Betreff, Anrede and sections in the letter’s shape', () => {
    const reg = registry([
      vorlage(
        {},
        {
          begruendung: {
            heading: 'Begründung für {{ antrag.name }}',
            paragraphs: [
              'Erster Absatz.\nMit Zeilenumbruch.',
              '{{#if antrag.speicher}}\nMit Speicher.\n\nZweiter Absatz im Zweig.\n{{/if}}',
              '{{#if antrag.flaeche > 100}}Entfällt.{{/if}}',
              'Ein {{#if antrag.speicher}}{{/if}} Leerzeichen.',
            ],
          },
          gebuehren: { heading: 'Gebühren', paragraphs: ['{{#if antrag.flaeche > 100}}Nie.{{/if}}'] },
        },
      ),
    ]);
    const r = reg.render('test-bewilligung', context);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toEqual({
      vorlageId: 'test-bewilligung',
      decision: 'bewilligung',
      betreff: 'Ihr Antrag\nvom 02.03.2026',
      anrede: 'Guten Tag Anna Schäfer,',
      sections: {
        tenor: { heading: 'Entscheidung', paragraphs: ['1. Bewilligt für Balkon.', '2. Gebühr: 30,70\u00a0€.'] },
        begruendung: {
          heading: 'Begründung für Balkon',
          paragraphs: [
            'Erster Absatz.\nMit Zeilenumbruch.',
            'Mit Speicher.',
            'Zweiter Absatz im Zweig.',
            'Ein Leerzeichen.',
          ],
        },
        rechtsbehelfsbelehrung: {
          heading: 'Rechtsbehelfsbelehrung',
          paragraphs: ['Widerspruch bei Stadt Musterstadt.'],
        },
      },
      unresolved: [],
    });
    // The letter prints sections in its own order, whatever the key order.
    expect(Object.keys(r.value.sections)).toEqual(['tenor', 'begruendung', 'rechtsbehelfsbelehrung']);
  });

  it('collects unresolved placeholders of every part, in order of first use', () => {
    const reg = registry([vorlage()]);
    const r = reg.render('test-bewilligung', { ...context, antrag: {}, behoerde: {}, eingangsdatum: undefined });
    expect(r.ok && r.value.unresolved).toEqual(['eingangsdatum', 'antrag.name', 'behoerde.name']);
    expect(r.ok && r.value.betreff).toBe('Ihr Antrag\nvom [[eingangsdatum]]');
  });

  it('reports an unknown Vorlage, an empty Anrede and over-long parts as errors', () => {
    const reg = registry([vorlage(), vorlage({ id: 'leer', anrede: '{{#if antrag.flaeche > 100}}x{{/if}}' })]);
    expect(reg.render('gibt-es-nicht', context)).toMatchObject({ ok: false, error: { code: 'unknown_vorlage' } });
    expect(reg.render('leer', context)).toMatchObject({ ok: false, error: { where: 'leer: anrede' } });
    const long = reg.render('test-bewilligung', { ...context, antrag: { name: 'x'.repeat(20_001) } });
    expect(long).toMatchObject({
      ok: false,
      error: { code: 'limit_exceeded', where: 'test-bewilligung: sections.tenor' },
    });
  });
});
