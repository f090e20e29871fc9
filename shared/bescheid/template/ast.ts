/** Syntax tree of a template. Offsets are UTF-16 positions in the template source. */

export const FORMATTER_NAMES = ['euro', 'datum', 'zahl', 'upper', 'default'] as const;
export type FormatterName = (typeof FORMATTER_NAMES)[number];

export interface FormatterCall {
  readonly name: FormatterName;
  /** The text argument of `default("…")`. */
  readonly arg?: string;
  readonly offset: number;
}

export const COMPARE_OPS = ['==', '!=', '>', '<', '>=', '<='] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
export type Literal = string | number | boolean;

/** `[not] path [op literal]`; without an operator, the path's truthiness. */
export interface Comparison {
  readonly negated: boolean;
  readonly path: readonly string[];
  readonly pathText: string;
  readonly compare?: { readonly op: CompareOp; readonly literal: Literal };
  readonly offset: number;
}

/** `a and b or c`: any of the groups, each holding when all its comparisons hold (no brackets). */
export interface Condition {
  readonly any: readonly (readonly Comparison[])[];
}

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'placeholder';
      readonly path: readonly string[];
      readonly pathText: string;
      readonly formatters: readonly FormatterCall[];
      readonly offset: number;
    }
  | {
      readonly kind: 'if';
      /** `{{#if}}` and each `{{else if}}`, in order; the first that holds is rendered. */
      readonly branches: readonly {
        readonly condition: Condition;
        readonly body: readonly TemplateNode[];
        readonly offset: number;
      }[];
      /** The `{{else}}` part; empty when there is none. */
      readonly otherwise: readonly TemplateNode[];
      readonly offset: number;
    }
  | { readonly kind: 'include'; readonly name: string; readonly offset: number };

/** A parsed template: immutable, render it any number of times. */
export interface Template {
  readonly source: string;
  readonly nodes: readonly TemplateNode[];
}

/** Every node of a tree, depth first (the tree is at most TEMPLATE_LIMITS.maxNestingDepth deep). */
export function* walkNodes(nodes: readonly TemplateNode[]): Generator<TemplateNode> {
  for (const node of nodes) {
    yield node;
    if (node.kind === 'if') {
      for (const b of node.branches) yield* walkNodes(b.body);
      yield* walkNodes(node.otherwise);
    }
  }
}
