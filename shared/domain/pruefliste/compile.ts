import { err, ok, type Result } from '../errors.ts';
import type { Antragsdaten } from '../vorgang.ts';
import type { CompareOp, LiteralValue, RuleAst, RuleNode } from './ast.ts';
import { RuleFailure, ruleError, type RuleError, type RuleErrorParams, type RuleErrorReason } from './errors.ts';
import { resultOf, type Explanation, type Operand, type RuleResult } from './explanation.ts';
import { RULE_FUNCTIONS, type FunctionDef, type ParamType } from './functions.ts';
import { RULE_LIMITS } from './limits.ts';
import { parseRule } from './parser.ts';
import { parseIsoDate, plain, RuleDate, typeOf, type RuleValue } from './values.ts';

/** What a rule reads while it runs: the Antragsdaten and the caller's today. */
export interface RuleEnv {
  readonly data: Readonly<Record<string, unknown>>;
  readonly today: RuleDate;
}

/**
 * A rule parsed once and turned into a tree of closures, to be evaluated many times (no eval:
 * each node becomes a small function over its children's functions).
 */
export interface CompiledRule {
  readonly source: string;
  readonly ast: RuleAst;
  readonly run: (env: RuleEnv) => Explanation;
}

/** An error travelling up through values; turned into an `error` explanation by the condition above it. */
class Fault {
  readonly error: RuleError;
  constructor(error: RuleError) {
    this.error = error;
  }
}

type ValueFn = (env: RuleEnv) => RuleValue | Fault;
type CondFn = (env: RuleEnv) => Explanation;

/** How a compiled node appears in explanations. */
interface NodeInfo {
  /** No field, no today: evaluated once at compile time. */
  readonly constant: boolean;
  readonly money: boolean;
  readonly kind: Operand['kind'];
  readonly text: string;
  readonly field?: string;
}

interface Node extends NodeInfo {
  readonly value: ValueFn;
  readonly cond: CondFn;
}

/** Constant parts never read the environment; this one only satisfies the signature. */
const CONSTANT_ENV: RuleEnv = { data: {}, today: new RuleDate(0) };

/** Parses and compiles a rule. Errors in constant parts (`date("2026-02-30")`, `1 / 0`) are found here. */
export function compileRule(source: string): Result<CompiledRule, RuleError> {
  const parsed = parseRule(source);
  if (!parsed.ok) return parsed;
  return compileAst(parsed.value);
}

export function compileAst(ast: RuleAst): Result<CompiledRule, RuleError> {
  try {
    const root = new Compiler(ast.source).node(ast.root);
    if (root.constant) {
      const v = root.value(CONSTANT_ENV);
      if (v instanceof Fault) return err(v.error);
      if (typeof v !== 'boolean') return err(notBoolean(root, ast.root, v));
    }
    return ok({ source: ast.source, ast, run: root.cond });
  } catch (e) {
    if (e instanceof RuleFailure) return err(e.error);
    throw e;
  }
}

/**
 * Evaluates a compiled rule against Antragsdaten; `today` (YYYY-MM-DD) comes from the caller so
 * that the result depends on nothing else. Never throws: problems become an `error` outcome.
 */
export function evaluateRule(rule: CompiledRule, antragsdaten: Antragsdaten, today: string): RuleResult {
  const env = ruleEnv(antragsdaten, today);
  if (!env.ok) return resultOf({ kind: 'error', error: env.error });
  return resultOf(rule.run(env.value));
}

/** The environment for evaluating many rules against the same Antragsdaten. */
export function ruleEnv(antragsdaten: Antragsdaten, today: string): Result<RuleEnv, RuleError> {
  // Rows read from IndexedDB or sent by a script are not checked by the compiler: look again.
  const rawToday: unknown = today;
  const rawData: unknown = antragsdaten;
  const day = typeof rawToday === 'string' ? parseIsoDate(rawToday) : undefined;
  if (day === undefined) return err(ruleError('invalid_today'));
  return ok({ data: typeof rawData === 'object' && rawData !== null ? antragsdaten : {}, today: day });
}

const fault = (reason: RuleErrorReason, params: RuleErrorParams, at: RuleNode) =>
  new Fault(ruleError(reason, params, at.start));
const errorExplanation = (f: Fault): Explanation => ({ kind: 'error', error: f.error });

function notBoolean(n: NodeInfo, at: RuleNode, v: RuleValue): RuleError {
  return ruleError('not_boolean', { text: n.text, got: typeOf(v) }, at.start);
}

