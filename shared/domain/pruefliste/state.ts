import { z } from 'zod';
import type { PrueflisteRuleResults, PrueflisteTemplate } from './template.ts';
import { prueflisteItemId } from './template.ts';

export const PRUEFLISTE_DECISIONS = ['ok', 'not_ok', 'n_a'] as const;
export const prueflisteDecision = z.enum(PRUEFLISTE_DECISIONS);
export type PrueflisteDecision = z.infer<typeof prueflisteDecision>;

const text = z.string().max(2000);
const isExplained = (s: string | undefined) => s !== undefined && s.trim() !== '';

/** A clerk's decision on a manual item; a `not_ok` needs a note to count as explained. */
export const manualDecision = z.object({ decision: prueflisteDecision, note: text.optional() }).strict();
export type ManualDecision = z.infer<typeof manualDecision>;

/** A clerk's decision replacing a rule's result (a rule that failed or could not be evaluated). */
export const ruleOverride = z
  .object({ decision: prueflisteDecision, reason: text.refine(isExplained, 'an override needs a reason') })
  .strict();
export type RuleOverride = z.infer<typeof ruleOverride>;

/**
 * A Vorgang's progress through its Prüfliste, keyed by item id. Who decided and when is
 * recorded by the audit journal of the mutation that changed it, not here.
 */
export const prueflisteState = z
  .object({
    manual: z.record(prueflisteItemId, manualDecision),
    overrides: z.record(prueflisteItemId, ruleOverride),
  })
  .strict();
export type PrueflisteState = z.infer<typeof prueflisteState>;

export function emptyPrueflisteState(): PrueflisteState {
  return { manual: {}, overrides: {} };
}

export interface PrueflisteCompleteness {
  /** Every required item decided and every failure explained. */
  readonly complete: boolean;
  /** Required items without a decision: manual ones undecided, rule ones in error and not overridden. */
  readonly missing: readonly string[];
  /** Failed rules without an override, and `not_ok` decisions without a note, in template order. */
  readonly unexplainedFailures: readonly string[];
}

/**
 * Whether the Prüfliste allows the step to `entscheidungsreif`. A rule item is decided by its
 * result (pass or fail) unless a clerk overrode it; a failure is explained by an override's
 * reason or a note. Decisions for ids the template does not have (an older template version)
 * are ignored.
 */
export function prueflisteCompleteness(
  template: PrueflisteTemplate,
  state: PrueflisteState,
  ruleResults: PrueflisteRuleResults,
): PrueflisteCompleteness {
  const missing: string[] = [];
  const unexplainedFailures: string[] = [];
  for (const item of template.items) {
    if (item.kind === 'manual') {
      const d = own(state.manual, item.id);
      if (d === undefined) {
        if (item.required) missing.push(item.id);
      } else if (d.decision === 'not_ok' && !isExplained(d.note)) {
        unexplainedFailures.push(item.id);
      }
      continue;
    }
    const override = own(state.overrides, item.id);
    if (override !== undefined && isExplained(override.reason)) continue;
    const outcome = ruleResults.get(item.id)?.outcome ?? 'error';
    if (outcome === 'error') {
      if (item.required) missing.push(item.id);
    } else if (outcome === 'fail') {
      unexplainedFailures.push(item.id);
    }
  }
  return { complete: missing.length === 0 && unexplainedFailures.length === 0, missing, unexplainedFailures };
}

/** Own entries only, so an item id such as "constructor" never finds Object.prototype's. */
function own<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}
