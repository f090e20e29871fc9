import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BESCHEID_DECISIONS, bescheidContent } from '../../domain/bescheid.ts';
import type { Land } from '../../domain/feiertage.ts';
import { verfahrenDef, type VerfahrenDef } from '../../domain/verfahren.ts';
import { renderLetter } from '../letter/render.ts';
import { SECTION_ORDER, letterInputSchema } from '../letter/input.ts';
import { SAMPLE_LETTER } from '../letter/sample.ts';
import { bescheidContext, type Behoerde } from './context.ts';
import { finalizeCheck, finalizeCheckText } from './finalize.ts';
import { gebuehrenRegistry, type GebuehrenRegistry } from './gebuehren.ts';
import { vorlagenRegistry, type NamedJson, type VorlagenRegistry } from './registry.ts';
import type { RenderedVorlage } from './sections.ts';
import { VORLAGE_SECTIONS } from './sections.ts';
import { DEMO_ANTRAGSDATEN, demoBehoerde } from './test-helpers.ts';
import type { Antragsdaten } from '../../domain/vorgang.ts';

// This file renders every shipped Vorlage: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/** Loads the shipped resources the way a Node caller does: read, JSON.parse, hand over. */
const resources = new URL('../../../resources/', import.meta.url);
const readJson = (dir: string): NamedJson[] =>
  readdirSync(new URL(dir, resources))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: `${dir}${f}`,
      json: JSON.parse(readFileSync(new URL(`${dir}${f}`, resources), 'utf8')) as unknown,
    }));

const verfahren: VerfahrenDef[] = readJson('verfahren/').map((f) => verfahrenDef.parse(f.json));
let vorlagen: VorlagenRegistry;
let gebuehren: GebuehrenRegistry;

beforeAll(() => {
  const loaded = vorlagenRegistry({
    verfahren,
    vorlagen: readJson('bescheid/vorlagen/'),
    bausteine: readJson('bescheid/bausteine/'),
  });
  if (!loaded.ok) throw new Error(loaded.error.issues.map((e) => e.message).join('\n'));
  vorlagen = loaded.value;
  const fees = gebuehrenRegistry(
    readJson('bescheid/').find((f) => f.name === 'bescheid/gebuehren.json') as NamedJson,
    verfahren,
  );
  if (!fees.ok) throw new Error(fees.error.message);
  gebuehren = fees.value;
});

const applicant = {
  givenName: 'Jörg',
  familyName: 'Äßling',
  street: 'Gänseblümchenweg 17 a',
  postalCode: '12345',
  city: 'Musterstadt',
};

