import { describe, expect, it } from 'vitest';
import { finalizeCheckText, unresolvedMarkers } from '../../../../shared/bescheid/template/index.ts';
import { BESCHEID_DECISIONS, bescheidContent } from '../../../../shared/domain/index.ts';
import { formToContent } from './form.ts';
import { formMarkers } from './markers.ts';
import { recipientLines, startForm } from './start.ts';
import { demoVorgang, registries, renderInput } from './test-data.ts';

describe('content from a Textvorlage', () => {
  it('offers one Textvorlage per Verfahren and decision', () => {
    const { vorlagen } = registries();
    for (const verfahrenId of ['bewohnerparkausweis', 'gewerbeanmeldung', 'balkon-solaranlage']) {
      for (const decision of BESCHEID_DECISIONS) {
        expect(vorlagen.list(verfahrenId, decision).map((v) => v.decision)).toEqual([decision]);
      }
    }
  });

  it('prefills Betreff, Anrede, sections, address and the rule fee from the Vorgang', () => {
    const v = demoVorgang('bewohnerparkausweis', {
      aktenzeichen: '32.10.05-2026/00042',
      antragsdaten: { ...demoVorgang().antragsdaten, gueltigkeit: '12' },
    });
    const r = startForm(renderInput(v, 'bewohnerparkausweis-bewilligung'), null);
    if (!r.ok) throw new Error(r.error.message);
    const f = r.value;
    expect(f.decision).toBe('bewilligung');
    expect(f.recipient).toBe('Jürgen Müller\nHauptstr. 1\n10115 Berlin');
    expect(f.betreff).toContain('Bewohnerparkzone B');
    expect(f.ruleCents).toBe(3070);
    expect(f.override).toBeNull();
    expect(f.sections.gebuehren.body).toContain('30,70\u00a0€');
    expect(f.sections.gebuehren.body).toContain('32.10.05-2026/00042');
    expect(f.sections.rechtsbehelfsbelehrung.body).toContain('Widerspruch');
    expect(f.sections.schlussformel.body).toContain('Clara Clerk');
    expect(f.sections.tenor.heading).toBe('Entscheidung');

    const { content, problems } = formToContent(f);
    expect(problems).toEqual([]);
    expect(bescheidContent.safeParse(content).success).toBe(true);
    expect(content && finalizeCheckText(content).ok).toBe(true);
  });

  it('renders every shipped Textvorlage with complete demo data and no open placeholder', () => {
    const { vorlagen } = registries();
    for (const vorlage of vorlagen.vorlagen) {
      const r = startForm(renderInput(demoVorgang(vorlage.verfahrenId), vorlage.id), null);
      if (!r.ok) throw new Error(`${vorlage.id}: ${r.error.message}`);
      expect({ id: vorlage.id, markers: formMarkers(r.value) }).toEqual({ id: vorlage.id, markers: [] });
    }
  });

  it('leaves a marker for missing Antragsdaten, which blocks finalizing', () => {
    const v = demoVorgang();
    const { kennzeichen: _dropped, ...rest } = v.antragsdaten;
    const r = startForm(renderInput({ ...v, antragsdaten: rest }, 'bewohnerparkausweis-bewilligung'), null);
    if (!r.ok) throw new Error(r.error.message);
    expect(formMarkers(r.value).map((m) => [m.field, m.path])).toContainEqual(['tenor', 'antrag.kennzeichen']);
    const content = formToContent(r.value).content;
    if (content === null) throw new Error('expected content');
    expect(unresolvedMarkers(content)).toEqual(['antrag.kennzeichen']);
    expect(finalizeCheckText(content).ok).toBe(false);
  });

  it('needs a fee set by hand when the rule cannot compute one, and renders with it', () => {
    const v = demoVorgang();
    const { gueltigkeit: _dropped, ...rest } = v.antragsdaten;
    const input = renderInput({ ...v, antragsdaten: rest }, 'bewohnerparkausweis-bewilligung');
    const refused = startForm(input, null);
    expect(refused.ok ? null : refused.error.code).toBe('fee_not_computable');

    const r = startForm(input, { cents: 2500, reason: 'Geltungsdauer nach Rücksprache ein Jahr' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.ruleCents).toBeNull();
    expect(r.value.override).toEqual({ amount: '25,00', reason: 'Geltungsdauer nach Rücksprache ein Jahr' });
    expect(r.value.sections.gebuehren.body).toContain('25,00\u00a0€');
    expect(formToContent(r.value).content?.gebuehr).toEqual({
      cents: 2500,
      override: { cents: 2500, reason: 'Geltungsdauer nach Rücksprache ein Jahr' },
    });
  });

  it('refuses a Textvorlage of another Verfahren', () => {
    const r = startForm(renderInput(demoVorgang(), 'gewerbeanmeldung-bewilligung'), null);
    expect(r.ok ? null : r.error.code).toBe('unknown_vorlage');
  });

  it('writes the Anschriftfeld without empty lines', () => {
    expect(
      recipientLines({ givenName: '', familyName: 'Äßling', street: ' ', postalCode: '', city: 'Musterstadt' }),
    ).toEqual(['Äßling', 'Musterstadt']);
  });
});
