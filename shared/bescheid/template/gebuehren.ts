import { z } from 'zod';
import { gebuehrOverride, type BescheidContent } from '../../domain/bescheid.ts';
import { err, ok, type Result } from '../../domain/errors.ts';
import { children, type RuleNode } from '../../domain/pruefliste/ast.ts';
import { checkRule } from '../../domain/pruefliste/check.ts';
import { compileAst, evaluateRule, type CompiledRule } from '../../domain/pruefliste/compile.ts';
import { renderRuleError, type RuleError } from '../../domain/pruefliste/errors.ts';
import { RULE_LIMITS } from '../../domain/pruefliste/limits.ts';
import { parseRule } from '../../domain/pruefliste/parser.ts';
import type { FieldDef, VerfahrenDef } from '../../domain/verfahren.ts';
import type { Antragsdaten } from '../../domain/vorgang.ts';
import { templateError, within, type TemplateError, type TemplateErrorParams } from './errors.ts';
import type { NamedJson, VorlagenLoadError } from './registry.ts';

/** The manual fee with its reason (shared/domain/bescheid.ts), re-exported for fee callers. */
export { gebuehrOverride };
export type GebuehrOverride = z.infer<typeof gebuehrOverride>;

const cents = z.number().int().min(0).max(100_000_000);
const fieldId = z.string().regex(/^[a-z][a-zA-Z0-9]{0,63}$/);

/**
 * How a Verfahren's fee is computed, always to integer cents and from the Antragsdaten alone:
 * - `fixed`: one amount;
 * - `table`: by the value of one field (a select, boolean, number or text field);
 * - `cases`: the first case whose condition holds, written in the Prüfliste rule language
 *   (docs/rule-language.md), which already is the language of conditions over Antragsdaten.
 * `otherwise` applies when no row or case fits; without it that is an error the clerk resolves
 * with an override.
 */
export const gebuehrRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), cents }).strict(),
  z
    .object({
      kind: z.literal('table'),
      field: fieldId,
      rows: z
        .array(z.object({ value: z.union([z.string().max(100), z.number(), z.boolean()]), cents }).strict())
        .min(1)
        .max(200),
      otherwise: cents.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('cases'),
      cases: z
        .array(z.object({ when: z.string().min(1).max(RULE_LIMITS.maxSourceLength), cents }).strict())
        .min(1)
        .max(50),
      otherwise: cents.optional(),
    })
    .strict(),
]);
export type GebuehrRule = z.infer<typeof gebuehrRuleSchema>;

