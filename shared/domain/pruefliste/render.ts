import type { FieldDef } from '../verfahren.ts';
import type { CompareOp } from './ast.ts';
import { renderRuleError, type Lang } from './errors.ts';
import type { Explanation, Operand } from './explanation.ts';

export interface RenderOptions {
  /** Fields of the Verfahren: labels instead of field ids, units, money fields as amounts. */
  readonly fields?: readonly FieldDef[];
}

interface Words {
  and: string;
  yes: string;
  no: string;
  limit: string;
  between: string;
  notBetween: string;
  oneOf: string;
  noneOf: string;
  given: string;
  missing: string;
  quote: (s: string) => string;
  date: (iso: string) => string;
}

const WORDS: Readonly<Record<Lang, Words>> = {
  de: {
    and: ' und ',
    yes: 'ja',
    no: 'nein',
    limit: 'Grenze',
    between: 'liegt zwischen',
    notBetween: 'liegt nicht zwischen',
    oneOf: 'ist einer der Werte',
    noneOf: 'ist keiner der Werte',
    given: 'ist angegeben',
    missing: 'fehlt',
    quote: (s) => `„${s}“`,
    date: (iso) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`,
  },
  en: {
    and: ' and ',
    yes: 'yes',
    no: 'no',
    limit: 'limit',
    between: 'is between',
    notBetween: 'is not between',
    oneOf: 'is one of',
    noneOf: 'is none of',
    given: 'is given',
    missing: 'is missing',
    quote: (s) => `“${s}”`,
    date: (iso) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`,
  },
};

const SYMBOL: Readonly<Record<CompareOp, string>> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };
const OPPOSITE: Readonly<Record<CompareOp, CompareOp>> = {
  '=': '!=',
  '!=': '=',
  '<': '>=',
  '<=': '>',
  '>': '<=',
  '>=': '<',
};
/** The operator seen from the other side: `5 < x` is `x > 5`. */
const MIRRORED: Readonly<Record<CompareOp, CompareOp>> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};
const LOCALES: Readonly<Record<Lang, string>> = { de: 'de-DE', en: 'en-GB' };
const MAX_SHOWN_TEXT = 80;

/**
 * The explanation as one sentence of facts, e.g. `Modulleistung gesamt = 600 Wp ≤ 800 (Grenze)`
 * or, for a failed rule, `Wechselrichterleistung = 900 W > 800 (Grenze)`.
 */
export function renderExplanation(explanation: Explanation, lang: Lang, options: RenderOptions = {}): string {
  return explanationFacts(explanation, lang, options).join(WORDS[lang].and);
}

/** The facts of an explanation one by one, for a UI that lists them. */
export function explanationFacts(explanation: Explanation, lang: Lang, options: RenderOptions = {}): string[] {
  const facts: string[] = [];
  new Renderer(lang, options).collect(explanation, facts);
  return facts;
}

class Renderer {
  private readonly lang: Lang;
  private readonly w: Words;
  private readonly fields: ReadonlyMap<string, FieldDef>;

  constructor(lang: Lang, options: RenderOptions) {
    this.lang = lang;
    this.w = WORDS[lang];
    this.fields = new Map((options.fields ?? []).map((f) => [f.id, f]));
  }

  collect(e: Explanation, facts: string[]): void {
    switch (e.kind) {
      case 'all':
      case 'any':
        for (const part of e.parts) this.collect(part, facts);
        return;
      case 'not':
        this.collect(e.inner, facts);
        return;
      case 'error':
        facts.push(renderRuleError(e.error, this.lang));
        return;
      case 'comparison':
        facts.push(this.comparison(e));
        return;
      case 'between': {
        const money = this.isMoney(e.value) || this.isMoney(e.low) || this.isMoney(e.high);
        const inRange = e.holds !== e.negated;
        facts.push(
          `${this.subject(e.value, money)} ${inRange ? this.w.between : this.w.notBetween} ${this.bound(e.low, money)}${this.w.and}${this.bound(e.high, money)}`,
        );
        return;
      }
      case 'membership': {
        const money = this.isMoney(e.value);
        const isMember = e.holds !== e.negated;
        const list = e.list
          .map((v) =>
            this.format(v, typeof v === 'number' ? 'number' : typeof v === 'string' ? 'text' : 'boolean', money),
          )
          .join(', ');
        facts.push(`${this.subject(e.value, money)} ${isMember ? this.w.oneOf : this.w.noneOf} ${list}`);
        return;
      }
      case 'presence':
        facts.push(`${this.fieldName(e.field)} ${e.present ? this.w.given : this.w.missing}`);
        return;
      case 'value':
        facts.push(e.operand.kind === 'literal' ? this.value(e.operand, false) : this.subject(e.operand, false));
        return;
    }
  }

