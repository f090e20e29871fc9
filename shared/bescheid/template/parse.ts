import { err, ok, type Result } from '../../domain/errors.ts';
import {
  COMPARE_OPS,
  FORMATTER_NAMES,
  type CompareOp,
  type Comparison,
  type Condition,
  type FormatterCall,
  type FormatterName,
  type Literal,
  type Template,
  type TemplateNode,
} from './ast.ts';
import { templateError, type TemplateError } from './errors.ts';
import { fail, lexTag, ParseFailure, type TagToken } from './lex.ts';
import { TEMPLATE_LIMITS } from './limits.ts';

/** Path segments and Textbaustein name segments: ASCII letters and digits, starting with a letter. */
const SEGMENT = /^[a-zA-Z][a-zA-Z0-9]*$/;

/** One tag or text run, before nesting. */
type Flat =
  | { readonly t: 'text'; text: string }
  | { readonly t: 'node'; readonly node: TemplateNode }
  | { readonly t: 'if' | 'elseif'; readonly condition: Condition; readonly offset: number }
  | { readonly t: 'else' | 'endif' | 'comment'; readonly offset: number };

/**
 * Parses a template. Never throws: every problem, including the limits, is an error value with
 * its position. Parsing is linear in the source length (one pass, explicit stack for `{{#if}}`).
 */
export function parseTemplate(source: string): Result<Template, TemplateError> {
  if (typeof source !== 'string') {
    return err(templateError('syntax_error', { de: 'Die Vorlage ist kein Text', en: 'The template is not text' }));
  }
  if (source.length > TEMPLATE_LIMITS.maxSourceLength) {
    return err(
      templateError('limit_exceeded', {
        de: `Die Vorlage hat ${source.length} Zeichen; erlaubt sind höchstens ${TEMPLATE_LIMITS.maxSourceLength}`,
        en: `The template has ${source.length} characters; at most ${TEMPLATE_LIMITS.maxSourceLength} are allowed`,
      }),
    );
  }
  try {
    const flat = scan(source);
    stripStandaloneLines(flat);
    return ok({ source, nodes: nest(source, flat) });
  } catch (e) {
    if (e instanceof ParseFailure) return err(e.error);
    throw e;
  }
}

function scan(source: string): Flat[] {
  const flat: Flat[] = [];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open === -1) {
      flat.push({ t: 'text', text: source.slice(i) });
      break;
    }
    if (open > i) flat.push({ t: 'text', text: source.slice(i, open) });
    if (source.charAt(open + 2) === '!') {
      const close = source.indexOf('}}', open + 3);
      if (close === -1) {
        fail(
          source,
          open,
          'syntax_error',
          'Der Kommentar „{{!“ wird nicht mit „}}“ geschlossen',
          'The comment "{{!" is not closed with "}}"',
        );
      }
      flat.push({ t: 'comment', offset: open });
      i = close + 2;
    } else {
      const { tokens, end } = lexTag(source, open);
      flat.push(new TagParser(source, open, tokens).tag());
      i = end;
    }
  }
  return flat;
}

/**
 * A line holding nothing but a block tag (`{{#if}}`, `{{else}}`, `{{/if}}`, a comment) and
 * whitespace disappears completely, as in Mustache: templates can put block tags on lines of
 * their own without leaving blank lines, which would split paragraphs.
 */
function stripStandaloneLines(flat: Flat[]): void {
  const last = flat.length - 1;
  const text = (i: number): string | undefined => {
    const f = flat[i];
    return f?.t === 'text' ? f.text : undefined;
  };
  const standalone: number[] = [];
  flat.forEach((f, i) => {
    if (f.t === 'text' || f.t === 'node') return;
    const before = text(i - 1);
    const after = text(i + 1);
    const startsLine =
      i === 0 || (before !== undefined && /(^|\n)[ \t]*$/.test(before) && (before.includes('\n') || i === 1));
    const endsLine =
      i === last || (after !== undefined && /^[ \t]*(\r?\n|$)/.test(after) && (after.includes('\n') || i + 1 === last));
    if (startsLine && endsLine) standalone.push(i);
  });
  for (const i of standalone) {
    const before = flat[i - 1];
    // Everything after its last line break is blank (checked above); cut by index, since an
    // end-anchored regex would rescan long runs of spaces elsewhere in the text.
    if (before?.t === 'text') before.text = before.text.slice(0, before.text.lastIndexOf('\n') + 1);
    const after = flat[i + 1];
    if (after?.t === 'text') after.text = after.text.replace(/^[ \t]*\r?\n?/, '');
  }
}

