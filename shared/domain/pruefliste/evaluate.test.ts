import { describe, expect, it } from 'vitest';
import { compileRule, evaluateRule } from './compile.ts';
import { compiled, compileError, outcome, run, runError } from './test-helpers.ts';

const solar = {
  anzahlModule: 2,
  modulleistung: 800,
  wechselrichterleistung: 600,
  speicher: false,
  montageort: 'balkon',
  inbetriebnahme: '2026-02-20',
  kaufdatum: '2026-02-01',
  anschaffungskosten: 64999,
  nutzungsverhaeltnis: 'mieter',
  zustimmungVermieter: true,
  iban: 'DE89370400440532013000',
  haendler: '',
};

describe('comparisons', () => {
  it.each([
    ['modulleistung = 800', 'pass'],
    ['modulleistung = 801', 'fail'],
    ['modulleistung != 801', 'pass'],
    ['modulleistung != 800', 'fail'],
    ['wechselrichterleistung < 800', 'pass'],
    ['wechselrichterleistung < 600', 'fail'],
    ['wechselrichterleistung <= 600', 'pass'],
    ['wechselrichterleistung <= 599', 'fail'],
    ['wechselrichterleistung > 599', 'pass'],
    ['wechselrichterleistung > 600', 'fail'],
    ['wechselrichterleistung >= 600', 'pass'],
    ['wechselrichterleistung >= 601', 'fail'],
    ['wechselrichterleistung <= modulleistung', 'pass'],
    ['montageort = "balkon"', 'pass'],
    ["montageort = 'fassade'", 'fail'],
    ['montageort != "fassade"', 'pass'],
    ['speicher = false', 'pass'],
    ['speicher != true', 'pass'],
    ['date(kaufdatum) < date(inbetriebnahme)', 'pass'],
    ['date(kaufdatum) >= date("2026-02-02")', 'fail'],
    ['date(kaufdatum) = date("2026-02-01")', 'pass'],
    ['1.5 < 1.75', 'pass'],
    ['-3 < -2', 'pass'],
  ] as const)('%s → %s', (source, expected) => {
    expect(outcome(source, solar)).toBe(expected);
  });

  it('orders only numbers and dates', () => {
    expect(runError('montageort < "zzz"', solar)).toMatchObject({
      code: 'type_error',
      reason: 'operand_types',
      params: { op: '<', left: 'text', right: 'text' },
    });
    expect(runError('speicher >= false', solar).code).toBe('type_error');
  });

  it('refuses to compare values of different types instead of coercing', () => {
    const e = runError('modulleistung = "800"', solar);
    expect(e).toMatchObject({ code: 'type_error', reason: 'operand_types', position: 0 });
    expect(e.message).toBe('"=" is not defined for the types number and text (at position 1)');
    expect(runError('speicher = 0', solar).code).toBe('type_error');
    expect(runError('today = "2026-03-15"', solar).code).toBe('type_error');
  });

  it('tells how to compare a date field as a date', () => {
    const e = runError('kaufdatum < date("2026-03-01")', solar);
    expect(e).toMatchObject({ code: 'type_error', reason: 'date_field_as_date', params: { field: 'kaufdatum' } });
    expect(e.message).toContain('write date(kaufdatum)');
  });

  it('does not allow chained comparisons', () => {
    expect(compileError('1 < modulleistung < 3')).toMatchObject({ code: 'parse_error', reason: 'chained_comparison' });
  });
});

