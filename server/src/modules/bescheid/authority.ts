import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { letterheadSchema } from '../../../../shared/bescheid/letter/input.ts';
import { behoerdeSchema } from '../../../../shared/bescheid/template/context.ts';

/**
 * The authority a server seals for (`--behoerde FILE`): the Behörde data the Textvorlagen use
 * and the letterhead lines only the printed letter needs. Name and unit of the letterhead
 * come from `behoerde`, so the letter and the Vorlagen cannot name different authorities.
 */
export const authorityConfigSchema = z
  .object({
    behoerde: behoerdeSchema,
    letterhead: letterheadSchema.pick({ contactLines: true, returnAddress: true }).strict(),
  })
  .strict();
export type AuthorityConfig = z.output<typeof authorityConfigSchema>;

/** The demo authority (the same "Stadt Musterstadt" as the sample letter and the test PKI). */
export const DEMO_AUTHORITY: AuthorityConfig = authorityConfigSchema.parse({
  behoerde: {
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
  },
  letterhead: {
    contactLines: ['Dienstgebäude: Rathausplatz 1', '12345 Musterstadt', 'www.musterstadt.example'],
    returnAddress: 'Stadt Musterstadt · Postfach 10 01 23 · 12301 Musterstadt',
  },
});

/** Reads and validates `--behoerde FILE`; the Error names the file and every problem in it. */
export async function loadAuthorityConfig(file: string): Promise<AuthorityConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`--behoerde ${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const parsed = authorityConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`--behoerde ${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
