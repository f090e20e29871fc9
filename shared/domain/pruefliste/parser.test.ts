import { describe, expect, it } from 'vitest';
import type { RuleNode } from './ast.ts';
import { parseRule } from './parser.ts';
import { tokenize } from './tokenizer.ts';

function parse(source: string): RuleNode {
  const r = parseRule(source);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.root;
}

/** The tree as a compact S-expression, to assert structure and precedence. */
function sexpr(node: RuleNode): string {
  switch (node.type) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'field':
      return node.id;
    case 'today':
      return 'today';
    case 'call':
      return `(${node.name} ${node.args.map(sexpr).join(' ')})`;
    case 'presence':
      return `(${node.check} ${node.field.id})`;
    case 'negate':
      return `(neg ${sexpr(node.operand)})`;
    case 'not':
      return `(not ${sexpr(node.operand)})`;
    case 'arith':
    case 'compare':
      return `(${node.op} ${sexpr(node.left)} ${sexpr(node.right)})`;
    case 'between':
      return `(${node.negated ? 'not-' : ''}between ${sexpr(node.value)} ${sexpr(node.low)} ${sexpr(node.high)})`;
    case 'in':
      return `(${node.negated ? 'not-' : ''}in ${sexpr(node.value)} [${node.list.map(sexpr).join(' ')}])`;
    case 'logic':
      return `(${node.op} ${node.operands.map(sexpr).join(' ')})`;
  }
}

const tree = (source: string) => sexpr(parse(source));

function parseError(source: string) {
  const r = parseRule(source);
  if (r.ok) throw new Error(`expected "${source}" not to parse`);
  return r.error;
}

describe('tokenize', () => {
  it('splits names, numbers, texts and symbols with their positions', () => {
    const r = tokenize(`a.b_1 <= 12.5 != 'x\\'y' "q\\"\\\\"`);
    expect(r.ok && r.value.map((t) => [t.kind, t.text, t.start, t.end])).toEqual([
      ['name', 'a', 0, 1],
      ['symbol', '.', 1, 2],
      ['name', 'b_1', 2, 5],
      ['symbol', '<=', 6, 8],
      ['number', '12.5', 9, 13],
      ['symbol', '!=', 14, 16],
      ['string', "x'y", 17, 23],
      ['string', 'q"\\', 24, 31],
      ['end', '', 31, 31],
    ]);
  });

  it('reports bad characters, strings and numbers with their position', () => {
    expect(tokenize('a == 1').ok).toBe(true); // "==" is "=" "=", which the parser refuses
    expect(tokenize('a ; 1')).toMatchObject({
      ok: false,
      error: { reason: 'unexpected_char', position: 2, params: { char: ';' } },
    });
    expect(tokenize('größe > 1')).toMatchObject({ ok: false, error: { reason: 'unexpected_char', position: 2 } });
    expect(tokenize('x = "abc')).toMatchObject({ ok: false, error: { reason: 'unterminated_string', position: 4 } });
    expect(tokenize('x = "a\\')).toMatchObject({ ok: false, error: { reason: 'unterminated_string' } });
    expect(tokenize('x = "a\\n"')).toMatchObject({ ok: false, error: { reason: 'invalid_escape', position: 6 } });
    expect(tokenize('x = 12345678901234567890')).toMatchObject({ ok: false, error: { reason: 'invalid_number' } });
    expect(tokenize('x = 9007199254740991').ok).toBe(true);
  });
});

describe('parseRule', () => {
  it('follows the precedence or < and < not < comparison < + - < * / < unary minus', () => {
    expect(tree('a or b and not c = 1 + 2 * -x')).toBe('(or a (and b (not (= c (+ 1 (* 2 (neg x)))))))');
    expect(tree('(a or b) and c')).toBe('(and (or a b) c)');
    expect(tree('1 - 2 - 3 = 4 / 2 / 1')).toBe('(= (- (- 1 2) 3) (/ (/ 4 2) 1))');
  });

  it('flattens chains of and / or', () => {
    expect(tree('a and b and c or d or e')).toBe('(or (and a b c) d e)');
  });

  it('parses between, in and their negations', () => {
    expect(tree('x between 1 and y + 1 and z')).toBe('(and (between x 1 (+ y 1)) z)');
    expect(tree('x not between -1 and 1')).toBe('(not-between x -1 1)');
    expect(tree('x in ["a", "b"]')).toBe('(in x ["a" "b"])');
    expect(tree('x not in [-1, 2.5]')).toBe('(not-in x [-1 2.5])');
    expect(tree('x in []')).toBe('(in x [])');
  });

  it('parses literals, today, calls, presence and antrag. fields', () => {
    expect(tree('true != false')).toBe('(!= true false)');
    expect(tree('days_between(antrag.kaufdatum, today) > 0')).toBe('(> (days_between kaufdatum today) 0)');
    expect(tree('present(a) or missing(antrag.b)')).toBe('(or (present a) (missing b))');
    expect(tree("date('2026-01-01') < today")).toBe('(< (date "2026-01-01") today)');
  });

  it('keeps source positions for every node', () => {
    const root = parse('  modulleistung <= 800');
    expect(root).toMatchObject({
      type: 'compare',
      start: 2,
      end: 22,
      left: { start: 2, end: 15 },
      right: { start: 19, end: 22 },
    });
  });

  it.each([
    ['', 'empty_rule', 0],
    ['   ', 'empty_rule', 0],
    ['x >', 'unexpected_end', 3],
    ['x = = 1', 'unexpected_token', 4],
    ['x == 1', 'unexpected_token', 3],
    ['(x = 1', 'unexpected_end', 6],
    ['x = 1)', 'unexpected_token', 5],
    ['x y', 'unexpected_token', 2],
    ['x between 1 or 2', 'unexpected_token', 12],
    ['x in "a"', 'unexpected_token', 5],
    ['antrag. = 1', 'unexpected_token', 8],
    ['and = 1', 'unexpected_token', 0],
    ['foo(1) = 1', 'unknown_function', 0],
    ['length(a, b) = 1', 'wrong_arity', 0],
    ['1 < x < 3', 'chained_comparison', 6],
    ['x not y', 'unexpected_token', 2],
  ] as const)('refuses %j with %s at %d', (source, reason, position) => {
    expect(parseError(source)).toMatchObject({ code: 'parse_error', reason, position });
  });
});
