/**
 * Limits of the rule language. Rules come from Verfahren definitions that administrators edit,
 * and values from Anträge that applicants fill in: both are bounded so that a mistake or a
 * hostile input costs a clear error, never memory, stack or time.
 */
export const RULE_LIMITS = {
  /** Characters of rule source. */
  maxSourceLength: 2000,
  /** Characters of one text literal in a rule. */
  maxStringLength: 500,
  /** Characters of one name (field or function). */
  maxIdentifierLength: 64,
  /** Tokens (names, literals, operators, brackets) of one rule. */
  maxTokens: 500,
  /** Nesting levels while parsing, and the height of the expression tree. */
  maxDepth: 32,
  /** Characters of one text value in the Antragsdaten that a rule reads. */
  maxValueLength: 100_000,
} as const;
