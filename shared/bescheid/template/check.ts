import { walkNodes, type Comparison, type FormatterCall, type Template } from './ast.ts';
import type { PathInfo, ValueType } from './context.ts';
import { templateError, type TemplateError } from './errors.ts';
import { formatDatum } from './formatters.ts';

/** The static type of a path; `skip` leaves the path to another check (see checkTemplate). */
export type PathLookup = (path: string) => PathInfo | undefined | 'skip';

/** What each formatter accepts; `default` accepts anything and keeps the type. */
const FORMATTER_INPUT: Record<Exclude<FormatterCall['name'], 'default'>, ValueType> = {
  euro: 'money',
  datum: 'date',
  zahl: 'number',
  upper: 'text',
};

const TYPE_NAMES: Record<ValueType, { de: string; en: string }> = {
  text: { de: 'Text', en: 'text' },
  number: { de: 'Zahl', en: 'number' },
  money: { de: 'Geldbetrag (Cent)', en: 'amount of money (cents)' },
  date: { de: 'Datum', en: 'date' },
  boolean: { de: 'ja/nein', en: 'yes/no' },
};

/**
 * Checks a parsed template against the context before any Vorgang exists: every path known,
 * formatters fitting their input, comparisons against literals of the right type (and, for
 * select fields, one of the options), every Textbaustein present. Returns all problems found.
 */
export function checkTemplate(
  template: Template,
  lookup: PathLookup,
  hasBlock: (name: string) => boolean,
): TemplateError[] {
  const errors: TemplateError[] = [];
  const report = (offset: number, code: TemplateError['code'], de: string, en: string) =>
    errors.push(templateError(code, { de, en }, { source: template.source, offset }));
  const known = (path: string, offset: number): PathInfo | undefined => {
    const info = lookup(path);
    if (info === 'skip') return undefined;
    if (info === undefined) report(offset, 'unknown_path', `Unbekannter Pfad „${path}“`, `Unknown path "${path}"`);
    return info;
  };

  for (const node of walkNodes(template.nodes)) {
    switch (node.kind) {
      case 'placeholder': {
        const info = known(node.pathText, node.offset);
        if (info !== undefined) checkFormatters(node.pathText, info.type, node.formatters, report);
        break;
      }
      case 'if':
        for (const branch of node.branches) {
          for (const group of branch.condition.any) {
            for (const c of group) {
              const info = known(c.pathText, c.offset);
              if (info !== undefined) checkComparison(c, info, report);
            }
          }
        }
        break;
      case 'include':
        if (!hasBlock(node.name)) {
          report(
            node.offset,
            'unknown_block',
            `Unbekannter Textbaustein „${node.name}“`,
            `Unknown Textbaustein "${node.name}"`,
          );
        }
        break;
      case 'text':
        break;
    }
  }
  return errors;
}

type Report = (offset: number, code: TemplateError['code'], de: string, en: string) => void;

function checkFormatters(path: string, start: ValueType, formatters: readonly FormatterCall[], report: Report): void {
  let type = start;
  for (const f of formatters) {
    if (f.name === 'default') continue;
    const wanted = FORMATTER_INPUT[f.name];
    if (type !== wanted) {
      report(
        f.offset,
        'type_error',
        `${f.name} erwartet ${TYPE_NAMES[wanted].de}, „${path}“ ist hier ${TYPE_NAMES[type].de}`,
        `${f.name} expects a ${TYPE_NAMES[wanted].en}, "${path}" is a ${TYPE_NAMES[type].en} here`,
      );
      return;
    }
    type = 'text';
  }
  // Cents and ISO dates printed raw would be wrong in a letter.
  if (type === 'money') {
    report(
      formatters.at(-1)?.offset ?? 0,
      'type_error',
      `„${path}“ ist ein Geldbetrag in Cent: schreiben Sie {{ ${path} | euro }}`,
      `"${path}" is an amount in cents: write {{ ${path} | euro }}`,
    );
  } else if (type === 'date') {
    report(
      formatters.at(-1)?.offset ?? 0,
      'type_error',
      `„${path}“ ist ein Datum: schreiben Sie {{ ${path} | datum }}`,
      `"${path}" is a date: write {{ ${path} | datum }}`,
    );
  }
}

function checkComparison(c: Comparison, info: PathInfo, report: Report): void {
  if (c.compare === undefined) return;
  const { op, literal } = c.compare;
  const ordering = op !== '==' && op !== '!=';
  const mismatch = (expected: { de: string; en: string }) =>
    report(
      c.offset,
      'type_error',
      `„${c.pathText}“ ist ${TYPE_NAMES[info.type].de}: vergleichen Sie mit ${expected.de}`,
      `"${c.pathText}" is a ${TYPE_NAMES[info.type].en}: compare it with ${expected.en}`,
    );
  switch (info.type) {
    case 'number':
    case 'money':
      if (typeof literal !== 'number') mismatch({ de: 'einer Zahl', en: 'a number' });
      return;
    case 'boolean':
      if (typeof literal !== 'boolean' || ordering) mismatch({ de: '== true / == false', en: '== true / == false' });
      return;
    case 'date':
      if (typeof literal !== 'string' || formatDatum(literal) === undefined)
        mismatch({ de: "einem Datum 'JJJJ-MM-TT'", en: "a date 'YYYY-MM-DD'" });
      return;
    case 'text':
      if (typeof literal !== 'string' || ordering) {
        mismatch({ de: "== 'Text' oder != 'Text'", en: "== 'text' or != 'text'" });
      } else if (info.options !== undefined && !info.options.includes(literal)) {
        report(
          c.offset,
          'type_error',
          `„${literal}“ ist kein möglicher Wert von „${c.pathText}“ (möglich: ${info.options.join(', ')})`,
          `"${literal}" is not a possible value of "${c.pathText}" (possible: ${info.options.join(', ')})`,
        );
      }
      return;
  }
}
