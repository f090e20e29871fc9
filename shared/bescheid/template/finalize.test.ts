import { describe, expect, it } from 'vitest';
import { finalizeCheck, finalizeCheckText, unresolvedMarkers } from './finalize.ts';
import { renderTemplate } from './render.ts';
import { tpl } from './test-helpers.ts';

describe('finalizeCheck', () => {
  it('passes a rendering without unresolved placeholders', () => {
    const r = renderTemplate(tpl('Fläche: {{ antrag.flaeche }} m²'), { antrag: { flaeche: 12 } });
    expect(r.ok && finalizeCheck(r.value)).toEqual({ ok: true, value: undefined });
  });

  it('blocks finalizing and names the placeholder', () => {
    const r = renderTemplate(tpl('Fläche: {{ antrag.flaeche }} m²'), { antrag: {} });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.text).toBe('Fläche: [[antrag.flaeche]] m²');
    const check = finalizeCheck(r.value);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.error).toMatchObject({
      code: 'unresolved_placeholder',
      messageDe: 'Platzhalter nicht aufgelöst: antrag.flaeche',
      message: 'Unresolved placeholder: antrag.flaeche',
    });
  });

  it('names every unresolved placeholder once', () => {
    const check = finalizeCheck({ unresolved: ['antrag.flaeche', 'behoerde.iban', 'antrag.flaeche'] });
    expect(!check.ok && check.error.messageDe).toBe('Platzhalter nicht aufgelöst: antrag.flaeche, behoerde.iban');
    expect(!check.ok && check.error.message).toBe('Unresolved placeholders: antrag.flaeche, behoerde.iban');
  });
});

describe('finalizeCheckText: markers left in an edited Bescheid', () => {
  const text = {
    betreff: 'Ihr Antrag vom [[eingangsdatum]]',
    anrede: 'Guten Tag Anna Schäfer,',
    sections: {
      tenor: { heading: 'Entscheidung', paragraphs: ['Ihnen wird [[antrag.betrag]] bewilligt.'] },
      begruendung: undefined,
      gebuehren: { paragraphs: ['Zahlbar an [[behoerde.iban]]; siehe [[ Klammern ]] und [[a..b]] und [x]'] },
    },
  };

  it('finds well-formed markers in every part, and nothing else', () => {
    expect(unresolvedMarkers(text)).toEqual(['eingangsdatum', 'antrag.betrag', 'behoerde.iban']);
  });

  it('blocks while markers remain and passes once the clerk replaced them', () => {
    const blocked = finalizeCheckText(text);
    expect(!blocked.ok && blocked.error.messageDe).toBe(
      'Platzhalter nicht aufgelöst: eingangsdatum, antrag.betrag, behoerde.iban',
    );
    const edited = {
      betreff: 'Ihr Antrag vom 02.03.2026',
      anrede: text.anrede,
      sections: { tenor: { paragraphs: ['Ihnen wird 200,00 € bewilligt.'] } },
    };
    expect(finalizeCheckText(edited).ok).toBe(true);
  });
});
