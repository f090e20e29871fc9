import { describe, expect, it } from 'vitest';
import { verfahrenDef, type VerfahrenDef } from '../../domain/verfahren.ts';
import { CONTEXT_PATHS, bescheidContext, behoerdeSchema, pathInfo } from './context.ts';
import { scalarAt } from './render.ts';
import { demoBehoerde } from './test-helpers.ts';

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
        { id: 'flaeche', label: { de: 'Fläche', en: 'Area' }, type: 'number', unit: 'm²' },
        { id: 'kosten', label: { de: 'Kosten', en: 'Cost' }, type: 'money' },
        { id: 'beginn', label: { de: 'Beginn', en: 'Start' }, type: 'date' },
        { id: 'speicher', label: { de: 'Speicher', en: 'Storage' }, type: 'boolean' },
        {
          id: 'art',
          label: { de: 'Art', en: 'Kind' },
          type: 'select',
          options: [{ value: 'pkw', label: { de: 'Personenkraftwagen', en: 'Car' } }],
        },
        { id: 'name', label: { de: 'Name', en: 'Name' }, type: 'text' },
      ],
    },
  ],
});

const input = {
  vorgang: {
    aktenzeichen: '10.20-2026/00007',
    applicant: {
      givenName: 'Anna',
      familyName: 'Schäfer',
      street: 'Gänseweg 3',
      postalCode: '12345',
      city: 'Musterstadt',
      email: 'anna@example.org',
    },
    antragsdaten: {
      flaeche: 1234.5,
      kosten: 64999,
      beginn: '2026-05-01',
      speicher: false,
      art: 'pkw',
      name: 'Balkon',
      fremd: 'nicht im Verfahren',
      leer: null,
    },
    // 23:30 UTC on 31 March is already 1 April in Germany.
    receivedAt: '2026-03-31T23:30:00Z',
    frist: '2026-04-15',
  },
  verfahren,
  behoerde: demoBehoerde('BY'),
  bescheid: { datum: '2026-04-20', decision: 'bewilligung' as const },
  gebuehr: { cents: 3070, rechtsgrundlage: '§ 1 GebO' },
  sachbearbeitung: { name: 'Herr Özdemir', telefon: '0123 4567', email: 'oezdemir@example.org' },
};

describe('bescheidContext', () => {
  it('provides every documented context path', () => {
    const ctx = bescheidContext({
      ...input,
      behoerde: { ...demoBehoerde('BY'), rechtsbehelfsbelehrung: 'Eigene Belehrung.' },
    });
    for (const path of CONTEXT_PATHS.keys()) {
      expect(scalarAt(ctx, path.split('.')), path).not.toBeUndefined();
    }
  });

  it('derives names, the address line and the German day of receipt', () => {
    const ctx = bescheidContext(input);
    expect(scalarAt(ctx, ['antragsteller', 'name'])).toBe('Anna Schäfer');
    expect(scalarAt(ctx, ['antragsteller', 'anschrift'])).toBe('Gänseweg 3, 12345 Musterstadt');
    expect(scalarAt(ctx, ['eingangsdatum'])).toBe('2026-04-01');
    expect(scalarAt(ctx, ['vorgang', 'verfahren'])).toBe('Testverfahren');
    const noGivenName = bescheidContext({
      ...input,
      vorgang: { ...input.vorgang, applicant: { ...input.vorgang.applicant, givenName: '' } },
    });
    expect(scalarAt(noGivenName, ['antragsteller', 'name'])).toBe('Schäfer');
  });

  it('takes only the Verfahren’s fields, raw under antrag and printable under antragText', () => {
    const ctx = bescheidContext(input);
    expect(ctx['antrag']).toEqual({
      flaeche: 1234.5,
      kosten: 64999,
      beginn: '2026-05-01',
      speicher: false,
      art: 'pkw',
      name: 'Balkon',
    });
    expect(ctx['antragText']).toEqual({
      flaeche: '1.234,5\u00a0m²',
      kosten: '649,99\u00a0€',
      beginn: '01.05.2026',
      speicher: 'nein',
      art: 'Personenkraftwagen',
      name: 'Balkon',
    });
  });

  it('knows the static type of every path, including the Verfahren’s fields', () => {
    const fields = verfahren.groups.flatMap((g) => g.fields);
    expect(pathInfo('gebuehr.betrag', fields)).toEqual({ type: 'money' });
    expect(pathInfo('antrag.art', fields)).toEqual({ type: 'text', options: ['pkw'] });
    expect(pathInfo('antrag.beginn', fields)).toEqual({ type: 'date' });
    expect(pathInfo('antragText.kosten', fields)).toEqual({ type: 'text' });
    expect(pathInfo('antrag.fremd', fields)).toBeUndefined();
    expect(pathInfo('antrag.art.x', fields)).toBeUndefined();
    expect(pathInfo('antrag', fields)).toBeUndefined();
    expect(pathInfo('behoerde.land', fields)?.options).toContain('NW');
  });

  it('validates the authority configuration strictly', () => {
    expect(behoerdeSchema.safeParse(demoBehoerde('HH')).success).toBe(true);
    expect(behoerdeSchema.safeParse({ ...demoBehoerde(), land: 'XX' }).success).toBe(false);
    expect(behoerdeSchema.safeParse({ ...demoBehoerde(), unbekannt: 1 }).success).toBe(false);
  });
});