describe('between and in', () => {
  it.each([
    ['modulleistung between 800 and 1000', 'pass'],
    ['modulleistung between 100 and 800', 'pass'],
    ['modulleistung between 801 and 1000', 'fail'],
    ['modulleistung not between 801 and 1000', 'pass'],
    ['modulleistung not between 0 and 1000', 'fail'],
    ['date(kaufdatum) between date("2026-01-01") and date("2026-12-31")', 'pass'],
    ['date(kaufdatum) between add_days(today, -30) and today', 'fail'],
    ['modulleistung between anzahlModule * 300 and anzahlModule * 400', 'pass'],
    ['montageort in ["balkon", "fassade"]', 'pass'],
    ["montageort in ['terrasse']", 'fail'],
    ['montageort not in ["terrasse", "flachdach"]', 'pass'],
    ['montageort not in ["balkon"]', 'fail'],
    ['anzahlModule in [1, 2, 3]', 'pass'],
    ['anzahlModule in [-1, 4]', 'fail'],
    ['speicher in [false]', 'pass'],
    ['montageort in []', 'fail'],
  ] as const)('%s → %s', (source, expected) => {
    expect(outcome(source, solar)).toBe(expected);
  });

  it('binds the "and" of between before the boolean and', () => {
    expect(outcome('anzahlModule between 1 and 2 and speicher = false', solar)).toBe('pass');
    expect(outcome('anzahlModule between 1 and 2 and speicher', solar)).toBe('fail');
  });

  it('type-checks bounds and list members', () => {
    expect(runError('modulleistung between 1 and "9"', solar)).toMatchObject({
      code: 'type_error',
      reason: 'operand_types',
    });
    expect(runError('montageort between 1 and 9', solar).code).toBe('type_error');
    expect(runError('montageort in [1, 2]', solar)).toMatchObject({
      code: 'type_error',
      params: { op: 'in', left: 'text', right: 'number' },
    });
    expect(compileError('anzahlModule in [1, "2"]')).toMatchObject({ code: 'parse_error', reason: 'mixed_list' });
    expect(compileError('anzahlModule in [1, anzahlModule]')).toMatchObject({ reason: 'list_literals_only' });
    expect(compileError('["a"] = montageort')).toMatchObject({ reason: 'list_outside_in' });
  });
});

describe('boolean logic', () => {
  it.each([
    ['speicher or anzahlModule = 2', 'pass'],
    ['speicher or anzahlModule = 3', 'fail'],
    ['not speicher and anzahlModule = 2', 'pass'],
    ['not (speicher or anzahlModule = 2)', 'fail'],
    ['not not speicher', 'fail'],
    ['true and (false or true)', 'pass'],
    ['false or false or true', 'pass'],
    ['true and true and false', 'fail'],
    ['not speicher = true', 'pass'],
  ] as const)('%s → %s', (source, expected) => {
    expect(outcome(source, solar)).toBe(expected);
  });

  it('gives "and" precedence over "or"', () => {
    expect(outcome('true or false and false')).toBe('pass');
    expect(outcome('(true or false) and false')).toBe('fail');
  });

  it('short-circuits left to right, so guards protect missing values', () => {
    expect(outcome('missing(fehlt) or fehlt > 3', solar)).toBe('pass');
    expect(outcome('present(fehlt) and fehlt > 3', solar)).toBe('fail');
    expect(runError('fehlt > 3 or missing(fehlt)', solar)).toMatchObject({ code: 'missing_value' });
  });

  it('requires true or false for logic operands and for the rule as a whole', () => {
    expect(runError('anzahlModule and speicher', solar)).toMatchObject({
      code: 'type_error',
      reason: 'not_boolean',
      params: { text: 'anzahlModule', got: 'number' },
    });
    expect(runError('not montageort', solar).reason).toBe('not_boolean');
    expect(runError('modulleistung', solar)).toMatchObject({ reason: 'not_boolean', params: { got: 'number' } });
    expect(compileError('1 + 2')).toMatchObject({ code: 'type_error', reason: 'not_boolean' });
  });

  it('uses a comparison as a value when parenthesised', () => {
    expect(outcome('(anzahlModule = 2) = (not speicher)', solar)).toBe('pass');
    expect(compileError('anzahlModule = not speicher')).toMatchObject({ code: 'parse_error', position: 15 });
  });
});

