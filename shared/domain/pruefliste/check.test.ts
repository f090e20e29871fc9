import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../verfahren.ts';
import { checkRule } from './check.ts';
import { parseRule } from './parser.ts';

const label = { de: 'x', en: 'x' };
const FIELDS: FieldDef[] = [
  { id: 'anzahl', label, type: 'number', required: true },
  { id: 'kosten', label, type: 'money', required: true },
  { id: 'kaufdatum', label, type: 'date', required: true },
  { id: 'speicher', label, type: 'boolean', required: true },
  { id: 'name', label, type: 'text', required: false },
  {
    id: 'ort',
    label,
    type: 'select',
    required: true,
    options: [
      { value: 'balkon', label },
      { value: 'fassade', label },
    ],
  },
];

function check(source: string) {
  const parsed = parseRule(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return checkRule(parsed.value, FIELDS);
}

describe('checkRule', () => {
  it.each([
    'anzahl <= 4 and kosten >= euro(200)',
    'date(kaufdatum) < today and days_between(kaufdatum, today) <= 90',
    'kaufdatum = "2026-01-01"',
    'speicher or not speicher',
    'ort in ["balkon", "fassade"] and ort != "fassade"',
    '"balkon" = ort',
    'missing(name) or length(name) > 2',
    'present(antrag.kaufdatum) and age_years(kaufdatum) >= 18',
    'anzahl between 1 and kosten / 100',
    'lower(name) = "x"',
  ])('accepts %s', (source) => {
    expect(check(source)).toEqual([]);
  });

  it('finds unknown fields, also inside presence checks', () => {
    expect(check('anzhal > 1 or present(gibtsnicht)')).toMatchObject([
      { code: 'unknown_field', params: { field: 'anzhal' }, position: 0 },
      { code: 'unknown_field', params: { field: 'gibtsnicht' }, position: 22 },
    ]);
  });

  it('finds values of the wrong type', () => {
    expect(check('anzahl = "4"')).toMatchObject([{ code: 'type_error', reason: 'operand_types' }]);
    expect(check('name < "m"')).toMatchObject([{ reason: 'operand_types', params: { left: 'text', right: 'text' } }]);
    expect(check('kaufdatum < today')).toMatchObject([
      { reason: 'date_field_as_date', params: { field: 'kaufdatum' } },
    ]);
    expect(check('date(kaufdatum) between kaufdatum and today')).toMatchObject([{ reason: 'date_field_as_date' }]);
    expect(check('days_between(name, today) > 1')).toMatchObject([
      { reason: 'not_a_date_field', params: { field: 'name' } },
    ]);
    expect(check('length(anzahl) > 1')).toMatchObject([
      { reason: 'argument_type', params: { index: 1, got: 'number' } },
    ]);
    expect(check('anzahl + speicher > 1')).toMatchObject([{ reason: 'operand_types' }]);
    expect(check('-name = 1')).toMatchObject([{ reason: 'operand_type' }]);
    expect(check('anzahl in ["1"]')).toMatchObject([{ reason: 'operand_types', params: { op: 'in' } }]);
  });

  it('requires conditions to be true or false', () => {
    expect(check('anzahl')).toMatchObject([{ reason: 'not_boolean', params: { got: 'number' } }]);
    expect(check('speicher and name')).toMatchObject([
      { reason: 'not_boolean', params: { text: 'name', got: 'text' } },
    ]);
    expect(check('not kaufdatum')).toMatchObject([{ reason: 'not_boolean' }]);
  });

  it('finds option values a select field does not have', () => {
    expect(check('ort = "balkonn"')).toMatchObject([
      { code: 'type_error', reason: 'unknown_option', params: { field: 'ort', value: 'balkonn' }, position: 6 },
    ]);
    expect(check('"dach" != ort')).toMatchObject([{ reason: 'unknown_option' }]);
    expect(check('ort not in ["balkon", "dach", "keller"]')).toHaveLength(2);
  });

  it('reports each mistake once', () => {
    expect(check('length(gibtsnicht) > 1 and gibtsnicht = 2')).toHaveLength(2);
  });
});
