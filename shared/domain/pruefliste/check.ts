import type { FieldDef } from '../verfahren.ts';
import type { LiteralNode, RuleAst, RuleNode } from './ast.ts';
import { ruleError, type RuleError, type RuleErrorParams, type RuleErrorReason } from './errors.ts';
import { RULE_FUNCTIONS } from './functions.ts';
import type { ValueType } from './values.ts';

/** Static types: `datetext` is the text of a date field, which date parameters accept. */
type StaticType = ValueType | 'datetext';

/**
 * Checks a parsed rule against the fields of its Verfahren before any Antrag exists: unknown
 * fields, values of the wrong type, option values a select field does not have. The evaluator
 * enforces the same typing at run time; this finds the mistakes when the Verfahren is loaded.
 * Returns every problem found, in source order of discovery.
 */
export function checkRule(ast: RuleAst, fields: readonly FieldDef[]): RuleError[] {
  const checker = new Checker(ast.source, new Map(fields.map((f) => [f.id, f])));
  const type = checker.infer(ast.root);
  if (type !== undefined && type !== 'boolean')
    checker.report('not_boolean', { text: ast.source, got: show(type) }, ast.root);
  return checker.errors;
}

function show(t: StaticType): ValueType {
  return t === 'datetext' ? 'text' : t;
}

function fieldType(f: FieldDef): StaticType {
  switch (f.type) {
    case 'number':
    case 'money':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'datetext';
    default:
      return 'text';
  }
}

function literalType(v: LiteralNode['value']): ValueType {
  return typeof v === 'number' ? 'number' : typeof v === 'string' ? 'text' : 'boolean';
}

class Checker {
  readonly errors: RuleError[] = [];
  private readonly source: string;
  private readonly fields: ReadonlyMap<string, FieldDef>;

  constructor(source: string, fields: ReadonlyMap<string, FieldDef>) {
    this.source = source;
    this.fields = fields;
  }

  report(reason: RuleErrorReason, params: RuleErrorParams, at: RuleNode): void {
    this.errors.push(ruleError(reason, params, at.start));
  }

  private text(node: RuleNode): string {
    return this.source.slice(node.start, node.end);
  }

  /** The node's type, or undefined after reporting a problem (so one mistake is reported once). */
  infer(node: RuleNode): StaticType | undefined {
    switch (node.type) {
      case 'literal':
        return literalType(node.value);
      case 'today':
        return 'date';
      case 'field': {
        const field = this.fields.get(node.id);
        if (field !== undefined) return fieldType(field);
        this.report('unknown_field', { field: node.id }, node);
        return undefined;
      }
      case 'presence':
        if (this.fields.has(node.field.id)) return 'boolean';
        this.report('unknown_field', { field: node.field.id }, node.field);
        return undefined;
      case 'call':
        return this.call(node);
      case 'negate': {
        const t = this.infer(node.operand);
        if (t === undefined || t === 'number') return t;
        this.report('operand_type', { op: '-', expected: 'number', text: this.text(node.operand), got: show(t) }, node);
        return undefined;
      }
      case 'arith': {
        const l = this.infer(node.left);
        const r = this.infer(node.right);
        if (l === undefined || r === undefined) return undefined;
        if (l === 'number' && r === 'number') return 'number';
        this.report('operand_types', { op: node.op, left: show(l), right: show(r) }, node);
        return undefined;
      }
      case 'compare':
        this.compare(node.op, node, [node.left, node.right]);
        return 'boolean';
      case 'between':
        this.compare('between', node, [node.value, node.low, node.high]);
        return 'boolean';
      case 'in':
        this.membership(node);
        return 'boolean';
      case 'not':
        this.condition(node.operand);
        return 'boolean';
      case 'logic':
        for (const operand of node.operands) this.condition(operand);
        return 'boolean';
    }
  }

  private condition(node: RuleNode): void {
    const t = this.infer(node);
    if (t !== undefined && t !== 'boolean') this.report('not_boolean', { text: this.text(node), got: show(t) }, node);
  }

  private call(node: Extract<RuleNode, { type: 'call' }>): StaticType | undefined {
    const def = RULE_FUNCTIONS.get(node.name);
    if (def === undefined) return undefined; // the parser admits known functions only
    let ok = true;
    for (const [i, arg] of node.args.entries()) {
      const t = this.infer(arg);
      const param = def.params[i];
      if (t === undefined || param === undefined) {
        ok = false;
        continue;
      }
      const expected: ValueType = param === 'integer' ? 'number' : param;
      if (param === 'date' && t === 'text' && arg.type === 'field') {
        ok = false;
        this.report('not_a_date_field', { field: arg.id }, arg);
        continue;
      }
      const fits =
        t === expected ||
        (t === 'datetext' && (expected === 'text' || expected === 'date')) ||
        (expected === 'date' && t === 'text');
      if (!fits) {
        ok = false;
        this.report(
          'argument_type',
          { name: node.name, index: i + 1, expected, text: this.text(arg), got: show(t) },
          arg,
        );
      }
    }
    return ok ? def.result : undefined;
  }

  /** Comparison and between: all operands of one type; order only for numbers and dates. */
  private compare(op: string, node: RuleNode, operands: readonly RuleNode[]): void {
    const types = operands.map((o) => this.infer(o));
    if (types.some((t) => t === undefined)) return;
    const known = types as StaticType[];
    const dateIndex = known.indexOf('date');
    const textIndex = known.indexOf('datetext');
    if (dateIndex >= 0 && textIndex >= 0) {
      const field = operands[textIndex];
      if (field?.type === 'field') {
        this.report('date_field_as_date', { field: field.id }, node);
        return;
      }
    }
    const shown = known.map(show);
    const first = shown[0] as ValueType;
    const mismatch = shown.find((t) => t !== first);
    const ordered = op !== '=' && op !== '!=';
    if (mismatch !== undefined || (ordered && first !== 'number' && first !== 'date')) {
      this.report('operand_types', { op, left: first, right: mismatch ?? first }, node);
      return;
    }
    if (op === '=' || op === '!=') {
      this.options(operands[0], operands.slice(1));
      this.options(operands[1], operands.slice(0, 1));
    }
  }

  private membership(node: Extract<RuleNode, { type: 'in' }>): void {
    const t = this.infer(node.value);
    const first = node.list[0];
    if (t === undefined || first === undefined) return;
    const elementType = literalType(first.value);
    if (show(t) !== elementType) {
      this.report('operand_types', { op: node.negated ? 'not in' : 'in', left: show(t), right: elementType }, node);
      return;
    }
    this.options(node.value, node.list);
  }

  /** Text literals compared with a select field must be among its option values. */
  private options(field: RuleNode | undefined, values: readonly RuleNode[]): void {
    if (field?.type !== 'field') return;
    const def = this.fields.get(field.id);
    if (def?.type !== 'select' || def.options === undefined) return;
    const allowed = new Set(def.options.map((o) => o.value));
    for (const v of values) {
      if (v.type === 'literal' && typeof v.value === 'string' && !allowed.has(v.value)) {
        this.report('unknown_option', { field: field.id, value: v.value }, v);
      }
    }
  }
}