describe('arithmetic', () => {
  it.each([
    ['modulleistung + wechselrichterleistung = 1400', 'pass'],
    ['modulleistung - wechselrichterleistung = 200', 'pass'],
    ['anzahlModule * 400 = modulleistung', 'pass'],
    ['modulleistung / anzahlModule = 400', 'pass'],
    ['1 + 2 * 3 = 7', 'pass'],
    ['(1 + 2) * 3 = 9', 'pass'],
    ['10 - 4 - 3 = 3', 'pass'],
    ['-anzahlModule = -2', 'pass'],
    ['- - anzahlModule = 2', 'pass'],
    ['7 / 2 = 3.5', 'pass'],
  ] as const)('%s → %s', (source, expected) => {
    expect(outcome(source, solar)).toBe(expected);
  });

  it('reports division by zero and overflow as arithmetic errors', () => {
    expect(runError('modulleistung / (anzahlModule - 2) > 1', solar)).toMatchObject({
      code: 'arithmetic_error',
      reason: 'division_by_zero',
    });
    expect(compileError('1 / 0 > 1')).toMatchObject({ code: 'arithmetic_error' });
    expect(
      runError(
        'anzahlModule * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 * 9007199254740991 > 0',
        solar,
      ),
    ).toMatchObject({ code: 'arithmetic_error', reason: 'not_finite' });
  });

  it('does arithmetic on numbers only', () => {
    expect(runError('montageort + 1 = 2', solar)).toMatchObject({
      code: 'type_error',
      params: { op: '+', left: 'text' },
    });
    expect(runError('-montageort = 1', solar)).toMatchObject({ code: 'type_error', reason: 'operand_type' });
    expect(runError('today + 1 = today', solar).code).toBe('type_error');
  });
});

describe('presence', () => {
  const data = { a: 'x', leer: '', blank: '  \n', nix: null, zahl: 0, falsch: false };
  it.each([
    ['present(a)', 'pass'],
    ['present(zahl)', 'pass'],
    ['present(falsch)', 'pass'],
    ['present(leer)', 'fail'],
    ['present(blank)', 'fail'],
    ['present(nix)', 'fail'],
    ['present(gibtsnicht)', 'fail'],
    ['missing(gibtsnicht)', 'pass'],
    ['missing(nix)', 'pass'],
    ['missing(a)', 'fail'],
    ['present(antrag.a)', 'pass'],
  ] as const)('%s → %s', (source, expected) => {
    expect(outcome(source, data)).toBe(expected);
  });

  it('takes a field name only', () => {
    expect(compileError('present("a")')).toMatchObject({ code: 'parse_error', reason: 'presence_needs_field' });
    expect(compileError('missing(a, b)')).toMatchObject({ reason: 'wrong_arity' });
  });

  it('reports a missing value used in a comparison, with its position', () => {
    expect(runError('anzahlModule > 1 and gibtsnicht = 2', { anzahlModule: 2 })).toMatchObject({
      code: 'missing_value',
      params: { field: 'gibtsnicht' },
      position: 21,
    });
    expect(runError('nix = 1', data).code).toBe('missing_value');
  });

  it('reads fields with and without the antrag. prefix', () => {
    expect(outcome('antrag.zahl = zahl', data)).toBe('pass');
    expect(outcome('antrag.and = 1', { and: 1 })).toBe('pass');
  });
});

