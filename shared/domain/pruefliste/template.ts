import { z } from 'zod';
import type { FieldDef } from '../verfahren.ts';
import type { Antragsdaten } from '../vorgang.ts';
import { checkRule } from './check.ts';
import { compileRule, ruleEnv, type CompiledRule } from './compile.ts';
import type { RuleError } from './errors.ts';
import { resultOf, type RuleResult } from './explanation.ts';
import { parseRule } from './parser.ts';
import { RULE_LIMITS } from './limits.ts';
import type { Result } from '../errors.ts';

/*
 * Own text schemas rather than verfahren.ts's localizedText: verfahren.ts imports this module,
 * and importing back would be a cycle. Help texts may be longer than labels.
 */
const label = z.object({ de: z.string().min(1).max(500), en: z.string().min(1).max(500) }).strict();
const help = z.object({ de: z.string().min(1).max(2000), en: z.string().min(1).max(2000) }).strict();

export const prueflisteItemId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,63}$/, 'Prüfliste item ids are camelCase ASCII, starting with a letter');

const itemBase = {
  id: prueflisteItemId,
  label,
  /** Must be decided (or, for a rule, pass or be overridden) before the Vorgang is entscheidungsreif. */
  required: z.boolean(),
  help: help.optional(),
};

const manualItem = z.object({ ...itemBase, kind: z.literal('manual') }).strict();

const ruleItem = z
  .object({ ...itemBase, kind: z.literal('rule'), rule: z.string().max(RULE_LIMITS.maxSourceLength) })
  .strict()
  .superRefine((item, ctx) => {
    const compiled = compileRule(item.rule);
    if (!compiled.ok) ctx.addIssue({ code: 'custom', path: ['rule'], message: issueMessage(compiled.error) });
  });

export const prueflisteItem = z.discriminatedUnion('kind', [manualItem, ruleItem]);
export type PrueflisteItem = z.infer<typeof prueflisteItem>;

/** The Prüfliste of a Verfahren: checks a clerk works through before the decision. */
export const prueflisteTemplate = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'Prüfliste ids are kebab-case ASCII'),
    /** Raise it when items change; decisions refer to item ids. */
    version: z.number().int().positive(),
    items: z.array(prueflisteItem).min(1).max(100),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.items.forEach((item, i) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicate Prüfliste item id "${item.id}"` });
      }
      seen.add(item.id);
    });
  });
export type PrueflisteTemplate = z.infer<typeof prueflisteTemplate>;

function issueMessage(e: RuleError): string {
  return `${e.code}: ${e.message}`;
}

/**
 * Problems of the template's rules against the Verfahren's fields (unknown fields, wrong types,
 * unknown select options), with the path inside the template. Rules that do not parse are left
 * to the template schema, which reports them already.
 */
export function prueflisteRuleIssues(
  template: PrueflisteTemplate,
  fields: readonly FieldDef[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  template.items.forEach((item, i) => {
    if (item.kind !== 'rule') return;
    const parsed = parseRule(item.rule);
    if (!parsed.ok) return;
    for (const e of checkRule(parsed.value, fields))
      issues.push({ path: ['items', i, 'rule'], message: issueMessage(e) });
  });
  return issues;
}

/** Rule results by item id, for the rule items of a template. */
export type PrueflisteRuleResults = ReadonlyMap<string, RuleResult>;

const compiledTemplates = new WeakMap<PrueflisteTemplate, ReadonlyMap<string, Result<CompiledRule, RuleError>>>();

/** Compiles each rule of a template once; later calls with the same (immutable) template reuse it. */
function compiledRules(template: PrueflisteTemplate): ReadonlyMap<string, Result<CompiledRule, RuleError>> {
  let rules = compiledTemplates.get(template);
  if (rules === undefined) {
    const map = new Map<string, Result<CompiledRule, RuleError>>();
    for (const item of template.items) if (item.kind === 'rule') map.set(item.id, compileRule(item.rule));
    rules = map;
    compiledTemplates.set(template, rules);
  }
  return rules;
}

/**
 * Evaluates every rule item of the template against the Antragsdaten, as of `today`
 * (YYYY-MM-DD, supplied by the caller). Deterministic and never throwing: a rule that does not
 * compile or cannot be evaluated gets an `error` result saying why.
 */
export function evaluatePruefliste(
  template: PrueflisteTemplate,
  antragsdaten: Antragsdaten,
  today: string,
): PrueflisteRuleResults {
  const results = new Map<string, RuleResult>();
  const env = ruleEnv(antragsdaten, today);
  for (const [id, rule] of compiledRules(template)) {
    if (!env.ok) results.set(id, resultOf({ kind: 'error', error: env.error }));
    else if (!rule.ok) results.set(id, resultOf({ kind: 'error', error: rule.error }));
    else results.set(id, resultOf(rule.value.run(env.value)));
  }
  return results;
}
