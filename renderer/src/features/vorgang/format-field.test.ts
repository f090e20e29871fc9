import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../../../../shared/domain/index.ts';
import { formatFieldValue } from './format-field.ts';

const texts = { yes: 'Ja', no: 'Nein', empty: '—' };
const label = { de: 'Feld', en: 'Field' };
const field = (p: Partial<FieldDef> & Pick<FieldDef, 'type'>): FieldDef => ({ id: 'f', label, required: false, ...p });

describe('formatFieldValue', () => {
  it('formats booleans as Ja/Nein', () => {
    expect(formatFieldValue(field({ type: 'boolean' }), true, 'de', texts)).toBe('Ja');
    expect(formatFieldValue(field({ type: 'boolean' }), false, 'de', texts)).toBe('Nein');
  });

  it('formats money (integer euro cents) in euros, also from numeric text', () => {
    expect(formatFieldValue(field({ type: 'money' }), 89990, 'de', texts).replace(/\s/g, ' ')).toBe('899,90 €');
    expect(formatFieldValue(field({ type: 'money' }), 64999, 'de', texts).replace(/\s/g, ' ')).toBe('649,99 €');
    expect(formatFieldValue(field({ type: 'money' }), '120000', 'en', texts)).toBe('€1,200.00');
    // not cents: shown as given rather than guessed
    expect(formatFieldValue(field({ type: 'money' }), 12.5, 'de', texts)).toBe('12.5');
  });

  it('formats numbers with their unit', () => {
    expect(formatFieldValue(field({ type: 'number', unit: 'Wp' }), 1600.5, 'de', texts)).toBe('1.600,5 Wp');
  });

  it('formats dates per language', () => {
    expect(formatFieldValue(field({ type: 'date' }), '2026-03-01', 'de', texts)).toBe('01.03.2026');
    expect(formatFieldValue(field({ type: 'date' }), '2026-03-01', 'en', texts)).toBe('01/03/2026');
  });

  it('shows the option label of select fields in the current language', () => {
    const f = field({
      type: 'select',
      options: [{ value: 'balkon', label: { de: 'Balkongeländer', en: 'Balcony railing' } }],
    });
    expect(formatFieldValue(f, 'balkon', 'de', texts)).toBe('Balkongeländer');
    expect(formatFieldValue(f, 'balkon', 'en', texts)).toBe('Balcony railing');
    expect(formatFieldValue(f, 'unbekannt', 'de', texts)).toBe('unbekannt');
  });

  it('shows empty values as a dash and mistyped values as plain text', () => {
    expect(formatFieldValue(field({ type: 'text' }), null, 'de', texts)).toBe('—');
    expect(formatFieldValue(field({ type: 'text' }), '', 'de', texts)).toBe('—');
    expect(formatFieldValue(field({ type: 'money' }), 'viel', 'de', texts)).toBe('viel');
    expect(formatFieldValue(field({ type: 'text' }), '<b>x</b>', 'de', texts)).toBe('<b>x</b>');
  });
});
