import { authoritySchema, type Authority } from './authority.ts';

/**
 * Test-only: an authority in Nordrhein-Westfalen, where Bescheide are challenged by Klage (no
 * Widerspruch), with a court, bank account and letterhead of its own — none of them the demo
 * authority's, so a letter that shows them was built from this configuration.
 */
export const NW_AUTHORITY: Authority = authoritySchema.parse({
  behoerde: {
    name: 'Stadt Beispielheim',
    einheit: 'Bürgerbüro',
    anschrift: 'Marktplatz 3, 47110 Beispielheim',
    ort: 'Beispielheim',
    land: 'NW',
    verwaltungsgericht: 'Verwaltungsgericht Düsseldorf',
    verwaltungsgerichtAnschrift: 'Bastionstraße 39, 40213 Düsseldorf',
    kasse: 'Stadtkasse Beispielheim',
    iban: 'DE91 3005 0110 0047 1100 00',
    bic: 'DUSSDEDDXXX',
  },
  letterhead: {
    contactLines: ['Dienstgebäude: Marktplatz 3', '47110 Beispielheim', 'www.beispielheim.example'],
    returnAddress: 'Stadt Beispielheim · Postfach 11 47 · 47101 Beispielheim',
  },
  behoerdenkennung: { praefix: 'ags:', kennung: '05999047' },
});

/** Test-only: phrases only the NW Rechtsbehelfsbelehrung (Klage, § 110 JustG NRW) has. */
export const NW_RECHTSBEHELF = ['Klage erhoben werden', 'Justizgesetzes Nordrhein-Westfalen'] as const;
