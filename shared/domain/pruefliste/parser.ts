import { err, ok, type Result } from '../errors.ts';
import { children, type CompareOp, type FieldNode, type LiteralNode, type RuleAst, type RuleNode } from './ast.ts';
import { RuleFailure, ruleError, type RuleError, type RuleErrorParams, type RuleErrorReason } from './errors.ts';
import { RULE_FUNCTIONS, PRESENCE_CHECKS } from './functions.ts';
import { RULE_LIMITS } from './limits.ts';
import { tokenize, type Token } from './tokenizer.ts';

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'between', 'true', 'false', 'today']);
const COMPARE_OPS: ReadonlySet<string> = new Set<CompareOp>(['=', '!=', '<', '<=', '>', '>=']);

/**
 * Parses rule source into a syntax tree (grammar: docs/rule-language.md). Never throws: every
 * problem, including the limits of RULE_LIMITS, comes back as a RuleError with a position.
 * Function names and arities are checked here, so a typo fails when the Verfahren is loaded.
 */
export function parseRule(source: string): Result<RuleAst, RuleError> {
  if (typeof source !== 'string') return err(ruleError('empty_rule'));
  const tokens = tokenize(source);
  if (!tokens.ok) return tokens;
  const parser = new Parser(tokens.value);
  try {
    if (parser.peek().kind === 'end') return err(ruleError('empty_rule', {}, 0));
    const root = parser.parseRule();
    const tooDeep = findTooDeep(root);
    if (tooDeep !== undefined) return err(ruleError('too_deep', { limit: RULE_LIMITS.maxDepth }, tooDeep.start));
    return ok({ source, root });
  } catch (e) {
    if (e instanceof RuleFailure) return err(e.error);
    throw e;
  }
}

class Parser {
  private readonly tokens: readonly Token[];
  private index = 0;
  private depth = 0;

  constructor(tokens: readonly Token[]) {
    this.tokens = tokens;
  }

  peek(offset = 0): Token {
    // The token list always ends with an `end` token, which is never consumed.
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  parseRule(): RuleNode {
    const root = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') {
      if (next.kind === 'symbol' && COMPARE_OPS.has(next.text)) this.fail('chained_comparison', {}, next);
      this.unexpected(next, 'and, or or the end of the rule');
    }
    return root;
  }

  private parseOr(): RuleNode {
    return this.parseLogic('or', () => this.parseAnd());
  }

  private parseAnd(): RuleNode {
    return this.parseLogic('and', () => this.parseNot());
  }

  /** Chains of one operator become one node, so `a and b and c` is flat, not three levels deep. */
  private parseLogic(op: 'and' | 'or', operand: () => RuleNode): RuleNode {
    const first = operand();
    if (!this.isName(op)) return first;
    const operands = [first];
    while (this.isName(op)) {
      this.index++;
      operands.push(operand());
    }
    const last = operands[operands.length - 1] as RuleNode;
    return { type: 'logic', op, operands, start: first.start, end: last.end };
  }

  private parseNot(): RuleNode {
    if (!this.isName('not')) return this.parseComparison();
    const token = this.take();
    const operand = this.nested(token, () => this.parseNot());
    return { type: 'not', operand, start: token.start, end: operand.end };
  }

  private parseComparison(): RuleNode {
    const left = this.parseAdditive();
    const next = this.peek();
    if (next.kind === 'symbol' && COMPARE_OPS.has(next.text)) {
      this.index++;
      const right = this.parseAdditive();
      return { type: 'compare', op: next.text as CompareOp, left, right, start: left.start, end: right.end };
    }
    let negated = false;
    if (this.isName('not') && (this.isName('in', 1) || this.isName('between', 1))) {
      negated = true;
      this.index++;
    }
    if (this.isName('between')) {
      this.index++;
      const low = this.parseAdditive();
      this.expectName('and');
      const high = this.parseAdditive();
      return { type: 'between', negated, value: left, low, high, start: left.start, end: high.end };
    }
    if (this.isName('in')) {
      this.index++;
      const { list, end } = this.parseList();
      return { type: 'in', negated, value: left, list, start: left.start, end };
    }
    return left;
  }

