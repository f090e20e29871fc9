import type { Antragsdaten } from '../../domain/vorgang.ts';
import type { Land } from '../../domain/feiertage.ts';
import type { Template } from './ast.ts';
import type { Behoerde } from './context.ts';
import { parseTemplate } from './parse.ts';

/** Test-only: a template that must parse. */
export function tpl(source: string): Template {
  const r = parseTemplate(source);
  if (!r.ok) throw new Error(`expected the template to parse: ${r.error.message}`);
  return r.value;
}

/** Test-only: the error of a template that must not parse. */
export function parseError(source: string) {
  const r = parseTemplate(source);
  if (r.ok) throw new Error(`expected a parse error for ${JSON.stringify(source.slice(0, 80))}`);
  return r.error;
}

/** A complete authority configuration, as the demo would have it. */
export function demoBehoerde(land: Land = 'BE'): Behoerde {
  return {
    name: 'Stadt Musterstadt',
    einheit: 'Bürgeramt',
    anschrift: 'Rathausplatz 1, 12345 Musterstadt',
    ort: 'Musterstadt',
    land,
    verwaltungsgericht: 'Verwaltungsgericht Musterstadt',
    verwaltungsgerichtAnschrift: 'Justizstraße 5, 12347 Musterstadt',
    kasse: 'Stadtkasse Musterstadt',
    iban: 'DE02 1203 0000 0000 2020 51',
    bic: 'BYLADEM1001',
  };
}

/** Antragsdaten with every field of the shipped Verfahren filled in, as the demo generator does. */
export const DEMO_ANTRAGSDATEN: Readonly<Record<string, Antragsdaten>> = {
  'balkon-solaranlage': {
    anzahlModule: 2,
    modulleistung: 860,
    wechselrichterleistung: 800,
    speicher: true,
    montageort: 'balkon',
    inbetriebnahme: '2026-02-20',
    marktstammdatenregisterNr: 'SEE912345678901',
    anschaffungskosten: 64999,
    kaufdatum: '2026-02-02',
    haendler: 'Solarmarkt Süd GmbH',
    nutzungsverhaeltnis: 'mieter',
    zustimmungVermieter: true,
    kontoinhaber: 'Jörg Äßling',
    iban: 'DE89 3704 0044 0532 0130 00',
    keineDoppelfoerderung: true,
    vdeKonform: true,
  },
  bewohnerparkausweis: {
    bewohnerparkzone: 'B',
    meldeadresseSeit: '2019-08-01',
    hauptwohnsitz: true,
    telefon: '0123 456789',
    kennzeichen: 'MU-ÖL 1234',
    fahrzeugart: 'pkw',
    fahrzeughalter: 'leasing',
    halterName: 'Autoleasing Nord GmbH',
    elektrofahrzeug: false,
    gueltigkeit: '24',
    gueltigAb: '2026-04-01',
    verlaengerung: true,
    bisherigeAusweisnummer: 'B-2024-0815',
    bemerkungen: 'Stellplatz im Hof entfällt wegen Bauarbeiten.',
  },
  gewerbeanmeldung: {
    anlass: 'neuerrichtung',
    betriebsstaette: 'hauptniederlassung',
    betriebsbeginn: '2026-05-01',
    nebenerwerb: false,
    betriebsname: 'Schäfer Haustechnik GmbH',
    rechtsform: 'gmbh',
    registergericht: 'Amtsgericht Musterstadt',
    registernummer: 'HRB 12345',
    taetigkeit: 'Installation von Heizungs- und Sanitäranlagen',
    beschaeftigteVollzeit: 3,
    beschaeftigteTeilzeit: 1,
    erlaubnispflichtig: false,
    handwerksrolle: true,
    telefon: '0123 98765',
    email: 'info@schaefer-haustechnik.example',
  },
};
