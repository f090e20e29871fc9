/**
 * Errors of the rule language. Every problem — in the source, in the types, in the data — is a
 * value with a stable `code` (what a caller branches on), a `reason` (the i18n key of the exact
 * problem) with its `params`, and an English `message` for logs and API users. Messages never
 * contain Antragsdaten values, only field ids and rule source text, so logging them is safe.
 */

export const RULE_ERROR_CODES = [
  'parse_error',
  'type_error',
  'unknown_field',
  'missing_value',
  'arithmetic_error',
  'limit_exceeded',
] as const;
export type RuleErrorCode = (typeof RULE_ERROR_CODES)[number];

export type RuleErrorParams = Readonly<Record<string, string | number>>;

interface MessageDef {
  code: RuleErrorCode;
  en: string;
  de: string;
}

/** `{name}` placeholders are filled from the error's params. */
export const RULE_ERROR_MESSAGES = {
  // parse_error
  empty_rule: { code: 'parse_error', en: 'The rule is empty', de: 'Die Regel ist leer' },
  unexpected_char: {
    code: 'parse_error',
    en: 'Unexpected character "{char}"',
    de: 'Unerwartetes Zeichen „{char}“',
  },
  unterminated_string: {
    code: 'parse_error',
    en: 'The text is missing its closing quote',
    de: 'Dem Text fehlt das schließende Anführungszeichen',
  },
  invalid_escape: {
    code: 'parse_error',
    en: 'Unknown escape "\\{char}" in a text (allowed: \\\\, \\", \\\')',
    de: 'Unbekannte Maskierung „\\{char}“ in einem Text (erlaubt: \\\\, \\", \\\')',
  },
  invalid_number: {
    code: 'parse_error',
    en: 'The number {text} is not exact (whole numbers up to 9007199254740991)',
    de: 'Die Zahl {text} ist nicht exakt darstellbar (ganze Zahlen bis 9007199254740991)',
  },
  unexpected_token: {
    code: 'parse_error',
    en: 'Expected {expected} but found "{found}"',
    de: 'Erwartet: {expected}, gefunden: „{found}“',
  },
  unexpected_end: {
    code: 'parse_error',
    en: 'The rule ends too early; expected {expected}',
    de: 'Die Regel endet zu früh; erwartet: {expected}',
  },
  unknown_function: {
    code: 'parse_error',
    en: 'Unknown function "{name}"',
    de: 'Unbekannte Funktion „{name}“',
  },
  wrong_arity: {
    code: 'parse_error',
    en: '{name}() takes {expected} argument(s), not {got}',
    de: '{name}() erwartet {expected} Argument(e), nicht {got}',
  },
  presence_needs_field: {
    code: 'parse_error',
    en: '{name}() takes the name of a field',
    de: '{name}() erwartet den Namen eines Feldes',
  },
  list_outside_in: {
    code: 'parse_error',
    en: 'A list [ … ] may only follow "in"',
    de: 'Eine Liste [ … ] darf nur nach „in“ stehen',
  },
  list_literals_only: {
    code: 'parse_error',
    en: 'A list may only contain numbers, texts, true or false',
    de: 'Eine Liste darf nur Zahlen, Texte, true oder false enthalten',
  },
  mixed_list: {
    code: 'parse_error',
    en: 'All values of a list must have the same type',
    de: 'Alle Werte einer Liste müssen denselben Typ haben',
  },
  chained_comparison: {
    code: 'parse_error',
    en: 'Comparisons cannot be chained; combine them with "and"',
    de: 'Vergleiche lassen sich nicht verketten; mit „and“ verbinden',
  },

  // limit_exceeded
  source_too_long: {
    code: 'limit_exceeded',
    en: 'The rule is longer than {limit} characters',
    de: 'Die Regel ist länger als {limit} Zeichen',
  },
  string_too_long: {
    code: 'limit_exceeded',
    en: 'A text in the rule is longer than {limit} characters',
    de: 'Ein Text in der Regel ist länger als {limit} Zeichen',
  },
  identifier_too_long: {
    code: 'limit_exceeded',
    en: 'A name in the rule is longer than {limit} characters',
    de: 'Ein Name in der Regel ist länger als {limit} Zeichen',
  },
  too_many_tokens: {
    code: 'limit_exceeded',
    en: 'The rule has more than {limit} parts (names, values, operators)',
    de: 'Die Regel hat mehr als {limit} Bestandteile (Namen, Werte, Operatoren)',
  },
  too_deep: {
    code: 'limit_exceeded',
    en: 'The rule is nested deeper than {limit} levels',
    de: 'Die Regel ist tiefer als {limit} Ebenen verschachtelt',
  },
  value_too_long: {
    code: 'limit_exceeded',
    en: 'The value of field {field} is longer than {limit} characters',
    de: 'Der Wert des Feldes {field} ist länger als {limit} Zeichen',
  },

  // type_error
  operand_types: {
    code: 'type_error',
    en: '"{op}" is not defined for the types {left} and {right}',
    de: '„{op}“ ist für die Typen {left} und {right} nicht definiert',
  },
  operand_type: {
    code: 'type_error',
    en: '"{op}" needs the type {expected}, but {text} has the type {got}',
    de: '„{op}“ braucht den Typ {expected}, aber {text} hat den Typ {got}',
  },
  argument_type: {
    code: 'type_error',
    en: 'Argument {index} of {name}() must have the type {expected}, but {text} has the type {got}',
    de: 'Argument {index} von {name}() muss den Typ {expected} haben, aber {text} hat den Typ {got}',
  },
  not_an_integer: {
    code: 'type_error',
    en: 'Argument {index} of {name}() must be a whole number',
    de: 'Argument {index} von {name}() muss eine ganze Zahl sein',
  },
  not_boolean: {
    code: 'type_error',
    en: '{text} must be true or false, but has the type {got}',
    de: '{text} muss wahr oder falsch sein, hat aber den Typ {got}',
  },
  not_a_date: {
    code: 'type_error',
    en: '{text} is not a calendar date in the form YYYY-MM-DD',
    de: '{text} ist kein Kalenderdatum der Form JJJJ-MM-TT',
  },
  not_a_date_field: {
    code: 'type_error',
    en: 'Field {field} is not a date field',
    de: 'Feld {field} ist kein Datumsfeld',
  },
  date_field_as_date: {
    code: 'type_error',
    en: 'Field {field} holds a date as text; write date({field}) to compare it as a date',
    de: 'Feld {field} enthält ein Datum als Text; date({field}) schreiben, um es als Datum zu vergleichen',
  },
  unknown_option: {
    code: 'type_error',
    en: '"{value}" is not an option of field {field}',
    de: '„{value}“ ist keine Auswahlmöglichkeit des Feldes {field}',
  },
  field_value_type: {
    code: 'type_error',
    en: 'Field {field} holds a value that is not text, a finite number, true or false',
    de: 'Feld {field} enthält einen Wert, der weder Text, endliche Zahl, wahr noch falsch ist',
  },
  invalid_today: {
    code: 'type_error',
    en: 'The current date given to the rule is not a calendar date (YYYY-MM-DD)',
    de: 'Das an die Regel übergebene aktuelle Datum ist kein Kalenderdatum (JJJJ-MM-TT)',
  },

  // unknown_field, missing_value
  unknown_field: {
    code: 'unknown_field',
    en: 'The Verfahren has no field {field}',
    de: 'Das Verfahren hat kein Feld {field}',
  },
  missing_value: {
    code: 'missing_value',
    en: 'Field {field} has no value',
    de: 'Feld {field} hat keinen Wert',
  },

  // arithmetic_error
  division_by_zero: {
    code: 'arithmetic_error',
    en: 'Division by zero in {text}',
    de: 'Division durch null in {text}',
  },
  not_finite: {
    code: 'arithmetic_error',
    en: 'The result of {text} is too large',
    de: 'Das Ergebnis von {text} ist zu groß',
  },
  date_out_of_range: {
    code: 'arithmetic_error',
    en: 'The result of {text} is outside the years 0000–9999',
    de: 'Das Ergebnis von {text} liegt außerhalb der Jahre 0000–9999',
  },
} as const satisfies Record<string, MessageDef>;

