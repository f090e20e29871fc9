import {
  evaluatePruefliste,
  prueflisteCompleteness,
  type PrueflisteCompleteness,
  type PrueflisteRuleResults,
  type PrueflisteTemplate,
} from './pruefliste/index.ts';
import { prueflisteFor, type VerfahrenDef } from './verfahren.ts';
import type { Vorgang } from './vorgang.ts';

export interface VorgangPruefliste {
  template: PrueflisteTemplate;
  results: PrueflisteRuleResults;
  completeness: PrueflisteCompleteness;
}

/**
 * The Prüfliste of a Vorgang as of `today`: its template version, the rule results against
 * its Antragsdaten, and completeness. Undefined when the Vorgang has no Prüfliste. The client
 * shows this, and the server computes the same to gate `entscheidungsreif`.
 */
export function vorgangPruefliste(
  verfahren: VerfahrenDef,
  v: Pick<Vorgang, 'prueflisteVersion' | 'pruefliste' | 'antragsdaten'>,
  today: string,
): VorgangPruefliste | undefined {
  const template = prueflisteFor(verfahren, v.prueflisteVersion);
  if (template === undefined) return undefined;
  const results = evaluatePruefliste(template, v.antragsdaten, today);
  return { template, results, completeness: prueflisteCompleteness(template, v.pruefliste, results) };
}