  private parseAdditive(): RuleNode {
    let left = this.parseTerm();
    while (this.isSymbol('+') || this.isSymbol('-')) {
      const op = this.take().text as '+' | '-';
      const right = this.parseTerm();
      left = { type: 'arith', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseTerm(): RuleNode {
    let left = this.parseUnary();
    while (this.isSymbol('*') || this.isSymbol('/')) {
      const op = this.take().text as '*' | '/';
      const right = this.parseUnary();
      left = { type: 'arith', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private parseUnary(): RuleNode {
    if (!this.isSymbol('-')) return this.parsePrimary();
    const token = this.take();
    const operand = this.nested(token, () => this.parseUnary());
    // A negative number is a literal, so `[-1, 2]` and explanations show -1, not -(1).
    if (operand.type === 'literal' && typeof operand.value === 'number') {
      return { type: 'literal', value: -operand.value, start: token.start, end: operand.end };
    }
    return { type: 'negate', operand, start: token.start, end: operand.end };
  }

  private parsePrimary(): RuleNode {
    const token = this.peek();
    switch (token.kind) {
      case 'number':
        this.index++;
        return { type: 'literal', value: token.value, start: token.start, end: token.end };
      case 'string':
        this.index++;
        return { type: 'literal', value: token.text, start: token.start, end: token.end };
      case 'name':
        return this.parseName();
      case 'symbol':
        if (token.text === '(') {
          this.index++;
          const inner = this.nested(token, () => this.parseOr());
          this.expectSymbol(')');
          return inner;
        }
        if (token.text === '[') this.fail('list_outside_in', {}, token);
        return this.unexpected(token, 'a value, a field or "("');
      case 'end':
        return this.unexpected(token, 'a value, a field or "("');
    }
  }

  private parseName(): RuleNode {
    const token = this.take();
    const name = token.text;
    if (name === 'true' || name === 'false') {
      return { type: 'literal', value: name === 'true', start: token.start, end: token.end };
    }
    if (name === 'today') return { type: 'today', start: token.start, end: token.end };
    if (this.isSymbol('(')) return this.parseCall(token);
    if (KEYWORDS.has(name)) return this.unexpected(token, 'a value, a field or "("');
    if (name === 'antrag' && this.isSymbol('.')) {
      this.index++;
      const id = this.take();
      if (id.kind !== 'name') return this.unexpected(id, 'a field name after "antrag."');
      return { type: 'field', id: id.text, start: token.start, end: id.end };
    }
    return { type: 'field', id: name, start: token.start, end: token.end };
  }

  private parseCall(nameToken: Token): RuleNode {
    const name = nameToken.text;
    const isPresence = PRESENCE_CHECKS.has(name);
    const def = RULE_FUNCTIONS.get(name);
    if (!isPresence && def === undefined) this.fail('unknown_function', { name }, nameToken);
    const open = this.take();
    const args = this.nested(open, () => {
      const list: RuleNode[] = [];
      if (this.isSymbol(')')) return list;
      list.push(this.parseOr());
      while (this.isSymbol(',')) {
        this.index++;
        list.push(this.parseOr());
      }
      return list;
    });
    const close = this.expectSymbol(')');
    const expected = isPresence ? 1 : (def?.params.length ?? 0);
    if (args.length !== expected) this.fail('wrong_arity', { name, expected, got: args.length }, nameToken);
    if (isPresence) {
      const field = args[0];
      if (field?.type !== 'field') return this.fail('presence_needs_field', { name }, field ?? nameToken);
      return {
        type: 'presence',
        check: name === 'present' ? 'present' : 'missing',
        field: field satisfies FieldNode,
        start: nameToken.start,
        end: close.end,
      };
    }
    return { type: 'call', name, args, start: nameToken.start, end: close.end };
  }

  private parseList(): { list: LiteralNode[]; end: number } {
    const open = this.expectSymbol('[');
    const list = this.nested(open, () => {
      const items: LiteralNode[] = [];
      if (this.isSymbol(']')) return items;
      items.push(this.parseListItem());
      while (this.isSymbol(',')) {
        this.index++;
        items.push(this.parseListItem());
      }
      return items;
    });
    const close = this.expectSymbol(']');
    const first = list[0];
    const mixed = list.find((item) => typeof item.value !== typeof first?.value);
    if (mixed !== undefined) this.fail('mixed_list', {}, mixed);
    return { list, end: close.end };
  }

  private parseListItem(): LiteralNode {
    const item = this.parseUnary();
    if (item.type !== 'literal') this.fail('list_literals_only', {}, item);
    return item;
  }

  /** Runs `inner` one nesting level deeper; refuses before the JavaScript stack could run out. */
  private nested<T>(at: { start: number }, inner: () => T): T {
    if (this.depth >= RULE_LIMITS.maxDepth) this.fail('too_deep', { limit: RULE_LIMITS.maxDepth }, at);
    this.depth++;
    const result = inner();
    this.depth--;
    return result;
  }

  private isName(name: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'name' && t.text === name;
  }

  private isSymbol(symbol: string): boolean {
    const t = this.peek();
    return t.kind === 'symbol' && t.text === symbol;
  }

  private take(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.index++;
    return t;
  }

  private expectName(name: string): Token {
    if (!this.isName(name)) this.unexpected(this.peek(), `"${name}"`);
    return this.take();
  }

  private expectSymbol(symbol: string): Token {
    if (!this.isSymbol(symbol)) this.unexpected(this.peek(), `"${symbol}"`);
    return this.take();
  }

  private unexpected(token: Token, expected: string): never {
    if (token.kind === 'end') return this.fail('unexpected_end', { expected }, token);
    const found = token.kind === 'string' ? JSON.stringify(token.text).slice(0, 40) : token.text;
    return this.fail('unexpected_token', { expected, found }, token);
  }

  private fail(reason: RuleErrorReason, params: RuleErrorParams, at: { start: number }): never {
    throw new RuleFailure(ruleError(reason, params, at.start));
  }
}

/**
 * The first node whose subtree is higher than the limit. Left-deep chains such as
 * `a + b + c + …` grow the tree without nesting brackets; the evaluator recurses over the tree,
 * so its height is bounded too. The walk itself is safe: the token limit bounds the height.
 */
function findTooDeep(root: RuleNode): RuleNode | undefined {
  let found: RuleNode | undefined;
  const height = (node: RuleNode): number => {
    let max = 0;
    for (const child of children(node)) max = Math.max(max, height(child));
    const h = max + 1;
    if (h > RULE_LIMITS.maxDepth && found === undefined) found = node;
    return h;
  };
  height(root);
  return found;
}