function render(
  vorlageId: string,
  options: { land?: Land; behoerde?: Partial<Behoerde>; antrag?: Antragsdaten; cents?: number } = {},
): RenderedVorlage {
  const v = vorlagen.get(vorlageId);
  if (v === undefined) throw new Error(`no Vorlage ${vorlageId}`);
  const def = verfahren.find((d) => d.id === v.verfahrenId) as VerfahrenDef;
  const antragsdaten = { ...DEMO_ANTRAGSDATEN[def.id], ...options.antrag };
  const fee = gebuehren.computeGebuehr(def.id, antragsdaten);
  if (!fee.ok) throw new Error(fee.error.message);
  const context = bescheidContext({
    vorgang: {
      aktenzeichen: `${def.aktenplanKennzeichen}-2026/00042`,
      applicant,
      antragsdaten,
      receivedAt: '2026-03-02T08:15:00Z',
      frist: '2026-03-30',
    },
    verfahren: def,
    behoerde: { ...demoBehoerde(options.land), ...options.behoerde },
    bescheid: { datum: '2026-03-16', decision: v.decision },
    gebuehr: { cents: options.cents ?? fee.value.cents, rechtsgrundlage: fee.value.rechtsgrundlage },
    sachbearbeitung: { name: 'Özdemir' },
  });
  const r = vorlagen.render(vorlageId, context);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const allText = (r: RenderedVorlage) =>
  [r.betreff, r.anrede, ...Object.values(r.sections).flatMap((s) => [s.heading ?? '', ...s.paragraphs])].join('\n');

describe('shipped Textvorlagen (resources/bescheid)', () => {
  it('load without problems: schema, syntax, paths, types, includes', () => {
    expect(vorlagen.vorlagen.length).toBeGreaterThanOrEqual(9);
  });

  it('cover every Verfahren and decision, each file named after its Vorlage', () => {
    for (const def of verfahren) {
      for (const decision of BESCHEID_DECISIONS) {
        expect(vorlagen.list(def.id, decision).length, `${def.id} ${decision}`).toBeGreaterThan(0);
      }
    }
    for (const f of readJson('bescheid/vorlagen/')) {
      expect(f.name).toBe(`bescheid/vorlagen/${(f.json as { id: string }).id}.json`);
    }
  });

  it('ship a Rechtsbehelfsbelehrung for BE, BY, NW and HH', () => {
    for (const land of ['BE', 'BY', 'NW', 'HH'])
      expect(vorlagen.blocks.has(`rechtsbehelfsbelehrung.${land}`)).toBe(true);
  });

  it('have a fee rule for every Verfahren that computes from demo Antragsdaten', () => {
    const cents = Object.fromEntries(
      verfahren.map((d) => {
        const fee = gebuehren.computeGebuehr(d.id, DEMO_ANTRAGSDATEN[d.id] ?? {});
        return [d.id, fee.ok ? fee.value.cents : fee.error.message];
      }),
    );
    expect(cents).toEqual({ 'balkon-solaranlage': 0, bewohnerparkausweis: 6140, gewerbeanmeldung: 2600 });
    expect(
      gebuehren.computeGebuehr('gewerbeanmeldung', { betriebsstaette: 'unselbststaendigeZweigstelle' }),
    ).toMatchObject({
      value: { cents: 2000 },
    });
  });

  describe.each(['BE', 'BY', 'NW', 'HH'] as const)('rendered for a Behörde in %s', (land) => {
    it('resolve every placeholder and fit the Bescheid content and the letter', () => {
      for (const v of vorlagen.vorlagen) {
        const r = render(v.id, { land });
        expect(r.unresolved, v.id).toEqual([]);
        expect(finalizeCheck(r).ok).toBe(true);
        expect(finalizeCheckText(r).ok).toBe(true);
        const text = allText(r);
        expect(text, v.id).not.toMatch(/\{\{|\}\}|\[\[|undefined|NaN/);
        expect(text).not.toMatch(/ {2}| \n|\n /);
        expect(Object.keys(r.sections)).toEqual(SECTION_ORDER.filter((k) => k in r.sections));
        const content = bescheidContent.safeParse({
          decision: r.decision,
          vorlageId: r.vorlageId,
          recipient: { addressLines: ['Jörg Äßling', 'Gänseblümchenweg 17 a', '12345 Musterstadt'] },
          betreff: r.betreff,
          anrede: r.anrede,
          sections: r.sections,
          gebuehr: { cents: 0, override: null },
        });
        expect(content.success, v.id).toBe(true);
        expect(
          letterInputSchema.safeParse({ ...SAMPLE_LETTER, betreff: r.betreff, anrede: r.anrede, sections: r.sections })
            .success,
        ).toBe(true);
      }
    });

    it('choose Widerspruch or Klage by Land', () => {
      const rbb =
        render('bewohnerparkausweis-bewilligung', { land }).sections.rechtsbehelfsbelehrung?.paragraphs.join(' ') ?? '';
      if (land === 'BY' || land === 'NW') {
        expect(rbb).toMatch(/Klage/);
        expect(rbb).toContain('Verwaltungsgericht Musterstadt, Justizstraße 5, 12347 Musterstadt');
        expect(rbb).not.toMatch(/kann .* Widerspruch erhoben/);
      } else {
        expect(rbb).toMatch(/Widerspruch (erhoben|eingelegt)/);
        expect(rbb).toContain('Stadt Musterstadt, Bürgeramt, Rathausplatz 1, 12345 Musterstadt');
        expect(rbb).not.toMatch(/Klage/);
      }
    });
  });

  it('print German dates, amounts and option labels', () => {
    const r = render('bewohnerparkausweis-bewilligung');
    expect(r.betreff).toBe('Bewohnerparkausweis für die Bewohnerparkzone B\nIhr Antrag vom 02.03.2026');
    expect(r.anrede).toBe('Guten Tag Jörg Äßling,');
    expect(r.sections.tenor?.paragraphs).toEqual([
      '1. Ihnen wird für das Fahrzeug mit dem amtlichen Kennzeichen MU-ÖL 1234 (Pkw) ein Bewohnerparkausweis für die Bewohnerparkzone B erteilt.',
      '2. Der Ausweis gilt ab dem 01.04.2026 für die Dauer von zwei Jahren.',
      '3. Für diesen Bescheid wird eine Verwaltungsgebühr in Höhe von 61,40\u00a0€ festgesetzt.',
      '4. Der bisherige Bewohnerparkausweis Nr.\u00a0B-2024-0815 verliert mit Beginn der Geltungsdauer des neuen Ausweises seine Gültigkeit.',
    ]);
    expect(r.sections.gebuehren?.paragraphs[1]).toContain(
      'unter Angabe des Aktenzeichens 32.10.05-2026/00042 an Stadtkasse Musterstadt, IBAN DE02 1203 0000 0000 2020 51, BIC BYLADEM1001.',
    );
    expect(r.sections.schlussformel?.paragraphs[0]).toBe('Mit freundlichen Grüßen\nIm Auftrag\nÖzdemir');
  });

  it('follow the Antragsdaten in conditional sections', () => {
    const ok = allText(render('balkon-solaranlage-ablehnung'));
    expect(ok).not.toMatch(/überschreitet diese Grenze/);
    const strong = allText(
      render('balkon-solaranlage-ablehnung', {
        antrag: { wechselrichterleistung: 1200, zustimmungVermieter: false, kaufdatum: '2024-11-30' },
      }),
    );
    expect(strong).toContain(
      'Die Wechselrichterleistung Ihrer Anlage beträgt 1.200\u00a0W und überschreitet diese Grenze.',
    );
    expect(strong).toContain('Ihre Anlage wurde laut Rechnung am 30.11.2024 gekauft.');
    expect(strong).toContain('Diese liegt nicht vor.');
    const ohneSpeicher = render('balkon-solaranlage-bewilligung', { antrag: { speicher: false } });
    expect(ohneSpeicher.sections.tenor?.paragraphs[0]).toMatch(/Zuschuss in Höhe von 200,00\u00a0€ bewilligt\.$/);
    expect(ohneSpeicher.sections.tenor?.paragraphs[3]).toBe('4. Dieser Bescheid ergeht gebührenfrei.');
    const ohneVerlaengerung = render('bewohnerparkausweis-bewilligung', { antrag: { verlaengerung: false } });
    expect(ohneVerlaengerung.sections.tenor?.paragraphs).toHaveLength(3);
  });

  it('leave genuinely absent data unresolved, which blocks finalizing', () => {
    const r = render('gewerbeanmeldung-bewilligung', { behoerde: { iban: undefined, bic: undefined } });
    expect(r.unresolved).toEqual(['behoerde.iban']);
    expect(r.sections.gebuehren?.paragraphs[1]).toContain('IBAN [[behoerde.iban]].');
    const check = finalizeCheck(r);
    expect(!check.ok && check.error.messageDe).toBe('Platzhalter nicht aufgelöst: behoerde.iban');
    // A fee-free Bescheid needs no bank account.
    expect(render('balkon-solaranlage-bewilligung', { behoerde: { iban: undefined } }).unresolved).toEqual([]);
    const klage = render('gewerbeanmeldung-ablehnung', {
      land: 'NW',
      behoerde: { verwaltungsgerichtAnschrift: undefined },
    });
    expect(klage.unresolved).toEqual(['behoerde.verwaltungsgerichtAnschrift']);
  });

  it('block a Land without a shipped Rechtsbehelfsbelehrung until the authority configures its own', () => {
    const r = render('bewohnerparkausweis-ablehnung', { land: 'SN' });
    expect(r.unresolved).toEqual(['behoerde.rechtsbehelfsbelehrung']);
    const own = 'Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden.\n\nZweiter Absatz.';
    const configured = render('bewohnerparkausweis-ablehnung', {
      land: 'SN',
      behoerde: { rechtsbehelfsbelehrung: own },
    });
    expect(configured.unresolved).toEqual([]);
    expect(configured.sections.rechtsbehelfsbelehrung?.paragraphs).toEqual([
      'Gegen diesen Bescheid kann innerhalb eines Monats Widerspruch erhoben werden.',
      'Zweiter Absatz.',
    ]);
  });

  it('render into a letter PDF with every character available in the letter font', async () => {
    const font = (name: string) => new Uint8Array(readFileSync(new URL(`fonts/${name}`, resources)));
    const assets = {
      fonts: { regular: font('LiberationSans-Regular.ttf'), bold: font('LiberationSans-Bold.ttf') },
      srgbIcc: new Uint8Array(readFileSync(new URL('icc/sRGB.icc', resources))),
    };
    for (const v of vorlagen.vorlagen) {
      const r = render(v.id);
      const pdf = await renderLetter(
        { ...SAMPLE_LETTER, betreff: r.betreff, anrede: r.anrede, sections: r.sections },
        assets,
      );
      expect(pdf.length, v.id).toBeGreaterThan(1000);
    }
  });

  it('use the letter’s section order', () => {
    expect([...VORLAGE_SECTIONS]).toEqual([...SECTION_ORDER]);
  });
});