interface OpenIf {
  readonly offset: number;
  readonly branches: { condition: Condition; body: TemplateNode[]; offset: number }[];
  otherwise: TemplateNode[] | undefined;
}

/** Builds the tree with an explicit stack, so deep nesting costs an error, not the call stack. */
function nest(source: string, flat: readonly Flat[]): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: OpenIf[] = [];
  let current = root;
  const push = (node: TemplateNode) => {
    const prev = current.at(-1);
    if (node.kind === 'text' && prev?.kind === 'text')
      current[current.length - 1] = { kind: 'text', text: prev.text + node.text };
    else current.push(node);
  };
  const top = (offset: number, tag: string): OpenIf => {
    const open = stack.at(-1);
    if (open === undefined) {
      fail(source, offset, 'syntax_error', `${tag} ohne vorausgehendes {{#if}}`, `${tag} without a preceding {{#if}}`);
    }
    return open;
  };
  for (const f of flat) {
    switch (f.t) {
      case 'text':
        if (f.text !== '') push({ kind: 'text', text: f.text });
        break;
      case 'node':
        push(f.node);
        break;
      case 'comment':
        break;
      case 'if': {
        if (stack.length >= TEMPLATE_LIMITS.maxNestingDepth) {
          fail(
            source,
            f.offset,
            'limit_exceeded',
            `{{#if}} ist tiefer als ${TEMPLATE_LIMITS.maxNestingDepth} Ebenen verschachtelt`,
            `{{#if}} is nested deeper than ${TEMPLATE_LIMITS.maxNestingDepth} levels`,
          );
        }
        const branch = { condition: f.condition, body: [], offset: f.offset };
        stack.push({ offset: f.offset, branches: [branch], otherwise: undefined });
        current = branch.body;
        break;
      }
      case 'elseif': {
        const open = top(f.offset, '{{else if}}');
        if (open.otherwise !== undefined) {
          fail(source, f.offset, 'syntax_error', '{{else if}} nach {{else}}', '{{else if}} after {{else}}');
        }
        const branch = { condition: f.condition, body: [], offset: f.offset };
        open.branches.push(branch);
        current = branch.body;
        break;
      }
      case 'else': {
        const open = top(f.offset, '{{else}}');
        if (open.otherwise !== undefined) {
          fail(
            source,
            f.offset,
            'syntax_error',
            'Zweites {{else}} im selben {{#if}}',
            'A second {{else}} in one {{#if}}',
          );
        }
        open.otherwise = [];
        current = open.otherwise;
        break;
      }
      case 'endif': {
        const open = top(f.offset, '{{/if}}');
        stack.pop();
        current = stack.at(-1)?.otherwise ?? stack.at(-1)?.branches.at(-1)?.body ?? root;
        push({ kind: 'if', branches: open.branches, otherwise: open.otherwise ?? [], offset: open.offset });
        break;
      }
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    fail(
      source,
      unclosed.offset,
      'syntax_error',
      '{{#if}} wird nicht mit {{/if}} geschlossen',
      '{{#if}} is not closed with {{/if}}',
    );
  }
  return root;
}

/** The inside of one tag. */
class TagParser {
  private readonly source: string;
  private readonly open: number;
  private readonly tokens: readonly TagToken[];
  private i = 0;

  constructor(source: string, open: number, tokens: readonly TagToken[]) {
    this.source = source;
    this.open = open;
    this.tokens = tokens;
  }