function operand(n: NodeInfo, v: RuleValue): Operand {
  const type = typeOf(v);
  const value = plain(v);
  if (n.field !== undefined) return { kind: 'field', text: n.text, field: n.field, type, value };
  if (n.money && type === 'number') return { kind: n.kind, text: n.text, type, value, money: true };
  return { kind: n.kind, text: n.text, type, value };
}

class Compiler {
  private readonly source: string;

  constructor(source: string) {
    this.source = source;
  }

  node(node: RuleNode): Node {
    const compiled = this.build(node);
    if (!compiled.constant || compiled.kind === 'literal') return compiled;
    // Fold constant parts: evaluated once here, shown as plain values in explanations.
    const v = compiled.value(CONSTANT_ENV);
    // A constant part that fails already at compile time (say 1 / 0) ends the compilation.
    if (v instanceof Fault) throw new RuleFailure(v.error);
    return this.constant(node, v, compiled.money);
  }

  private text(node: RuleNode): string {
    return this.source.slice(node.start, node.end);
  }

  private constant(node: RuleNode, v: RuleValue, money: boolean): Node {
    const info: NodeInfo = { constant: true, money, kind: 'literal', text: this.text(node) };
    return this.valueNode(node, info, () => v);
  }

  private build(node: RuleNode): Node {
    switch (node.type) {
      case 'literal':
        return this.constant(node, node.value, false);
      case 'today':
        return this.valueNode(
          node,
          { constant: false, money: false, kind: 'expression', text: 'today' },
          (env) => env.today,
        );
      case 'field':
        return this.field(node);
      case 'call':
        return this.call(node);
      case 'negate':
        return this.negate(node);
      case 'arith':
        return this.arith(node);
      case 'presence':
        return this.presence(node);
      case 'compare':
        return this.compare(node);
      case 'between':
        return this.between(node);
      case 'in':
        return this.membership(node);
      case 'not':
        return this.not(node);
      case 'logic':
        return this.logic(node);
    }
  }

  /** A node computing a value; used as a condition, the value must be true or false. */
  private valueNode(node: RuleNode, info: NodeInfo, value: ValueFn): Node {
    const cond: CondFn = (env) => {
      const v = value(env);
      if (v instanceof Fault) return errorExplanation(v);
      if (typeof v !== 'boolean') return { kind: 'error', error: notBoolean(info, node, v) };
      return { kind: 'value', holds: v, operand: operand(info, v) };
    };
    return { ...info, value, cond };
  }

  /** A node deciding a condition; used as a value, it is its truth. */
  private condNode(node: RuleNode, cond: CondFn, constant: boolean): Node {
    const value: ValueFn = (env) => {
      const e = cond(env);
      return e.kind === 'error' ? new Fault(e.error) : e.holds;
    };
    return { value, cond, constant, money: false, kind: 'expression', text: this.text(node) };
  }

  private field(node: Extract<RuleNode, { type: 'field' }>): Node {
    const id = node.id;
    const missing = fault('missing_value', { field: id }, node);
    const badType = fault('field_value_type', { field: id }, node);
    const tooLong = fault('value_too_long', { field: id, limit: RULE_LIMITS.maxValueLength }, node);
    const value: ValueFn = (env) => {
      // Own properties only: `constructor` or `__proto__` must not find Object.prototype's.
      if (!Object.hasOwn(env.data, id)) return missing;
      const v = env.data[id];
      switch (typeof v) {
        case 'string':
          return v.length > RULE_LIMITS.maxValueLength ? tooLong : v;
        case 'number':
          return Number.isFinite(v) ? v : badType;
        case 'boolean':
          return v;
        default:
          return v === null || v === undefined ? missing : badType;
      }
    };
    return this.valueNode(
      node,
      { constant: false, money: false, kind: 'field', text: this.text(node), field: id },
      value,
    );
  }

  private call(node: Extract<RuleNode, { type: 'call' }>): Node {
    const def = RULE_FUNCTIONS.get(node.name) as FunctionDef; // the parser admits known functions only
    const args = node.args.map((a) => this.node(a));
    const convert = args.map((a, i) => this.argument(node, def, i, a, node.args[i] as RuleNode));
    const outOfRange = fault(
      def.result === 'date' ? 'date_out_of_range' : 'not_finite',
      { text: this.text(node) },
      node,
    );
    const value: ValueFn = (env) => {
      const values: RuleValue[] = [];
      for (const c of convert) {
        const v = c(env);
        if (v instanceof Fault) return v;
        values.push(v);
      }
      return def.run(values, env.today) ?? outOfRange;
    };
    const info: NodeInfo = {
      constant: def.readsToday !== true && args.every((a) => a.constant),
      money: def.money === 'always' || (def.money === 'args' && args.some((a) => a.money)),
      kind: 'expression',
      text: this.text(node),
    };
    return this.valueNode(node, info, value);
  }