describe('dates', () => {
  it.each([
    ['date("2026-03-15") = today', 'pass'],
    ['days_between(kaufdatum, inbetriebnahme) = 19', 'pass'],
    ['days_between(inbetriebnahme, kaufdatum) = -19', 'pass'],
    ['days_between(date(kaufdatum), today) = 42', 'pass'],
    ['days_between("2024-02-28", "2024-03-01") = 2', 'pass'],
    ['days_between("2025-12-31", "2026-01-01") = 1', 'pass'],
    ['add_days(kaufdatum, 19) = date(inbetriebnahme)', 'pass'],
    ['add_days(today, -365) = date("2025-03-15")', 'pass'],
    ['add_months("2026-01-31", 1) = date("2026-02-28")', 'pass'],
    ['add_months("2024-01-31", 1) = date("2024-02-29")', 'pass'],
    ['add_months("2026-03-15", -15) = date("2024-12-15")', 'pass'],
    ['add_months("2026-11-30", 3) = date("2027-02-28")', 'pass'],
    ['years_between("2000-03-15", "2026-03-15") = 26', 'pass'],
    ['years_between("2000-03-16", "2026-03-15") = 25', 'pass'],
    ['years_between("2026-03-15", "2000-03-16") = -25', 'pass'],
    ['age_years("2008-03-15") = 18', 'pass'],
    ['age_years("2008-03-16") = 17', 'pass'],
    ['year(kaufdatum) = 2026', 'pass'],
    ['year(today) = 2026', 'pass'],
    ['date(kaufdatum) < today', 'pass'],
  ] as const)('%s → %s', (source, expected) => {
    expect(outcome(source, solar)).toBe(expected);
  });

  it('counts a 29 February birthday as reached on 1 March in other years', () => {
    expect(outcome('age_years("2008-02-29") = 18', {}, '2026-02-28')).toBe('fail');
    expect(outcome('age_years("2008-02-29") = 18', {}, '2026-03-01')).toBe('pass');
    expect(outcome('age_years("2008-02-29") = 16', {}, '2024-02-29')).toBe('pass');
  });

  it('depends on the caller’s today only', () => {
    const rule = compiled('age_years(geburtsdatum) >= 18');
    expect(evaluateRule(rule, { geburtsdatum: '2008-06-01' }, '2026-05-31').outcome).toBe('fail');
    expect(evaluateRule(rule, { geburtsdatum: '2008-06-01' }, '2026-06-01').outcome).toBe('pass');
  });

  it('rejects texts that are not calendar dates', () => {
    expect(compileError('date("2026-02-30") < today')).toMatchObject({
      code: 'type_error',
      reason: 'not_a_date',
      position: 5,
    });
    expect(compileError('date("15.03.2026") < today').reason).toBe('not_a_date');
    const e = runError('days_between(kaufdatum, today) > 1', { kaufdatum: '01.02.2026' });
    expect(e).toMatchObject({ code: 'type_error', reason: 'not_a_date', params: { text: 'kaufdatum' } });
    // The message names the field, never the applicant's value.
    expect(e.message).not.toContain('01.02.2026');
    expect(runError('date(anzahlModule) < today', { anzahlModule: 3 })).toMatchObject({ reason: 'argument_type' });
  });

  it('needs whole days and months and stays within the years 0000–9999', () => {
    expect(runError('add_days(today, 1.5) > today')).toMatchObject({ code: 'type_error', reason: 'not_an_integer' });
    expect(compileError('add_months("2026-01-01", 0.5) > today')).toMatchObject({ reason: 'not_an_integer' });
    expect(runError('add_days(today, n) > today', { n: 1.5 })).toMatchObject({ reason: 'not_an_integer' });
    expect(runError('add_days(today, n) > today', { n: 3_000_000 })).toMatchObject({
      code: 'arithmetic_error',
      reason: 'date_out_of_range',
    });
    expect(runError('add_months(today, n) > today', { n: -30_000 })).toMatchObject({ reason: 'date_out_of_range' });
    expect(outcome('add_days("9999-12-30", 1) = date("9999-12-31")')).toBe('pass');
  });

  it('refuses an invalid today', () => {
    const rule = compiled('true');
    for (const today of ['2026-13-01', '', '15.03.2026', '2026-03-15T00:00:00Z']) {
      const r = evaluateRule(rule, {}, today);
      expect(r.outcome).toBe('error');
      expect(r.explanation).toMatchObject({ kind: 'error', error: { code: 'type_error', reason: 'invalid_today' } });
    }
  });
});

