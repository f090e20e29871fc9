/**
 * Text that cannot be stored as it was sent: NUL (PostgreSQL text and jsonb refuse it) and lone
 * UTF-16 surrogates (not Unicode; jsonb refuses them, and they would not survive a round trip).
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const NUL = String.fromCharCode(0);

export function isStorableText(text: string): boolean {
  return !text.includes(NUL) && !LONE_SURROGATE.test(text);
}

/** The text with every unstorable character replaced by U+FFFD, for records of bad input. */
export function storableText(text: string): string {
  return text.replaceAll(NUL, '\ufffd').replace(LONE_SURROGATES, '\ufffd');
}

/**
 * The JSON path of the first string (key or value) in `value` that is not storable text, or
 * null when every string is. Depth-limited: input that nests deeper than any contract is refused.
 */
export function unstorableTextAt(value: unknown, path = '$', depth = 0): string | null {
  if (depth > 32) return path;
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableTextAt(item, `${path}[${i}]`, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return `${path}.${storableText(key)}`;
      const found = unstorableTextAt(item, `${path}.${key}`, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Years PostgreSQL's timestamptz and JavaScript's Date both hold, in UTC. */
export function isStorableInstant(iso: string): boolean {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return false;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1 && year <= 9999;
}
