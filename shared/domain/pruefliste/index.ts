/**
 * Prüfliste: templates, the rule language of their rule items, and the checklist state.
 * The language is documented in docs/rule-language.md.
 */
export type { CompareOp, LiteralValue, RuleAst, RuleNode } from './ast.ts';
export { checkRule } from './check.ts';
export { compileAst, compileRule, evaluateRule, ruleEnv, type CompiledRule, type RuleEnv } from './compile.ts';
export {
  RULE_ERROR_CODES,
  RULE_ERROR_MESSAGES,
  renderRuleError,
  type RuleError,
  type RuleErrorCode,
  type RuleErrorReason,
} from './errors.ts';
export type { Explanation, Operand, RuleOutcome, RuleResult } from './explanation.ts';
export { RULE_FUNCTIONS } from './functions.ts';
export { RULE_LIMITS } from './limits.ts';
export { parseRule } from './parser.ts';
export { explanationFacts, renderExplanation, type RenderOptions } from './render.ts';
export {
  PRUEFLISTE_DECISIONS,
  emptyPrueflisteState,
  manualDecision,
  prueflisteCompleteness,
  prueflisteDecision,
  prueflisteState,
  ruleOverride,
  type ManualDecision,
  type PrueflisteCompleteness,
  type PrueflisteDecision,
  type PrueflisteState,
  type RuleOverride,
} from './state.ts';
export {
  evaluatePruefliste,
  prueflisteItem,
  prueflisteItemId,
  prueflisteRuleIssues,
  prueflisteTemplate,
  type PrueflisteItem,
  type PrueflisteRuleResults,
  type PrueflisteTemplate,
} from './template.ts';
export type { ValueType } from './values.ts';
