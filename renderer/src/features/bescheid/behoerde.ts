import type { Behoerde } from '../../../../shared/bescheid/template/index.ts';

/** The letterhead lines only the printed letter needs (name and unit come from the Behörde). */
export interface Letterhead {
  readonly contactLines: readonly string[];
  readonly returnAddress: string;
}

/**
 * The authority the Textvorlagen and the preview letter speak for. The server has no endpoint
 * for its authority configuration yet (`--behoerde FILE` on the server), so the client uses the
 * demo authority the server defaults to — the same "Stadt Musterstadt", Land BE, as
 * server/src/modules/bescheid/authority.ts. The sealed PDF is rendered by the server from its
 * own configuration; only drafts and the preview use this copy.
 */
export const DEMO_BEHOERDE: Behoerde = {
  name: 'Stadt Musterstadt',
  einheit: 'Bürgerservice',
  anschrift: 'Rathausplatz 1, 12345 Musterstadt',
  ort: 'Musterstadt',
  land: 'BE',
  verwaltungsgericht: 'Verwaltungsgericht Musterstadt',
  verwaltungsgerichtAnschrift: 'Justizstraße 1, 12345 Musterstadt',
  kasse: 'Stadtkasse Musterstadt',
  iban: 'DE02 1203 0000 0000 2020 51',
  bic: 'BYLADEM1001',
};

export const DEMO_LETTERHEAD: Letterhead = {
  contactLines: ['Dienstgebäude: Rathausplatz 1', '12345 Musterstadt', 'www.musterstadt.example'],
  returnAddress: 'Stadt Musterstadt · Postfach 10 01 23 · 12301 Musterstadt',
};
