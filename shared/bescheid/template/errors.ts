/**
 * Errors of the template language, its Textvorlagen and fee rules. Every problem is a value with
 * a stable `code`, a German and an English message, and where known the position in the
 * template. Messages name paths, Textbausteine and formatters, never values from a Vorgang, so
 * they can be logged.
 */
export const TEMPLATE_ERROR_CODES = [
  /** The template does not parse: unterminated tag, stray `{{else}}`, bad path or literal. */
  'syntax_error',
  'unknown_formatter',
  /** A size, depth or work limit of TEMPLATE_LIMITS. */
  'limit_exceeded',
  /** `{{> name }}` names no Textbaustein. */
  'unknown_block',
  'include_cycle',
  /** A placeholder or condition reads a path that is not part of the context. */
  'unknown_path',
  /** A formatter or comparison does not fit the type of its path. */
  'type_error',
  /** A placeholder had no value; blocks finalizing. */
  'unresolved_placeholder',
  /** A Textvorlage, Textbaustein or fee rule file is invalid. */
  'invalid_vorlage',
  'unknown_vorlage',
  'unknown_verfahren',
  /** The fee rule cannot compute a fee for these Antragsdaten. */
  'fee_not_computable',
] as const;
export type TemplateErrorCode = (typeof TEMPLATE_ERROR_CODES)[number];

/** 1-based line and column (in UTF-16 code units) in the template source. */
export interface TemplatePosition {
  readonly line: number;
  readonly column: number;
}

export interface TemplateError {
  readonly code: TemplateErrorCode;
  /** English, complete with where and position: for logs and API users. */
  readonly message: string;
  /** German, complete with where and position: for the clerk and template authors. */
  readonly messageDe: string;
  readonly position?: TemplatePosition;
  /** Which template: a Textbaustein id, or Vorlage and section, outermost first, joined by " > ". */
  readonly where?: string;
  /**
   * What a translated message needs beyond `code` (the client renders messages through its
   * i18n keys, `bescheid.templateError.*`, not through `messageDe`): for fee_not_computable the
   * reason and, where there is one, the Antragsdaten field.
   */
  readonly params?: TemplateErrorParams;
}

export const FEE_PROBLEMS = ['field_empty', 'no_table_row', 'rule_error', 'no_case', 'override_invalid'] as const;
export type FeeProblem = (typeof FEE_PROBLEMS)[number];

export interface TemplateErrorParams {
  readonly fee?: FeeProblem;
  readonly field?: string;
}

export interface Texts {
  readonly de: string;
  readonly en: string;
}

function positionAt(source: string, offset: number): TemplatePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), source.length);
  for (let i = source.indexOf('\n'); i !== -1 && i < end; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

export function templateError(
  code: TemplateErrorCode,
  text: Texts,
  at?: { source: string; offset: number },
  params?: TemplateErrorParams,
): TemplateError {
  if (at === undefined) return { code, message: text.en, messageDe: text.de, ...(params && { params }) };
  const position = positionAt(at.source, at.offset);
  return {
    code,
    message: `${text.en} (line ${position.line}, column ${position.column})`,
    messageDe: `${text.de} (Zeile ${position.line}, Spalte ${position.column})`,
    position,
    ...(params && { params }),
  };
}

/** The same error, located inside `where` (a Textbaustein, a Vorlage section, a file). */
export function within(where: string, e: TemplateError): TemplateError {
  return {
    ...e,
    message: `${where}: ${e.message}`,
    messageDe: `${where}: ${e.messageDe}`,
    where: e.where === undefined ? where : `${where} > ${e.where}`,
  };
}