  tag(): Flat {
    const first = this.tokens[0];
    if (first === undefined) this.error(this.open, 'Leeres Tag „{{ }}“', 'Empty tag "{{ }}"');
    if (isPunct(first, '#')) {
      this.i++;
      const keyword = this.next('if');
      if (keyword.kind !== 'name' || keyword.text !== 'if') {
        this.error(keyword.offset, 'Nach „{{#“ ist nur „if“ erlaubt', 'Only "if" may follow "{{#"');
      }
      const condition = this.condition();
      return { t: 'if', condition, offset: this.open };
    }
    if (isPunct(first, '/')) {
      this.i++;
      const keyword = this.next('if');
      if (keyword.kind !== 'name' || keyword.text !== 'if') {
        this.error(keyword.offset, 'Nach „{{/“ ist nur „if“ erlaubt', 'Only "if" may follow "{{/"');
      }
      this.end();
      return { t: 'endif', offset: this.open };
    }
    if (first.kind === 'name' && first.text === 'else') {
      this.i++;
      const after = this.tokens[this.i];
      if (after?.kind === 'name' && after.text === 'if') {
        this.i++;
        return { t: 'elseif', condition: this.condition(), offset: this.open };
      }
      this.end();
      return { t: 'else', offset: this.open };
    }
    if (isPunct(first, '>')) {
      this.i++;
      const name = this.dotted('block');
      this.end();
      return { t: 'node', node: { kind: 'include', name: name.join('.'), offset: this.open } };
    }
    const path = this.dotted('path');
    const formatters: FormatterCall[] = [];
    while (isPunct(this.tokens[this.i], '|')) {
      this.i++;
      formatters.push(this.formatter());
    }
    this.end();
    return {
      t: 'node',
      node: { kind: 'placeholder', path, pathText: path.join('.'), formatters, offset: this.open },
    };
  }

  private error(offset: number, de: string, en: string): never {
    return fail(this.source, offset, 'syntax_error', de, en);
  }

  private next(expected: string): TagToken {
    const t = this.tokens[this.i];
    if (t === undefined) {
      this.error(
        this.open,
        `Das Tag endet zu früh; erwartet: ${expected}`,
        `The tag ends too early; expected ${expected}`,
      );
    }
    this.i++;
    return t;
  }

  private end(): void {
    const t = this.tokens[this.i];
    if (t !== undefined) {
      this.error(t.offset, `Unerwartet im Tag: „${show(t)}“`, `Unexpected in the tag: "${show(t)}"`);
    }
  }

  /** `a.b.c`: a placeholder path or a Textbaustein name. */
  private dotted(what: 'path' | 'block'): string[] {
    const segments: string[] = [];
    for (;;) {
      const t = this.next(what === 'path' ? 'ein Pfad / a path' : 'ein Name / a name');
      if (t.kind !== 'name') {
        this.error(t.offset, `Erwartet: Name, gefunden: „${show(t)}“`, `Expected a name but found "${show(t)}"`);
      }
      if (!SEGMENT.test(t.text)) {
        this.error(
          t.offset,
          `Ungültiger Name „${t.text.slice(0, 64)}“: Namen beginnen mit einem Buchstaben und enthalten nur Buchstaben und Ziffern`,
          `Invalid name "${t.text.slice(0, 64)}": names start with a letter and contain only letters and digits`,
        );
      }
      if (t.text.length > TEMPLATE_LIMITS.maxSegmentLength) {
        fail(
          this.source,
          t.offset,
          'limit_exceeded',
          `Ein Name ist länger als ${TEMPLATE_LIMITS.maxSegmentLength} Zeichen`,
          `A name is longer than ${TEMPLATE_LIMITS.maxSegmentLength} characters`,
        );
      }
      segments.push(t.text);
      if (segments.length > TEMPLATE_LIMITS.maxPathSegments) {
        fail(
          this.source,
          t.offset,
          'limit_exceeded',
          `Ein Pfad hat mehr als ${TEMPLATE_LIMITS.maxPathSegments} Teile`,
          `A path has more than ${TEMPLATE_LIMITS.maxPathSegments} segments`,
        );
      }
      if (!isPunct(this.tokens[this.i], '.')) return segments;
      this.i++;
    }
  }

