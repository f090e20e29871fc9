import type { Antragsdaten } from '../vorgang.ts';
import { compileRule, evaluateRule, type CompiledRule } from './compile.ts';
import type { RuleError } from './errors.ts';
import type { RuleResult } from './explanation.ts';

export const TODAY = '2026-03-15';

/** Compiles or fails the test with the compile error. */
export function compiled(source: string): CompiledRule {
  const c = compileRule(source);
  if (!c.ok) throw new Error(`expected "${source}" to compile: ${c.error.message}`);
  return c.value;
}

export function run(source: string, data: Antragsdaten = {}, today = TODAY): RuleResult {
  return evaluateRule(compiled(source), data, today);
}

export function outcome(source: string, data: Antragsdaten = {}, today = TODAY): RuleResult['outcome'] {
  return run(source, data, today).outcome;
}

/** The error of a rule that evaluates to `error`. */
export function runError(source: string, data: Antragsdaten = {}, today = TODAY): RuleError {
  const r = run(source, data, today);
  if (r.explanation.kind !== 'error') throw new Error(`expected "${source}" to end in an error, got ${r.outcome}`);
  return r.explanation.error;
}

/** The error of a rule that does not compile. */
export function compileError(source: string): RuleError {
  const c = compileRule(source);
  if (c.ok) throw new Error(`expected "${source}" not to compile`);
  return c.error;
}