  /** The i-th argument, checked and converted to its parameter type. */
  private argument(
    call: Extract<RuleNode, { type: 'call' }>,
    def: FunctionDef,
    i: number,
    arg: Node,
    at: RuleNode,
  ): ValueFn {
    const param: ParamType = def.params[i] ?? 'number';
    const wrongType = (v: RuleValue) =>
      fault(
        'argument_type',
        {
          name: call.name,
          index: i + 1,
          expected: param === 'integer' ? 'number' : param,
          text: arg.text,
          got: typeOf(v),
        },
        at,
      );
    switch (param) {
      case 'number':
      case 'integer':
        return (env) => {
          const v = arg.value(env);
          if (v instanceof Fault) return v;
          if (typeof v !== 'number') return wrongType(v);
          if (param === 'integer' && !Number.isInteger(v))
            return fault('not_an_integer', { name: call.name, index: i + 1 }, at);
          return v;
        };
      case 'text':
        return (env) => {
          const v = arg.value(env);
          if (v instanceof Fault || typeof v === 'string') return v;
          return wrongType(v);
        };
      case 'date': {
        const notADate = fault('not_a_date', { text: arg.text }, at);
        return (env) => {
          const v = arg.value(env);
          if (v instanceof Fault || v instanceof RuleDate) return v;
          if (typeof v === 'string') return parseIsoDate(v) ?? notADate;
          return wrongType(v);
        };
      }
    }
  }

  private negate(node: Extract<RuleNode, { type: 'negate' }>): Node {
    const inner = this.node(node.operand);
    const value: ValueFn = (env) => {
      const v = inner.value(env);
      if (v instanceof Fault) return v;
      if (typeof v !== 'number')
        return fault('operand_type', { op: '-', expected: 'number', text: inner.text, got: typeOf(v) }, node);
      return -v;
    };
    const info: NodeInfo = { constant: inner.constant, money: inner.money, kind: 'expression', text: this.text(node) };
    return this.valueNode(node, info, value);
  }

  private arith(node: Extract<RuleNode, { type: 'arith' }>): Node {
    const left = this.node(node.left);
    const right = this.node(node.right);
    const { op } = node;
    const text = this.text(node);
    const divisionByZero = fault('division_by_zero', { text }, node);
    const notFinite = fault('not_finite', { text }, node);
    const value: ValueFn = (env) => {
      const l = left.value(env);
      if (l instanceof Fault) return l;
      const r = right.value(env);
      if (r instanceof Fault) return r;
      if (typeof l !== 'number' || typeof r !== 'number')
        return fault('operand_types', { op, left: typeOf(l), right: typeOf(r) }, node);
      let result: number;
      switch (op) {
        case '+':
          result = l + r;
          break;
        case '-':
          result = l - r;
          break;
        case '*':
          result = l * r;
          break;
        case '/':
          if (r === 0) return divisionByZero;
          result = l / r;
          break;
      }
      return Number.isFinite(result) ? result : notFinite;
    };
    const money = op === '/' ? left.money && !right.money : left.money || right.money;
    return this.valueNode(node, { constant: left.constant && right.constant, money, kind: 'expression', text }, value);
  }

  private presence(node: Extract<RuleNode, { type: 'presence' }>): Node {
    const id = node.field.id;
    const wantPresent = node.check === 'present';
    const cond: CondFn = (env) => {
      const present = hasValue(env.data, id);
      return { kind: 'presence', holds: present === wantPresent, field: id, present };
    };
    return this.condNode(node, cond, false);
  }

  private compare(node: Extract<RuleNode, { type: 'compare' }>): Node {
    const left = this.node(node.left);
    const right = this.node(node.right);
    const { op } = node;
    const cond: CondFn = (env) => {
      const l = left.value(env);
      if (l instanceof Fault) return errorExplanation(l);
      const r = right.value(env);
      if (r instanceof Fault) return errorExplanation(r);
      const holds = compareValues(op, l, r);
      if (holds === undefined) return errorExplanation(mismatch(op, node, left, l, right, r));
      return { kind: 'comparison', holds, op, left: operand(left, l), right: operand(right, r) };
    };
    return this.condNode(node, cond, left.constant && right.constant);
  }

