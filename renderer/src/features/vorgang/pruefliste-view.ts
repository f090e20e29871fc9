import {
  PRUEFLISTE_EDITABLE_STATUSES,
  type ManualDecision,
  type PrueflisteDecision,
  type PrueflisteItem,
  type PrueflisteState,
  type RuleOverride,
  type RuleResult,
  type VorgangPruefliste,
  type VorgangStatus,
} from '../../../../shared/domain/index.ts';
import type { Lang } from '../../i18n/format.ts';
import { localized } from './format-field.ts';

/**
 * Where an item stands: `missing` and `unexplained` block `entscheidungsreif` (the shared
 * completeness says which), `pending` is an optional item nobody decided yet, `done` needs nothing.
 */
export type PruefItemStatus = 'done' | 'missing' | 'unexplained' | 'pending';

export interface PruefRow {
  item: PrueflisteItem;
  status: PruefItemStatus;
  /** Manual items: the clerk's decision. */
  manual?: ManualDecision;
  /** Rule items: the rule's result and a clerk's override of it. */
  result?: RuleResult;
  override?: RuleOverride;
}

function own<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/** One row per item of the Vorgang's template version, in template order. */
export function prueflisteRows(p: VorgangPruefliste, state: PrueflisteState): PruefRow[] {
  const missing = new Set(p.completeness.missing);
  const unexplained = new Set(p.completeness.unexplainedFailures);
  return p.template.items.map((item) => {
    const status: PruefItemStatus = missing.has(item.id)
      ? 'missing'
      : unexplained.has(item.id)
        ? 'unexplained'
        : isPending(item, state, p)
          ? 'pending'
          : 'done';
    if (item.kind === 'manual') {
      const manual = own(state.manual, item.id);
      return manual === undefined ? { item, status } : { item, status, manual };
    }
    const result = p.results.get(item.id);
    const override = own(state.overrides, item.id);
    return {
      item,
      status,
      ...(result === undefined ? {} : { result }),
      ...(override === undefined ? {} : { override }),
    };
  });
}

/** An optional item without a decision (manual) or without a usable result (rule). */
function isPending(item: PrueflisteItem, state: PrueflisteState, p: VorgangPruefliste): boolean {
  if (item.kind === 'manual') return own(state.manual, item.id) === undefined;
  if (own(state.overrides, item.id) !== undefined) return false;
  return (p.results.get(item.id)?.outcome ?? 'error') === 'error';
}

/** Labels of the items that keep the Prüfliste incomplete, in the UI language. */
export function openItemLabels(p: VorgangPruefliste, lang: Lang): { missing: string[]; unexplained: string[] } {
  const label = new Map(p.template.items.map((i) => [i.id, localized(i.label, lang)]));
  const name = (id: string) => label.get(id) ?? id;
  return { missing: p.completeness.missing.map(name), unexplained: p.completeness.unexplainedFailures.map(name) };
}

/** Why the Prüfliste cannot be changed here, or null when it can. */
export function prueflisteReadOnlyReason(status: VorgangStatus, mayWork: boolean): 'status' | 'rights' | null {
  if (!PRUEFLISTE_EDITABLE_STATUSES.includes(status)) return 'status';
  return mayWork ? null : 'rights';
}

export type InputCheck<T, E extends string> = { ok: true; value: T } | { ok: false; error: E };

/** A manual decision from the form; `not_ok` needs a note (else it would stay unexplained). */
export function manualDecisionInput(
  decision: PrueflisteDecision | null,
  note: string,
): InputCheck<ManualDecision, 'decision_required' | 'note_required'> {
  if (decision === null) return { ok: false, error: 'decision_required' };
  const trimmed = note.trim();
  if (decision === 'not_ok' && trimmed === '') return { ok: false, error: 'note_required' };
  return { ok: true, value: trimmed === '' ? { decision } : { decision, note: trimmed } };
}

/** An override from the form; the reason is mandatory. */
export function overrideInput(
  decision: PrueflisteDecision | null,
  reason: string,
): InputCheck<RuleOverride, 'decision_required' | 'reason_required'> {
  if (decision === null) return { ok: false, error: 'decision_required' };
  const trimmed = reason.trim();
  if (trimmed === '') return { ok: false, error: 'reason_required' };
  return { ok: true, value: { decision, reason: trimmed } };
}