  private comparison(e: Extract<Explanation, { kind: 'comparison' }>): string {
    const money = this.isMoney(e.left) || this.isMoney(e.right);
    // State what is true: a failed `x <= 800` reads `x = 900 > 800`.
    let op = e.holds ? e.op : OPPOSITE[e.op];
    let left = e.left;
    let right = e.right;
    if (left.kind === 'literal' && right.kind !== 'literal') {
      [left, right] = [right, left];
      op = MIRRORED[op];
    }
    if (left.kind === 'literal' || right.kind === 'literal') {
      // `x = „a“ = „a“` or `speicher = nein ≠ ja` would say the same twice.
      if (right.kind === 'literal' && left.kind !== 'literal' && (op === '=' || right.type === 'boolean')) {
        return this.subject(left, money);
      }
      const limit = op === '=' || op === '!=' ? '' : ` (${this.w.limit})`;
      const shownLeft = left.kind === 'literal' ? this.value(left, money) : this.subject(left, money);
      return `${shownLeft} ${SYMBOL[op]} ${this.value(right, money)}${limit}`;
    }
    return `${this.bound(left, money)} ${SYMBOL[op]} ${this.bound(right, money)}`;
  }

  /** `name = value`, for the operand a fact is about. */
  private subject(o: Operand, money: boolean): string {
    if (o.kind === 'literal') return this.value(o, money);
    return `${this.name(o)} = ${this.value(o, money)}`;
  }

  /** `value` for literals, `name (value)` otherwise. */
  private bound(o: Operand, money: boolean): string {
    if (o.kind === 'literal') return this.value(o, money);
    return `${this.name(o)} (${this.value(o, money)})`;
  }

  private name(o: Operand): string {
    return o.field !== undefined ? this.fieldName(o.field) : o.text;
  }

  private fieldName(id: string): string {
    return this.fields.get(id)?.label[this.lang] ?? id;
  }

  private isMoney(o: Operand): boolean {
    return o.money === true || (o.field !== undefined && this.fields.get(o.field)?.type === 'money');
  }

  private value(o: Operand, money: boolean): string {
    const shown = this.format(o.value, o.type, money);
    const unit = o.field !== undefined && !money && o.type === 'number' ? this.fields.get(o.field)?.unit : undefined;
    return unit === undefined ? shown : `${shown} ${unit}`;
  }

  private format(v: number | string | boolean, type: Operand['type'], money: boolean): string {
    switch (type) {
      case 'boolean':
        return v === true ? this.w.yes : this.w.no;
      case 'date':
        return this.w.date(String(v));
      case 'text': {
        const s = String(v);
        return this.w.quote(s.length > MAX_SHOWN_TEXT ? `${s.slice(0, MAX_SHOWN_TEXT)}…` : s);
      }
      case 'number':
        return money
          ? formatter(this.lang, 'money').format(Number(v) / 100)
          : formatter(this.lang, 'number').format(Number(v));
    }
  }
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Numbers without grouping, so a year reads 2026, not 2.026. */
function formatter(lang: Lang, kind: 'money' | 'number'): Intl.NumberFormat {
  const key = `${lang}:${kind}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f =
      kind === 'money'
        ? new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR' })
        : new Intl.NumberFormat(LOCALES[lang], { useGrouping: false, maximumFractionDigits: 6 });
    formatters.set(key, f);
  }
  return f;
}
