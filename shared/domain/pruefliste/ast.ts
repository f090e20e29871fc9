/** Syntax tree of a rule. `start`/`end` are character offsets into the source (end exclusive). */

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';
export type LiteralValue = number | string | boolean;

interface Span {
  readonly start: number;
  readonly end: number;
}

export type RuleNode =
  | (Span & { readonly type: 'literal'; readonly value: LiteralValue })
  | (Span & { readonly type: 'field'; readonly id: string })
  | (Span & { readonly type: 'today' })
  | (Span & { readonly type: 'call'; readonly name: string; readonly args: readonly RuleNode[] })
  | (Span & { readonly type: 'presence'; readonly check: 'present' | 'missing'; readonly field: FieldNode })
  | (Span & { readonly type: 'negate'; readonly operand: RuleNode })
  | (Span & { readonly type: 'arith'; readonly op: ArithOp; readonly left: RuleNode; readonly right: RuleNode })
  | (Span & { readonly type: 'compare'; readonly op: CompareOp; readonly left: RuleNode; readonly right: RuleNode })
  | (Span & {
      readonly type: 'between';
      readonly negated: boolean;
      readonly value: RuleNode;
      readonly low: RuleNode;
      readonly high: RuleNode;
    })
  | (Span & {
      readonly type: 'in';
      readonly negated: boolean;
      readonly value: RuleNode;
      readonly list: readonly LiteralNode[];
    })
  | (Span & { readonly type: 'not'; readonly operand: RuleNode })
  | (Span & { readonly type: 'logic'; readonly op: 'and' | 'or'; readonly operands: readonly RuleNode[] });

export type LiteralNode = Extract<RuleNode, { type: 'literal' }>;
export type FieldNode = Extract<RuleNode, { type: 'field' }>;

/** A parsed rule: the source it came from and its tree. */
export interface RuleAst {
  readonly source: string;
  readonly root: RuleNode;
}

/** Direct children, for walks over the tree. */
export function children(node: RuleNode): readonly RuleNode[] {
  switch (node.type) {
    case 'literal':
    case 'field':
    case 'today':
      return [];
    case 'call':
      return node.args;
    case 'presence':
      return [node.field];
    case 'negate':
    case 'not':
      return [node.operand];
    case 'arith':
    case 'compare':
      return [node.left, node.right];
    case 'between':
      return [node.value, node.low, node.high];
    case 'in':
      return [node.value, ...node.list];
    case 'logic':
      return node.operands;
  }
}
