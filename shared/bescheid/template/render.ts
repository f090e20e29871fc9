import { err, ok, type Result } from '../../domain/errors.ts';
import type { CompareOp, Comparison, Condition, Literal, Template, TemplateNode } from './ast.ts';
import { templateError, within, type TemplateError } from './errors.ts';
import { applyFormatter, isAbsent, scalarText, type Scalar } from './formatters.ts';
import { TEMPLATE_LIMITS } from './limits.ts';

/** The data a template reads: nested plain objects with printable leaves. */
export type ContextValue = string | number | boolean | null | undefined | ContextObject;
export interface ContextObject {
  readonly [key: string]: ContextValue;
}

/** Textbausteine by name, parsed. A Map, so that no name can reach a prototype. */
export type BlockSet = ReadonlyMap<string, Template>;

export interface RenderResult {
  readonly text: string;
  /** Paths of placeholders without a value (or with a value their formatter cannot format), in order of first use. */
  readonly unresolved: readonly string[];
}

/** What an unresolved placeholder prints, so the gap is visible in the draft and in the preview. */
export function unresolvedMarker(path: string): string {
  return `[[${path}]]`;
}

/**
 * Renders a template with the context and Textbausteine. Never throws; limit violations,
 * missing Textbausteine and include cycles are errors. Values are inserted as text and never
 * parsed again, so Antragsdaten containing `{{ … }}` stay plain text.
 */
export function renderTemplate(
  template: Template,
  context: ContextObject,
  blocks: BlockSet = new Map(),
): Result<RenderResult, TemplateError> {
  return new Renderer(context, blocks).render(template);
}

/**
 * One rendering budget (output length, steps) shared by several templates: the parts of a
 * Textvorlage together are one letter.
 */
export class Renderer {
  private readonly context: ContextObject;
  private readonly blocks: BlockSet;
  private readonly unresolved = new Set<string>();
  private readonly includes: string[] = [];
  private out: string[] = [];
  private length = 0;
  private steps = 0;

  constructor(context: ContextObject, blocks: BlockSet) {
    this.context = context;
    this.blocks = blocks;
  }

  /** Renders one template; `unresolved` lists the paths this template left open. */
  render(template: Template): Result<RenderResult, TemplateError> {
    this.out = [];
    this.unresolved.clear();
    const failure = this.nodes(template.nodes, template.source);
    if (failure !== undefined) return err(failure);
    return ok({ text: this.out.join(''), unresolved: [...this.unresolved] });
  }

  private nodes(nodes: readonly TemplateNode[], source: string): TemplateError | undefined {
    for (const node of nodes) {
      if (++this.steps > TEMPLATE_LIMITS.maxRenderSteps) {
        return templateError(
          'limit_exceeded',
          {
            de: `Die Vorlage braucht mehr als ${TEMPLATE_LIMITS.maxRenderSteps} Schritte`,
            en: `The template takes more than ${TEMPLATE_LIMITS.maxRenderSteps} steps`,
          },
          { source, offset: 'offset' in node ? node.offset : 0 },
        );
      }
      const failure = this.node(node, source);
      if (failure !== undefined) return failure;
    }
    return undefined;
  }

  private node(node: TemplateNode, source: string): TemplateError | undefined {
    switch (node.kind) {
      case 'text':
        return this.append(node.text, source, 0);
      case 'placeholder': {
        let value = scalarAt(this.context, node.path);
        for (const f of node.formatters) value = applyFormatter(f, value);
        const text = scalarText(value);
        if (text !== undefined) return this.append(text, source, node.offset);
        this.unresolved.add(node.pathText);
        return this.append(unresolvedMarker(node.pathText), source, node.offset);
      }
      case 'if': {
        for (const branch of node.branches) {
          this.steps += branch.condition.any.length;
          if (holds(branch.condition, this.context)) return this.nodes(branch.body, source);
        }
        return this.nodes(node.otherwise, source);
      }
      case 'include':
        return this.include(node.name, source, node.offset);
    }
  }