describe('other functions', () => {
  it.each([
    ['min(3, 5) = 3', 'pass'],
    ['max(3, 5) = 5', 'pass'],
    ['abs(-4) = 4', 'pass'],
    ['euro(200) = 20000', 'pass'],
    ['euro(649.99) = 64999', 'pass'],
    ['anschaffungskosten >= euro(200)', 'pass'],
    ['anschaffungskosten <= euro(500)', 'fail'],
    ['length("Würzburg") = 8', 'pass'],
    ['length("") = 0', 'pass'],
    ['lower("ABC") = "abc"', 'pass'],
    ['trim("  a ") = "a"', 'pass'],
    ['starts_with(iban, "DE")', 'pass'],
    ['ends_with(iban, "3000")', 'pass'],
    ['contains(iban, "37040044")', 'pass'],
    ['contains(iban, "AT")', 'fail'],
    ['iban_valid(iban)', 'pass'],
    ['iban_valid("DE89 3704 0044 0532 0130 00")', 'pass'],
    ['iban_valid("de89370400440532013000")', 'pass'],
    ['iban_valid("DE88370400440532013000")', 'fail'],
    ['iban_valid("DE8937040044053201300")', 'fail'],
    ['iban_valid("GB82WEST12345698765432")', 'pass'],
    ['iban_valid("hallo")', 'fail'],
  ] as const)('%s → %s', (source, expected) => {
    expect(outcome(source, solar)).toBe(expected);
  });

  it('checks argument types and counts', () => {
    expect(runError('length(anzahlModule) > 1', solar)).toMatchObject({
      code: 'type_error',
      reason: 'argument_type',
      params: { name: 'length', index: 1, expected: 'text', got: 'number' },
    });
    expect(runError('min(montageort, 1) = 1', solar).reason).toBe('argument_type');
    expect(compileError('min(1) = 1')).toMatchObject({
      code: 'parse_error',
      reason: 'wrong_arity',
      params: { expected: 2, got: 1 },
    });
    expect(compileError('iban_valid()')).toMatchObject({ reason: 'wrong_arity' });
  });

  it('knows only its own functions', () => {
    for (const name of ['eval', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'Date']) {
      expect(compileError(`${name}(1) = 1`)).toMatchObject({
        code: 'parse_error',
        reason: 'unknown_function',
        params: { name },
      });
    }
  });
});

describe('explanations', () => {
  it('name the values used and the part that decided', () => {
    expect(run('modulleistung <= 800', solar).explanation).toEqual({
      kind: 'comparison',
      holds: true,
      op: '<=',
      left: { kind: 'field', text: 'modulleistung', field: 'modulleistung', type: 'number', value: 800 },
      right: { kind: 'literal', text: '800', type: 'number', value: 800 },
    });
    const failedAnd = run('anzahlModule = 2 and speicher and modulleistung > 1', solar).explanation;
    expect(failedAnd).toMatchObject({
      kind: 'all',
      holds: false,
      parts: [{ kind: 'value', operand: { field: 'speicher' } }],
    });
    const passedOr = run('speicher or anzahlModule = 2 or modulleistung > 1', solar).explanation;
    expect(passedOr).toMatchObject({
      kind: 'any',
      holds: true,
      parts: [{ kind: 'comparison', left: { field: 'anzahlModule' } }],
    });
  });

  it('show constant parts as values and computed parts with their source', () => {
    const e = run('days_between(kaufdatum, today) <= euro(1) - 58', solar).explanation;
    expect(e).toMatchObject({
      kind: 'comparison',
      holds: true,
      left: { kind: 'expression', text: 'days_between(kaufdatum, today)', type: 'number', value: 42 },
      right: { kind: 'literal', text: 'euro(1) - 58', value: 42, money: true },
    });
    expect(run('date(kaufdatum) < today', solar).explanation).toMatchObject({
      left: { type: 'date', value: '2026-02-01' },
      right: { type: 'date', value: '2026-03-15', text: 'today' },
    });
  });

  it('are JSON-safe data', () => {
    const r = run('date(kaufdatum) between date("2026-01-01") and today and montageort in ["balkon"]', solar);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('determinism', () => {
  it('gives equal results for equal inputs, and leaves the inputs unchanged', () => {
    const source =
      'days_between(kaufdatum, today) <= 60 and (speicher or montageort in ["balkon"]) and iban_valid(iban)';
    const data = structuredClone(solar);
    const rule = compiled(source);
    const first = evaluateRule(rule, data, '2026-03-15');
    for (let i = 0; i < 5; i++) {
      expect(evaluateRule(rule, data, '2026-03-15')).toEqual(first);
      const again = compileRule(source);
      expect(again.ok && evaluateRule(again.value, data, '2026-03-15')).toEqual(first);
    }
    expect(data).toEqual(solar);
  });
});
