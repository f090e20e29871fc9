import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../verfahren.ts';
import { renderRuleError } from './errors.ts';
import { explanationFacts, renderExplanation } from './render.ts';
import { compileError, run } from './test-helpers.ts';

const data = {
  modulleistungWp: 600,
  wechselrichterleistung: 900,
  anschaffungskosten: 64999,
  kaufdatum: '2026-02-01',
  montageort: 'balkon',
  speicher: false,
  nutzungsverhaeltnis: 'mieter',
};

const de = (source: string) => renderExplanation(run(source, data).explanation, 'de');
const en = (source: string) => renderExplanation(run(source, data).explanation, 'en');

describe('renderExplanation', () => {
  it('names the value used and the limit', () => {
    expect(de('modulleistungWp <= 800')).toBe('modulleistungWp = 600 ≤ 800 (Grenze)');
    expect(en('modulleistungWp <= 800')).toBe('modulleistungWp = 600 ≤ 800 (limit)');
  });

  it('states what is true when a rule fails', () => {
    expect(de('wechselrichterleistung <= 800')).toBe('wechselrichterleistung = 900 > 800 (Grenze)');
    expect(de('montageort = "fassade"')).toBe('montageort = „balkon“ ≠ „fassade“');
    expect(de('montageort != "balkon"')).toBe('montageort = „balkon“');
    expect(de('speicher = true')).toBe('speicher = nein');
    expect(en('true = speicher')).toBe('speicher = no');
    expect(de('800 >= wechselrichterleistung')).toBe('wechselrichterleistung = 900 > 800 (Grenze)');
  });

  it('shows both sides when both are computed', () => {
    expect(de('wechselrichterleistung <= modulleistungWp')).toBe(
      'wechselrichterleistung (900) > modulleistungWp (600)',
    );
  });

  it('lists the deciding parts of and / or', () => {
    expect(de('speicher or montageort in ["fassade", "terrasse"]')).toBe(
      'speicher = nein und montageort = „balkon“ ist keiner der Werte „fassade“, „terrasse“',
    );
    expect(en('nutzungsverhaeltnis != "mieter" or present(zustimmung)')).toBe(
      'nutzungsverhaeltnis = “mieter” and zustimmung is missing',
    );
    expect(de('modulleistungWp > 1 and wechselrichterleistung <= 800 and speicher')).toBe(
      'wechselrichterleistung = 900 > 800 (Grenze)',
    );
    expect(explanationFacts(run('modulleistungWp > 1 and not speicher', data).explanation, 'de')).toEqual([
      'modulleistungWp = 600 > 1 (Grenze)',
      'speicher = nein',
    ]);
  });

  it('formats dates, money and ranges per language', () => {
    expect(de('date(kaufdatum) between date("2026-01-01") and today')).toBe(
      'date(kaufdatum) = 01.02.2026 liegt zwischen 01.01.2026 und today (15.03.2026)',
    );
    expect(en('date(kaufdatum) not between date("2026-01-01") and today')).toBe(
      'date(kaufdatum) = 01/02/2026 is between 01/01/2026 and today (15/03/2026)',
    );
    expect(de('anschaffungskosten <= euro(500)')).toBe('anschaffungskosten = 649,99\u00a0€ > 500,00\u00a0€ (Grenze)');
    expect(en('anschaffungskosten <= euro(500)')).toBe('anschaffungskosten = €649.99 > €500.00 (limit)');
    expect(de('year(kaufdatum) = 2026')).toBe('year(kaufdatum) = 2026');
    expect(de('modulleistungWp / 7 > 85.5')).toBe('modulleistungWp / 7 = 85,714286 > 85,5 (Grenze)');
  });

  it('uses field labels, units and money types when given the fields', () => {
    const fields: FieldDef[] = [
      {
        id: 'modulleistungWp',
        label: { de: 'Modulleistung', en: 'Module power' },
        type: 'number',
        required: true,
        unit: 'Wp',
      },
      { id: 'anschaffungskosten', label: { de: 'Kosten', en: 'Cost' }, type: 'money', required: true },
    ];
    const r = run('modulleistungWp <= 800 and anschaffungskosten >= 20000', data);
    expect(renderExplanation(r.explanation, 'de', { fields })).toBe(
      'Modulleistung = 600 Wp ≤ 800 (Grenze) und Kosten = 649,99\u00a0€ ≥ 200,00\u00a0€ (Grenze)',
    );
    expect(renderExplanation(r.explanation, 'en', { fields })).toBe(
      'Module power = 600 Wp ≤ 800 (limit) and Cost = €649.99 ≥ €200.00 (limit)',
    );
  });

  it('renders presence and errors', () => {
    expect(de('present(montageort)')).toBe('montageort ist angegeben');
    expect(de('missing(montageort)')).toBe('montageort ist angegeben');
    expect(en('missing(haendler)')).toBe('haendler is missing');
    expect(de('gibtsnicht > 1')).toBe('Feld gibtsnicht hat keinen Wert (an Stelle 1)');
    expect(en('montageort > 1')).toBe('">" is not defined for the types text and number (at position 1)');
    expect(de('montageort > 1')).toBe('„>“ ist für die Typen Text und Zahl nicht definiert (an Stelle 1)');
  });

  it('shortens long texts', () => {
    const long = 'x'.repeat(200);
    expect(renderExplanation(run('t = "y"', { t: long }).explanation, 'de')).toBe(`t = „${'x'.repeat(80)}…“ ≠ „y“`);
  });
});

describe('renderRuleError', () => {
  it('renders every kind of error in both languages with its position', () => {
    const e = compileError('length(a, b) = 1');
    expect(renderRuleError(e, 'de')).toBe('length() erwartet 1 Argument(e), nicht 2 (an Stelle 1)');
    expect(renderRuleError(e, 'en')).toBe('length() takes 1 argument(s), not 2 (at position 1)');
    expect(e.message).toBe(renderRuleError(e, 'en'));
    const types = run('days_between(x, today) > 1', { x: 5 }).explanation;
    expect(types.kind === 'error' && renderRuleError(types.error, 'de')).toBe(
      'Argument 1 von days_between() muss den Typ Datum haben, aber x hat den Typ Zahl (an Stelle 14)',
    );
  });
});