  private include(name: string, source: string, offset: number): TemplateError | undefined {
    const at = { source, offset };
    if (this.includes.includes(name)) {
      const cycle = [...this.includes.slice(this.includes.indexOf(name)), name].join(' → ');
      return templateError(
        'include_cycle',
        { de: `Textbausteine binden sich im Kreis ein: ${cycle}`, en: `Textbausteine include each other: ${cycle}` },
        at,
      );
    }
    if (this.includes.length >= TEMPLATE_LIMITS.maxIncludeDepth) {
      return templateError(
        'limit_exceeded',
        {
          de: `Textbausteine sind tiefer als ${TEMPLATE_LIMITS.maxIncludeDepth} Ebenen eingebunden (${[...this.includes, name].join(' → ')})`,
          en: `Textbausteine are included more than ${TEMPLATE_LIMITS.maxIncludeDepth} levels deep (${[...this.includes, name].join(' → ')})`,
        },
        at,
      );
    }
    const block = this.blocks.get(name);
    if (block === undefined) {
      return templateError(
        'unknown_block',
        { de: `Unbekannter Textbaustein „${name}“`, en: `Unknown Textbaustein "${name}"` },
        at,
      );
    }
    this.includes.push(name);
    const failure = this.nodes(block.nodes, block.source);
    this.includes.pop();
    return failure === undefined ? undefined : within(name, failure);
  }

  private append(text: string, source: string, offset: number): TemplateError | undefined {
    this.length += text.length;
    if (this.length > TEMPLATE_LIMITS.maxOutputLength) {
      return templateError(
        'limit_exceeded',
        {
          de: `Der Text wird länger als ${TEMPLATE_LIMITS.maxOutputLength} Zeichen`,
          en: `The text grows beyond ${TEMPLATE_LIMITS.maxOutputLength} characters`,
        },
        { source, offset },
      );
    }
    this.out.push(text);
    return undefined;
  }
}

/**
 * The printable value at a path: own data properties of plain objects only, so `constructor`
 * or an accessor never reaches code or a prototype. Anything but a string, number or boolean
 * is no value.
 */
export function scalarAt(context: ContextObject, path: readonly string[]): Scalar | undefined {
  let current: unknown = context;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    const d = Object.getOwnPropertyDescriptor(current, segment);
    if (d === undefined || !('value' in d)) return undefined;
    current = d.value;
  }
  return typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean'
    ? current
    : undefined;
}

function holds(condition: Condition, context: ContextObject): boolean {
  return condition.any.some((group) => group.every((c) => comparisonHolds(c, context)));
}

function comparisonHolds(c: Comparison, context: ContextObject): boolean {
  const v = scalarAt(context, c.path);
  const result = c.compare === undefined ? truthy(v) : compare(v, c.compare.op, c.compare.literal);
  return result !== c.negated;
}

/** Absent, empty, false and 0 are false; every other value is true. */
function truthy(v: Scalar | undefined): boolean {
  return !isAbsent(v) && v !== false && v !== 0;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Strict: no conversion between types. An absent value equals nothing (so `!=` holds) and is
 * neither greater nor smaller than anything. `<`… compare numbers, or two YYYY-MM-DD dates.
 */
function compare(v: Scalar | undefined, op: CompareOp, literal: Literal): boolean {
  if (isAbsent(v)) return op === '!=';
  if (op === '==') return v === literal;
  if (op === '!=') return v !== literal;
  let a: number | string;
  let b: number | string;
  if (typeof v === 'number' && typeof literal === 'number') {
    a = v;
    b = literal;
  } else if (typeof v === 'string' && typeof literal === 'string' && ISO_DATE.test(v) && ISO_DATE.test(literal)) {
    a = v;
    b = literal;
  } else {
    return false;
  }
  switch (op) {
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