export type RuleErrorReason = keyof typeof RULE_ERROR_MESSAGES;

export interface RuleError {
  readonly code: RuleErrorCode;
  readonly reason: RuleErrorReason;
  readonly params: RuleErrorParams;
  /** 0-based character offset in the rule source, where the problem is. */
  readonly position?: number;
  /** English, for logs and API users; UIs render `reason` + `params` instead (renderRuleError). */
  readonly message: string;
}

export type Lang = 'de' | 'en';

export function ruleError(reason: RuleErrorReason, params: RuleErrorParams = {}, position?: number): RuleError {
  const code = RULE_ERROR_MESSAGES[reason].code;
  const message = ruleErrorText(reason, params, position, 'en');
  return position === undefined ? { code, reason, params, message } : { code, reason, params, position, message };
}

/** The error as a sentence in the given language, with the position (1-based) where known. */
export function renderRuleError(error: RuleError, lang: Lang): string {
  return ruleErrorText(error.reason, error.params, error.position, lang);
}

/** Params holding type names (see ValueType), possibly several joined with "|". */
const TYPE_PARAMS = new Set(['left', 'right', 'expected', 'got']);
const TYPE_WORDS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  de: { number: 'Zahl', text: 'Text', boolean: 'Wahrheitswert', date: 'Datum', list: 'Liste' },
  en: { number: 'number', text: 'text', boolean: 'boolean', date: 'date', list: 'list' },
};
const OR: Readonly<Record<Lang, string>> = { de: ' oder ', en: ' or ' };
const AT: Readonly<Record<Lang, string>> = { de: 'an Stelle', en: 'at position' };

function ruleErrorText(
  reason: RuleErrorReason,
  params: RuleErrorParams,
  position: number | undefined,
  lang: Lang,
): string {
  const words = TYPE_WORDS[lang];
  const text = RULE_ERROR_MESSAGES[reason][lang].replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => {
    if (!Object.hasOwn(params, key)) return whole;
    const value = String(params[key]);
    if (!TYPE_PARAMS.has(key)) return value;
    return value
      .split('|')
      .map((t) => (Object.hasOwn(words, t) ? words[t] : t))
      .join(OR[lang]);
  });
  return position === undefined ? text : `${text} (${AT[lang]} ${position + 1})`;
}

/**
 * Thrown only inside the parser and the compiler's constant folding, and caught at their entry
 * points (parseRule, compileRule): unwinding a deep descent by hand is noise.
 */
export class RuleFailure extends Error {
  readonly error: RuleError;
  constructor(error: RuleError) {
    super(error.message);
    this.name = 'RuleFailure';
    this.error = error;
  }
}