/** resources/bescheid/gebuehren.json */
export const gebuehrenFileSchema = z
  .object({
    gebuehren: z
      .array(
        z
          .object({
            verfahrenId: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/),
            /** Printed in the Gebührenfestsetzung: "§ 1 der Verwaltungsgebührenordnung …". */
            rechtsgrundlage: z.string().trim().min(1).max(500),
            rule: gebuehrRuleSchema,
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();

export interface GebuehrBerechnung {
  readonly cents: number;
  readonly rechtsgrundlage: string;
  /** Which part of the rule decided: `fixed`, `<field> = <value>`, a case's condition, or `otherwise`. */
  readonly basis: string;
}

export interface GebuehrenRegistry {
  /** Deterministic: the same Antragsdaten always give the same cents. Never throws. */
  computeGebuehr(verfahrenId: string, antragsdaten: Antragsdaten): Result<GebuehrBerechnung, TemplateError>;
}

type Compiled =
  | { kind: 'fixed'; cents: number }
  | { kind: 'table'; field: string; rows: ReadonlyMap<string | number | boolean, number>; otherwise?: number }
  | { kind: 'cases'; cases: readonly { rule: CompiledRule; cents: number }[]; otherwise?: number };

/** A fee rule never reads `today`; this date only satisfies the evaluator's signature. */
const UNUSED_TODAY = '2000-01-01';

/**
 * Validates the fee rules against the Verfahren definitions (fields exist, table values fit the
 * field's type and options, case conditions compile and type-check, no use of `today`) and
 * compiles them once.
 */
export function gebuehrenRegistry(
  file: NamedJson,
  verfahren: readonly VerfahrenDef[],
): Result<GebuehrenRegistry, VorlagenLoadError> {
  const parsed = gebuehrenFileSchema.safeParse(file.json);
  const issues: TemplateError[] = [];
  const rules = new Map<string, { rechtsgrundlage: string; rule: Compiled }>();
  if (!parsed.success) {
    for (const i of parsed.error.issues) issues.push(issue(`${file.name}: ${i.path.join('.')}`, i.message, i.message));
  } else {
    parsed.data.gebuehren.forEach((g, index) => {
      const where = `${file.name}: gebuehren[${index}]`;
      const def = verfahren.find((v) => v.id === g.verfahrenId);
      if (def === undefined) {
        issues.push(issue(where, `Unbekanntes Verfahren „${g.verfahrenId}“`, `Unknown Verfahren "${g.verfahrenId}"`));
      } else if (rules.has(g.verfahrenId)) {
        issues.push(
          issue(where, `Zweite Gebührenregel für „${g.verfahrenId}“`, `A second fee rule for "${g.verfahrenId}"`),
        );
      } else {
        const rule = compile(
          g.rule,
          def.groups.flatMap((gr) => gr.fields),
          `${where}.rule`,
          issues,
        );
        if (rule !== undefined) rules.set(g.verfahrenId, { rechtsgrundlage: g.rechtsgrundlage, rule });
      }
    });
  }
  if (issues.length > 0) {
    return err({
      ...templateError('invalid_vorlage', {
        de: `Gebührenregeln ungültig: ${issues.map((e) => e.messageDe).join('; ')}`,
        en: `Invalid fee rules: ${issues.map((e) => e.message).join('; ')}`,
      }),
      issues,
    });
  }
  return ok({
    computeGebuehr: (verfahrenId, antragsdaten) => {
      const entry = rules.get(verfahrenId);
      if (entry === undefined) {
        return err(
          templateError('unknown_verfahren', {
            de: `Keine Gebührenregel für das Verfahren „${verfahrenId}“`,
            en: `No fee rule for the Verfahren "${verfahrenId}"`,
          }),
        );
      }
      const r = compute(entry.rule, antragsdaten);
      return r.ok ? ok({ ...r.value, rechtsgrundlage: entry.rechtsgrundlage }) : r;
    },
  });
}

function compile(
  rule: GebuehrRule,
  fields: readonly FieldDef[],
  where: string,
  issues: TemplateError[],
): Compiled | undefined {
  const before = issues.length;
  switch (rule.kind) {
    case 'fixed':
      return rule;
    case 'table': {
      const field = fields.find((f) => f.id === rule.field);
      if (field === undefined) {
        issues.push(issue(`${where}.field`, `Unbekanntes Feld „${rule.field}“`, `Unknown field "${rule.field}"`));
        return undefined;
      }
      const rows = new Map<string | number | boolean, number>();
      rule.rows.forEach((row, i) => {
        const at = `${where}.rows[${i}]`;
        if (!valueFits(field, row.value)) {
          issues.push(
            issue(
              at,
              `Der Wert ${JSON.stringify(row.value)} passt nicht zum Feld „${field.id}“ (${field.type})`,
              `The value ${JSON.stringify(row.value)} does not fit the field "${field.id}" (${field.type})`,
            ),
          );
        } else if (rows.has(row.value)) {
          issues.push(
            issue(at, `Doppelter Wert ${JSON.stringify(row.value)}`, `Duplicate value ${JSON.stringify(row.value)}`),
          );
        }
        rows.set(row.value, row.cents);
      });
      const uncovered = (field.options ?? []).filter((o) => !rows.has(o.value)).map((o) => o.value);
      if (rule.otherwise === undefined && uncovered.length > 0) {
        issues.push(
          issue(
            where,
            `Ohne „otherwise“ braucht jede Option eine Zeile; es fehlen: ${uncovered.join(', ')}`,
            `Without "otherwise" every option needs a row; missing: ${uncovered.join(', ')}`,
          ),
        );
      }
      if (issues.length > before) return undefined;
      return rule.otherwise === undefined
        ? { kind: 'table', field: field.id, rows }
        : { kind: 'table', field: field.id, rows, otherwise: rule.otherwise };
    }
    case 'cases': {
      const cases: { rule: CompiledRule; cents: number }[] = [];
      rule.cases.forEach((c, i) => {
        const at = `${where}.cases[${i}].when`;
        const ast = parseRule(c.when);
        if (!ast.ok) return void issues.push(ruleIssue(at, ast.error));
        const problems = checkRule(ast.value, fields);
        for (const e of problems) issues.push(ruleIssue(at, e));
        if (readsToday(ast.value.root)) {
          issues.push(
            issue(
              at,
              'Eine Gebühr hängt nur von den Antragsdaten ab: „today“ ist hier nicht erlaubt',
              'A fee depends on the Antragsdaten alone: "today" is not allowed here',
            ),
          );
        }
        const compiled = compileAst(ast.value);
        if (!compiled.ok) return void issues.push(ruleIssue(at, compiled.error));
        if (problems.length === 0) cases.push({ rule: compiled.value, cents: c.cents });
      });
      if (issues.length > before) return undefined;
      return rule.otherwise === undefined
        ? { kind: 'cases', cases }
        : { kind: 'cases', cases, otherwise: rule.otherwise };
    }
  }
}

function compute(
  rule: Compiled,
  antragsdaten: Antragsdaten,
): Result<Omit<GebuehrBerechnung, 'rechtsgrundlage'>, TemplateError> {
  // Rows read from IndexedDB are not checked by the compiler: look again.
  const raw: unknown = antragsdaten;
  const data = typeof raw === 'object' && raw !== null ? antragsdaten : {};
  switch (rule.kind) {
    case 'fixed':
      return ok({ cents: rule.cents, basis: 'fixed' });
    case 'table': {
      const v = Object.hasOwn(data, rule.field) ? data[rule.field] : undefined;
      if (v === undefined || v === null || (typeof v === 'string' && !/\S/.test(v))) {
        return notComputable(`das Feld „${rule.field}“ ist leer`, `the field "${rule.field}" has no value`, {
          fee: 'field_empty',
          field: rule.field,
        });
      }
      const cents = rule.rows.get(v);
      if (cents !== undefined) return ok({ cents, basis: `${rule.field} = ${JSON.stringify(v)}` });
      if (rule.otherwise !== undefined) return ok({ cents: rule.otherwise, basis: 'otherwise' });
      return notComputable(
        `kein Tabelleneintrag für den Wert des Feldes „${rule.field}“`,
        `no table row for the value of the field "${rule.field}"`,
        { fee: 'no_table_row', field: rule.field },
      );
    }
    case 'cases': {
      for (const c of rule.cases) {
        const result = evaluateRule(c.rule, data, UNUSED_TODAY);
        if (result.outcome === 'pass') return ok({ cents: c.cents, basis: c.rule.source });
        if (result.outcome === 'error' && result.explanation.kind === 'error') {
          const e = result.explanation.error;
          return notComputable(renderRuleError(e, 'de'), renderRuleError(e, 'en'), { fee: 'rule_error' });
        }
      }
      if (rule.otherwise !== undefined) return ok({ cents: rule.otherwise, basis: 'otherwise' });
      return notComputable('keine Regel trifft zu', 'no case applies', { fee: 'no_case' });
    }
  }
}

function notComputable(de: string, en: string, params: TemplateErrorParams): Result<never, TemplateError> {
  return err(
    templateError(
      'fee_not_computable',
      {
        de: `Die Gebühr ist nicht berechenbar (${de}); setzen Sie sie von Hand mit Begründung fest`,
        en: `The fee cannot be computed (${en}); set it by hand with a reason`,
      },
      undefined,
      params,
    ),
  );
}

/**
 * The fee of a Bescheid: the override when the clerk set one (it needs a reason), otherwise the
 * computed fee; a fee that cannot be computed and has no override is an error.
 */
export function bescheidGebuehr(
  computed: Result<GebuehrBerechnung, TemplateError>,
  override: GebuehrOverride | null,
): Result<BescheidContent['gebuehr'], TemplateError> {
  if (override !== null) {
    const checked = gebuehrOverride.safeParse(override);
    if (!checked.success) {
      return err(
        templateError(
          'fee_not_computable',
          {
            de: 'Eine abweichende Gebühr braucht einen Betrag in Cent und eine Begründung',
            en: 'A fee set by hand needs an amount in cents and a reason',
          },
          undefined,
          { fee: 'override_invalid' },
        ),
      );
    }
    return ok({ cents: checked.data.cents, override: checked.data });
  }
  return computed.ok ? ok({ cents: computed.value.cents, override: null }) : computed;
}

function valueFits(field: FieldDef, v: string | number | boolean): boolean {
  switch (field.type) {
    case 'number':
    case 'money':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'select':
      return typeof v === 'string' && (field.options ?? []).some((o) => o.value === v);
    default:
      return typeof v === 'string';
  }
}

function readsToday(root: RuleNode): boolean {
  const stack: RuleNode[] = [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.type === 'today') return true;
    stack.push(...children(n));
  }
  return false;
}

function issue(where: string, de: string, en: string): TemplateError {
  return within(where, templateError('invalid_vorlage', { de, en }));
}

function ruleIssue(where: string, e: RuleError): TemplateError {
  return issue(where, renderRuleError(e, 'de'), renderRuleError(e, 'en'));
}