  private formatter(): FormatterCall {
    const t = this.next('ein Formatierer / a formatter');
    if (t.kind !== 'name') {
      this.error(
        t.offset,
        `Erwartet: Formatierer, gefunden: „${show(t)}“`,
        `Expected a formatter but found "${show(t)}"`,
      );
    }
    if (!isFormatterName(t.text)) {
      const known = FORMATTER_NAMES.join(', ');
      fail(
        this.source,
        t.offset,
        'unknown_formatter',
        `Unbekannter Formatierer „${t.text.slice(0, 64)}“ (bekannt: ${known})`,
        `Unknown formatter "${t.text.slice(0, 64)}" (known: ${known})`,
      );
    }
    const name = t.text;
    const hasArgs = isPunct(this.tokens[this.i], '(');
    if (name !== 'default') {
      if (hasArgs)
        this.error(this.tokens[this.i]?.offset ?? t.offset, `${name} hat kein Argument`, `${name} takes no argument`);
      return { name, offset: t.offset };
    }
    if (!hasArgs) {
      this.error(t.offset, 'default braucht einen Text: default("…")', 'default needs a text: default("…")');
    }
    this.i++;
    const arg = this.next('ein Text / a text');
    if (arg.kind !== 'string') {
      this.error(arg.offset, 'default braucht einen Text: default("…")', 'default needs a text: default("…")');
    }
    const close = this.next(')');
    if (!isPunct(close, ')')) this.error(close.offset, 'Erwartet: „)“', 'Expected ")"');
    return { name, arg: arg.value, offset: t.offset };
  }

  /** `[not]… path [op literal]` joined by `and` / `or`; `and` binds tighter. No brackets. */
  private condition(): Condition {
    const any: Comparison[][] = [[]];
    let terms = 0;
    for (;;) {
      const group = any.at(-1) as Comparison[];
      group.push(this.comparison());
      if (++terms > TEMPLATE_LIMITS.maxConditionTerms) {
        fail(
          this.source,
          this.open,
          'limit_exceeded',
          `Die Bedingung hat mehr als ${TEMPLATE_LIMITS.maxConditionTerms} Vergleiche`,
          `The condition has more than ${TEMPLATE_LIMITS.maxConditionTerms} comparisons`,
        );
      }
      const t = this.tokens[this.i];
      if (t === undefined) return { any };
      if (t.kind === 'name' && t.text === 'and') this.i++;
      else if (t.kind === 'name' && t.text === 'or') {
        this.i++;
        any.push([]);
      } else {
        this.error(
          t.offset,
          `Erwartet: and, or oder „}}“, gefunden: „${show(t)}“`,
          `Expected and, or or "}}" but found "${show(t)}"`,
        );
      }
    }
  }

  private comparison(): Comparison {
    let negated = false;
    let t = this.tokens[this.i];
    const offset = t?.offset ?? this.open;
    while (t?.kind === 'name' && t.text === 'not') {
      negated = !negated;
      t = this.tokens[++this.i];
    }
    const path = this.dotted('path');
    const op = this.tokens[this.i];
    if (op === undefined || op.kind !== 'punct' || !isCompareOp(op.text)) {
      if (isPunct(op, '=')) this.error(op.offset, 'Vergleichen Sie mit „==“', 'Compare with "=="');
      return { negated, path, pathText: path.join('.'), offset };
    }
    this.i++;
    return { negated, path, pathText: path.join('.'), compare: { op: op.text, literal: this.literal() }, offset };
  }

  private literal(): Literal {
    const t = this.next("ein Wert / a value (42, 'text', true, false)");
    if (t.kind === 'string' || t.kind === 'number') return t.value;
    if (t.kind === 'name' && (t.text === 'true' || t.text === 'false')) return t.text === 'true';
    if (isPunct(t, '-')) {
      const n = this.next('eine Zahl / a number');
      if (n.kind === 'number') return -n.value;
    }
    return this.error(
      t.offset,
      `Erwartet: Zahl, 'Text', true oder false, gefunden: „${show(t)}“`,
      `Expected a number, 'text', true or false but found "${show(t)}"`,
    );
  }
}

function isPunct(t: TagToken | undefined, text: string): t is TagToken & { kind: 'punct' } {
  return t?.kind === 'punct' && t.text === text;
}

function isFormatterName(s: string): s is FormatterName {
  return (FORMATTER_NAMES as readonly string[]).includes(s);
}

function isCompareOp(s: string): s is CompareOp {
  return (COMPARE_OPS as readonly string[]).includes(s);
}

function show(t: TagToken): string {
  const text = t.kind === 'string' ? JSON.stringify(t.value) : t.text;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
