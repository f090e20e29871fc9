import type { CompareOp } from './ast.ts';
import type { RuleError } from './errors.ts';
import type { ValueType } from './values.ts';

/**
 * Why a rule passed or failed, as data: which values were used and which part decided. Every
 * part states facts that are true for the Antragsdaten at hand (a failed `x <= 800` is shown as
 * `x = 900 > 800`), so nested parts read as one list of facts. renderExplanation turns it into
 * German or English; a UI can also render it itself from these parts.
 */
export type Explanation =
  | {
      readonly kind: 'comparison';
      readonly holds: boolean;
      readonly op: CompareOp;
      readonly left: Operand;
      readonly right: Operand;
    }
  | {
      readonly kind: 'between';
      readonly holds: boolean;
      readonly negated: boolean;
      readonly value: Operand;
      readonly low: Operand;
      readonly high: Operand;
    }
  | {
      readonly kind: 'membership';
      readonly holds: boolean;
      readonly negated: boolean;
      readonly value: Operand;
      readonly list: readonly (number | string | boolean)[];
    }
  /** `present` is whether the field has a value, whatever the rule asked. */
  | { readonly kind: 'presence'; readonly holds: boolean; readonly field: string; readonly present: boolean }
  /** `and`: when it holds, all parts; when not, the first part that failed. */
  | { readonly kind: 'all'; readonly holds: boolean; readonly parts: readonly Explanation[] }
  /** `or`: when it holds, the first part that held; when not, all parts. */
  | { readonly kind: 'any'; readonly holds: boolean; readonly parts: readonly Explanation[] }
  | { readonly kind: 'not'; readonly holds: boolean; readonly inner: Explanation }
  /** A yes/no value used as a condition directly, e.g. a boolean field or starts_with(…). */
  | { readonly kind: 'value'; readonly holds: boolean; readonly operand: Operand }
  | { readonly kind: 'error'; readonly error: RuleError };

export interface Operand {
  /** `literal` also covers constant expressions such as euro(200) or date("2026-01-01"). */
  readonly kind: 'literal' | 'field' | 'expression';
  /** The operand's rule source, e.g. `modulleistung` or `days_between(kaufdatum, today)`. */
  readonly text: string;
  /** The field id, for kind `field`. */
  readonly field?: string;
  readonly type: ValueType;
  /** Dates as YYYY-MM-DD. */
  readonly value: number | string | boolean;
  /** A number of euro cents (from euro(…)); renderers show it as an amount. */
  readonly money?: true;
}

export type RuleOutcome = 'pass' | 'fail' | 'error';

export interface RuleResult {
  readonly outcome: RuleOutcome;
  readonly explanation: Explanation;
}

export function resultOf(explanation: Explanation): RuleResult {
  const outcome = explanation.kind === 'error' ? 'error' : explanation.holds ? 'pass' : 'fail';
  return { outcome, explanation };
}
