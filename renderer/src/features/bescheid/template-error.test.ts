import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/index.ts';
import { DEMO_ANTRAGSDATEN } from '../../../../shared/bescheid/template/test-helpers.ts';
import { loadErrorText, templateErrorText } from './template-error.ts';
import { registries } from './test-data.ts';

describe('templateErrorText', () => {
  it('says why a fee cannot be computed in the user’s language, naming the field', () => {
    const antragsdaten = { ...DEMO_ANTRAGSDATEN.bewohnerparkausweis };
    const fee = registries().gebuehren.computeGebuehr('bewohnerparkausweis', { ...antragsdaten, gueltigkeit: '' });
    if (fee.ok) throw new Error('an empty gueltigkeit must leave the fee open');
    expect(fee.error.params).toEqual({ fee: 'field_empty', field: 'gueltigkeit' });
    const de = createI18n('de');
    expect(templateErrorText(de.t, fee.error)).toBe(
      'Die Gebühr ist nicht berechenbar, weil das Feld „gueltigkeit“ leer ist; setzen Sie sie von Hand mit Begründung fest.',
    );
    const en = createI18n('en');
    expect(templateErrorText(en.t, fee.error)).toContain('the field “gueltigkeit” is empty');
  });

  it('keeps where and position, and counts further load problems', () => {
    const { t } = createI18n('en');
    const issue = {
      code: 'syntax_error' as const,
      message: 'x',
      messageDe: 'x',
      where: 'vorlagen/v0.json',
      position: { line: 2, column: 5 },
    };
    expect(templateErrorText(t, issue)).toBe(
      'vorlagen/v0.json: The Textvorlage has a syntax error. (line 2, column 5)',
    );
    expect(loadErrorText(t, { ...issue, code: 'invalid_vorlage', issues: [issue, issue] })).toBe(
      'vorlagen/v0.json: The Textvorlage has a syntax error. (line 2, column 5) (and 1 more problems)',
    );
  });
});
