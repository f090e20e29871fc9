import { describe, expect, it } from 'vitest';
import balkonJson from '../../../resources/verfahren/balkon-solaranlage.json' with { type: 'json' };
import parkJson from '../../../resources/verfahren/bewohnerparkausweis.json' with { type: 'json' };
import gewerbeJson from '../../../resources/verfahren/gewerbeanmeldung.json' with { type: 'json' };
import { dayNumberToIsoDate } from '../fristen.ts';
import { allFields, verfahrenDef, type FieldDef, type VerfahrenDef } from '../verfahren.ts';
import type { Antragsdaten } from '../vorgang.ts';
import { renderExplanation } from './render.ts';
import { emptyPrueflisteState, prueflisteCompleteness } from './state.ts';
import { evaluatePruefliste, prueflisteTemplate, type PrueflisteTemplate } from './template.ts';

const label = { de: 'Prüfung', en: 'Check' };

const template = (items: unknown[]) => ({ id: 'test-pruefung', version: 1, items });

function issues(input: unknown): string[] {
  const r = prueflisteTemplate.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('prueflisteTemplate', () => {
  it('accepts manual and rule items', () => {
    const input = template([
      { id: 'vollstaendig', label, kind: 'manual', required: true, help: { de: 'Hilfe', en: 'Help' } },
      { id: 'grenze', label, kind: 'rule', required: false, rule: 'leistung <= 800' },
    ]);
    expect(prueflisteTemplate.parse(input)).toEqual(input);
  });

  it('requires a rule that compiles for rule items, and none for manual items', () => {
    expect(issues(template([{ id: 'a', label, kind: 'rule', required: true }]))).toEqual([
      expect.stringMatching(/^items\.0\.rule: /),
    ]);
    expect(issues(template([{ id: 'a', label, kind: 'manual', required: true, rule: 'x = 1' }]))).toEqual([
      expect.stringMatching(/^items\.0: .*rule/),
    ]);
    expect(issues(template([{ id: 'a', label, kind: 'rule', required: true, rule: 'x <= ' }]))).toEqual([
      'items.0.rule: parse_error: The rule ends too early; expected a value, a field or "(" (at position 6)',
    ]);
    expect(
      issues(template([{ id: 'a', label, kind: 'rule', required: true, rule: 'x < date("2026-02-30")' }])),
    ).toEqual([expect.stringMatching(/^items\.0\.rule: type_error: /)]);
  });

  it('refuses duplicate item ids, bad ids, unknown keys and empty lists', () => {
    const item = { id: 'a', label, kind: 'manual', required: true };
    expect(issues(template([item, { ...item, kind: 'rule', rule: 'true' }]))).toEqual([
      'items.1.id: duplicate Prüfliste item id "a"',
    ]);
    expect(issues(template([{ ...item, id: '__proto__' }]))).toHaveLength(1);
    expect(issues(template([{ ...item, requried: true }]))).toHaveLength(1);
    expect(issues(template([{ ...item, required: undefined }]))).toHaveLength(1);
    expect(issues(template([]))).toHaveLength(1);
    expect(issues({ ...template([item]), id: 'Groß' })).toHaveLength(1);
  });
});

describe('verfahrenDef with a Prüfliste', () => {
  const base = {
    id: 'test',
    version: 1,
    name: label,
    aktenplanKennzeichen: '10.20',
    fristArbeitstage: 5,
    groups: [
      {
        id: 'g',
        label,
        fields: [
          { id: 'leistung', label, type: 'number', required: true },
          { id: 'ort', label, type: 'select', options: [{ value: 'balkon', label }] },
        ],
      },
    ],
  };

  it('stays valid without one', () => {
    expect(verfahrenDef.safeParse(base).success).toBe(true);
  });

  it('checks rules against the fields, with the path of the item', () => {
    const r = verfahrenDef.safeParse({
      ...base,
      pruefliste: template([
        { id: 'ok', label, kind: 'rule', required: true, rule: 'leistung <= 800' },
        { id: 'tippfehler', label, kind: 'rule', required: true, rule: 'leistnug <= 800' },
        { id: 'option', label, kind: 'rule', required: true, rule: 'ort = "dach"' },
      ]),
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['pruefliste.items.1.rule', 'unknown_field: The Verfahren has no field leistnug (at position 1)'],
      ['pruefliste.items.2.rule', 'type_error: "dach" is not an option of field ort (at position 7)'],
    ]);
  });
});

const SHIPPED: VerfahrenDef[] = [balkonJson, parkJson, gewerbeJson].map((json) => verfahrenDef.parse(json));

/** Deterministic xorshift. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Antragsdaten like the demo generator's: right types, required fields filled, optional ones sometimes empty. */
function generated(fields: readonly FieldDef[], random: () => number): Antragsdaten {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const data: Antragsdaten = {};
  for (const f of fields) {
    if (!f.required) {
      const roll = random();
      if (roll < 0.25) continue;
      if (roll < 0.35) {
        data[f.id] = f.type === 'text' || f.type === 'multiline' ? '' : null;
        continue;
      }
    }
    switch (f.type) {
      case 'number':
        data[f.id] = Math.floor(random() * 3000);
        break;
      case 'money':
        data[f.id] = Math.floor(random() * 300_000);
        break;
      case 'boolean':
        data[f.id] = random() < 0.8;
        break;
      case 'date':
        data[f.id] = dayNumberToIsoDate(19_800 + Math.floor(random() * 900));
        break;
      case 'select':
        data[f.id] = pick(f.options ?? []).value;
        break;
      default:
        data[f.id] = pick([
          'WÜ-AB 1234E',
          'SEE912345678901',
          'DE89370400440532013000',
          'HRB 12345',
          'Muster GmbH',
          'x',
        ]);
    }
  }
  return data;
}

describe('shipped Prüflisten', () => {
  it('exist for every shipped Verfahren, with 8–15 items mixing manual and rule checks', () => {
    expect(SHIPPED.map((v) => v.id)).toEqual(['balkon-solaranlage', 'bewohnerparkausweis', 'gewerbeanmeldung']);
    for (const v of SHIPPED) {
      const items = v.pruefliste?.items ?? [];
      expect(items.length).toBeGreaterThanOrEqual(8);
      expect(items.length).toBeLessThanOrEqual(15);
      expect(items.filter((i) => i.kind === 'rule').length).toBeGreaterThanOrEqual(4);
      expect(items.filter((i) => i.kind === 'manual').length).toBeGreaterThanOrEqual(3);
      expect(items.some((i) => !i.required)).toBe(true);
    }
  });

  it('evaluate generated Antragsdaten without errors, deterministically, with explanations in both languages', () => {
    const random = rng(4711);
    const outcomes = new Map<string, Set<string>>();
    for (const v of SHIPPED) {
      const t = v.pruefliste as PrueflisteTemplate;
      const fields = allFields(v);
      for (let n = 0; n < 300; n++) {
        const data = generated(fields, random);
        const results = evaluatePruefliste(t, data, '2026-03-15');
        expect([...results.keys()]).toEqual(t.items.filter((i) => i.kind === 'rule').map((i) => i.id));
        for (const [id, r] of results) {
          expect(r.explanation.kind === 'error' ? `${id}: ${r.explanation.error.message}` : r.outcome).not.toBe(
            'error',
          );
          expect(r.outcome).not.toBe('error');
          expect(renderExplanation(r.explanation, 'de', { fields })).not.toBe('');
          expect(renderExplanation(r.explanation, 'en', { fields })).not.toBe('');
          const seen = outcomes.get(`${v.id}/${id}`) ?? new Set();
          seen.add(r.outcome);
          outcomes.set(`${v.id}/${id}`, seen);
        }
        expect(evaluatePruefliste(t, structuredClone(data), '2026-03-15')).toEqual(results);
      }
    }
    // Random data exercises both outcomes of most rules.
    const both = [...outcomes.values()].filter((s) => s.size === 2).length;
    expect(both).toBeGreaterThan(outcomes.size / 2);
  });

  const plausible: Record<string, Antragsdaten> = {
    'balkon-solaranlage': {
      anzahlModule: 2,
      modulleistung: 860,
      wechselrichterleistung: 800,
      speicher: false,
      montageort: 'balkon',
      inbetriebnahme: '2026-02-20',
      marktstammdatenregisterNr: 'SEE912345678901',
      anschaffungskosten: 64999,
      kaufdatum: '2026-02-10',
      nutzungsverhaeltnis: 'mieter',
      zustimmungVermieter: true,
      kontoinhaber: 'Anna Schäfer',
      iban: 'DE89370400440532013000',
      keineDoppelfoerderung: true,
      vdeKonform: true,
    },
    bewohnerparkausweis: {
      bewohnerparkzone: 'B',
      meldeadresseSeit: '2019-05-01',
      hauptwohnsitz: true,
      kennzeichen: 'WÜ-AB 1234E',
      fahrzeugart: 'pkw',
      fahrzeughalter: 'arbeitgeber',
      halterName: 'Muster GmbH',
      elektrofahrzeug: true,
      gueltigkeit: '12',
      gueltigAb: '2026-04-01',
      verlaengerung: true,
      bisherigeAusweisnummer: 'BPA-2025-01234',
    },
    gewerbeanmeldung: {
      anlass: 'neuerrichtung',
      betriebsstaette: 'hauptniederlassung',
      betriebsbeginn: '2026-04-01',
      nebenerwerb: false,
      betriebsname: 'Schäfer Friseure GmbH',
      rechtsform: 'gmbh',
      registergericht: 'Amtsgericht Würzburg',
      registernummer: 'HRB 12345',
      taetigkeit: 'Friseurhandwerk',
      beschaeftigteVollzeit: 3,
      beschaeftigteTeilzeit: 2,
      erlaubnispflichtig: false,
      handwerksrolle: true,
      email: 'info@example.org',
    },
  };

  it('pass every rule for a plausible Antrag, and completeness then waits for the manual items', () => {
    for (const v of SHIPPED) {
      const t = v.pruefliste as PrueflisteTemplate;
      const results = evaluatePruefliste(t, plausible[v.id] ?? {}, '2026-03-15');
      for (const [id, r] of results) expect(`${id}: ${r.outcome}`).toBe(`${id}: pass`);
      const c = prueflisteCompleteness(t, emptyPrueflisteState(), results);
      expect(c.unexplainedFailures).toEqual([]);
      expect(c.missing).toEqual(t.items.filter((i) => i.kind === 'manual' && i.required).map((i) => i.id));
    }
  });

  it('explain the failures of an implausible Antrag', () => {
    const v = SHIPPED[0] as VerfahrenDef;
    const data = {
      ...plausible['balkon-solaranlage'],
      wechselrichterleistung: 1000,
      zustimmungVermieter: null,
      iban: 'DE00',
    };
    const results = evaluatePruefliste(v.pruefliste as PrueflisteTemplate, data, '2026-03-15');
    const fields = allFields(v);
    const failed = [...results].filter(([, r]) => r.outcome === 'fail');
    expect(failed.map(([id, r]) => [id, renderExplanation(r.explanation, 'de', { fields })])).toEqual([
      ['wechselrichterGrenze', 'Wechselrichterleistung = 1000 W > 800 (Grenze)'],
      [
        'zustimmungVermieter',
        'Eigentümer*in oder Mieter*in = „mieter“ und Zustimmung der Vermieterin / des Vermieters liegt vor fehlt',
      ],
      ['ibanGueltig', 'iban_valid(iban) = nein'],
    ]);
  });
});

describe('evaluatePruefliste', () => {
  const t: PrueflisteTemplate = {
    id: 'test-pruefung',
    version: 1,
    items: [
      { id: 'manuell', label, kind: 'manual', required: true },
      { id: 'grenze', label, kind: 'rule', required: true, rule: 'leistung <= 800' },
      // Not validated: a template built in code can carry a broken rule.
      { id: 'kaputt', label, kind: 'rule', required: false, rule: 'leistung <=' },
    ],
  };

  it('returns one result per rule item, an error for a rule that does not compile', () => {
    const results = evaluatePruefliste(t, { leistung: 600 }, '2026-03-15');
    expect([...results.keys()]).toEqual(['grenze', 'kaputt']);
    expect(results.get('grenze')?.outcome).toBe('pass');
    expect(results.get('kaputt')).toMatchObject({ outcome: 'error', explanation: { error: { code: 'parse_error' } } });
  });

  it('answers every rule with an error for an invalid today', () => {
    const results = evaluatePruefliste(t, { leistung: 600 }, 'heute');
    expect([...results.values()].map((r) => r.outcome)).toEqual(['error', 'error']);
  });
});
