/**
 * Limits of the template language. Textvorlagen are data that administrators edit and the
 * values come from Anträge: every limit turns a mistake or a hostile input into a clear error,
 * never into a hang, a stack overflow or unbounded memory.
 */
export const TEMPLATE_LIMITS = {
  /** Characters of one template source. */
  maxSourceLength: 50_000,
  /** Characters of one rendering (a template with its included Textbausteine). */
  maxOutputLength: 100_000,
  /** `{{#if}}` blocks inside each other. */
  maxNestingDepth: 10,
  /** Textbausteine including Textbausteine: a template's include is level 1. */
  maxIncludeDepth: 3,
  /** Segments of a placeholder path (`antrag.kennzeichen` has 2). */
  maxPathSegments: 6,
  /** Characters of one path segment or Textbaustein name segment. */
  maxSegmentLength: 64,
  /** Characters of one text literal (`default("…")`, `== '…'`). */
  maxLiteralLength: 500,
  /** Comparisons joined with `and` / `or` in one condition. */
  maxConditionTerms: 32,
  /**
   * Nodes visited while rendering. Includes multiply work without necessarily producing
   * output (a block of 10,000 false conditions included 10,000 times), so the output limit
   * alone would not bound the time.
   */
  maxRenderSteps: 200_000,
} as const;