  private between(node: Extract<RuleNode, { type: 'between' }>): Node {
    const value = this.node(node.value);
    const low = this.node(node.low);
    const high = this.node(node.high);
    const { negated } = node;
    const cond: CondFn = (env) => {
      const v = value.value(env);
      if (v instanceof Fault) return errorExplanation(v);
      const lo = low.value(env);
      if (lo instanceof Fault) return errorExplanation(lo);
      const hi = high.value(env);
      if (hi instanceof Fault) return errorExplanation(hi);
      const aboveLow = compareValues('>=', v, lo);
      if (aboveLow === undefined) return errorExplanation(mismatch('between', node, value, v, low, lo));
      const belowHigh = compareValues('<=', v, hi);
      if (belowHigh === undefined) return errorExplanation(mismatch('between', node, value, v, high, hi));
      return {
        kind: 'between',
        holds: aboveLow && belowHigh ? !negated : negated,
        negated,
        value: operand(value, v),
        low: operand(low, lo),
        high: operand(high, hi),
      };
    };
    return this.condNode(node, cond, value.constant && low.constant && high.constant);
  }

  private membership(node: Extract<RuleNode, { type: 'in' }>): Node {
    const value = this.node(node.value);
    const list = node.list.map((item) => item.value);
    const members = new Set<LiteralValue>(list);
    const elementType = list.length === 0 ? undefined : typeOf(list[0] as LiteralValue);
    const { negated } = node;
    const cond: CondFn = (env) => {
      const v = value.value(env);
      if (v instanceof Fault) return errorExplanation(v);
      const type = typeOf(v);
      if (elementType !== undefined && type !== elementType) {
        return errorExplanation(
          fault('operand_types', { op: negated ? 'not in' : 'in', left: type, right: elementType }, node),
        );
      }
      const isMember = !(v instanceof RuleDate) && members.has(v);
      return { kind: 'membership', holds: isMember !== negated, negated, value: operand(value, v), list };
    };
    return this.condNode(node, cond, value.constant);
  }

  private not(node: Extract<RuleNode, { type: 'not' }>): Node {
    const inner = this.node(node.operand);
    const cond: CondFn = (env) => {
      const e = inner.cond(env);
      return e.kind === 'error' ? e : { kind: 'not', holds: !e.holds, inner: e };
    };
    return this.condNode(node, cond, inner.constant);
  }

  private logic(node: Extract<RuleNode, { type: 'logic' }>): Node {
    const compiled = node.operands.map((o) => this.node(o));
    const operands = compiled.map((c) => c.cond);
    // Left to right with short-circuit: `missing(x) or x > 3` never reads a missing x.
    const cond: CondFn =
      node.op === 'and'
        ? (env) => {
            const parts: Explanation[] = [];
            for (const operandCond of operands) {
              const e = operandCond(env);
              if (e.kind === 'error') return e;
              if (!e.holds) return { kind: 'all', holds: false, parts: [e] };
              parts.push(e);
            }
            return { kind: 'all', holds: true, parts };
          }
        : (env) => {
            const parts: Explanation[] = [];
            for (const operandCond of operands) {
              const e = operandCond(env);
              if (e.kind === 'error') return e;
              if (e.holds) return { kind: 'any', holds: true, parts: [e] };
              parts.push(e);
            }
            return { kind: 'any', holds: false, parts };
          };
    return this.condNode(
      node,
      cond,
      compiled.every((c) => c.constant),
    );
  }
}

/** Undefined when the types do not fit: strict, no coercion between types. */
function compareValues(op: CompareOp, l: RuleValue, r: RuleValue): boolean | undefined {
  let a: number | string | boolean;
  let b: number | string | boolean;
  if (l instanceof RuleDate || r instanceof RuleDate) {
    if (!(l instanceof RuleDate && r instanceof RuleDate)) return undefined;
    a = l.day;
    b = r.day;
  } else {
    if (typeof l !== typeof r) return undefined;
    a = l;
    b = r;
    if (typeof a !== 'number' && op !== '=' && op !== '!=') return undefined;
  }
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** The type error for two values that do not fit, with a hint when a date field is compared as a date. */
function mismatch(op: string, at: RuleNode, left: NodeInfo, l: RuleValue, right: NodeInfo, r: RuleValue): Fault {
  const dateField =
    left.field !== undefined && typeof l === 'string' && r instanceof RuleDate
      ? left.field
      : right.field !== undefined && typeof r === 'string' && l instanceof RuleDate
        ? right.field
        : undefined;
  if (dateField !== undefined) return fault('date_field_as_date', { field: dateField }, at);
  return fault('operand_types', { op, left: typeOf(l), right: typeOf(r) }, at);
}

/** A value counts as given unless absent, null or only whitespace. */
export function hasValue(data: Readonly<Record<string, unknown>>, id: string): boolean {
  if (!Object.hasOwn(data, id)) return false;
  const v = data[id];
  if (v === null || v === undefined) return false;
  return typeof v !== 'string' || /\S/.test(v);
}
