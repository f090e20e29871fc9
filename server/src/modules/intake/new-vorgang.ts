import { computeFrist } from '../../../../shared/domain/fristen.ts';
import type { Land } from '../../../../shared/domain/feiertage.ts';
import type { IsoDate } from '../../../../shared/domain/ids.ts';
import { emptyPrueflisteState } from '../../../../shared/domain/pruefliste/state.ts';
import type { VerfahrenDef } from '../../../../shared/domain/verfahren.ts';
import type { Vorgang } from '../../../../shared/domain/vorgang.ts';

/** The Land whose public holidays count for Fristen when none is configured. */
export const DEFAULT_LAND: Land = 'BE';

/** Fristen by Land, working days and receipt day: intake of many Vorgänge asks for few distinct ones. */
const fristCache = new Map<string, IsoDate>();
const FRIST_CACHE_LIMIT = 10_000;

function fristOf(received: IsoDate, arbeitstage: number, land: Land): IsoDate {
  const key = `${land}|${arbeitstage}|${received}`;
  let frist = fristCache.get(key);
  if (frist === undefined) {
    frist = computeFrist({ received, arbeitstage, land });
    if (fristCache.size >= FRIST_CACHE_LIMIT) fristCache.clear();
    fristCache.set(key, frist);
  }
  return frist;
}

/**
 * What intake decides for every new Vorgang, whatever the channel: the processing Frist in
 * working days of the authority's Land, counted from the German calendar day of receipt, and
 * the Prüfliste version of the Verfahren at that moment (the Vorgang keeps it).
 */
export function intakeFields(
  verfahren: VerfahrenDef,
  received: IsoDate,
  land: Land,
): Pick<Vorgang, 'frist' | 'nachforderung' | 'versand' | 'prueflisteVersion' | 'pruefliste'> {
  return {
    frist: fristOf(received, verfahren.fristArbeitstage, land),
    nachforderung: null,
    versand: null,
    prueflisteVersion: verfahren.pruefliste?.version ?? null,
    pruefliste: emptyPrueflisteState(),
  };
}
