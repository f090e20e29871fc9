/** A value canonicalJson accepts. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Canonical JSON as in RFC 8785 (JCS), so that equal data always hashes equally: object
 * keys sorted by UTF-16 code units, no whitespace, strings escaped and numbers written as
 * JSON.stringify does. Throws TypeError for anything JSON cannot represent exactly —
 * undefined, functions, symbols, bigint, NaN/Infinity, lone surrogates, class instances
 * (Date, Map …), cycles — instead of silently dropping or converting it. Messages name
 * the path, never the value.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: non-finite number is not JSON`);
      return JSON.stringify(value);
    case 'string':
      return quote(value, path);
    case 'object':
      break;
    default:
      throw new TypeError(`${path}: ${typeof value} is not JSON`);
  }
  if (ancestors.has(value)) throw new TypeError(`${path}: cyclic reference`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) items.push(write(value[i], `${path}[${i}]`, ancestors));
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new TypeError(`${path}: only plain objects are JSON`);
    if (Object.getOwnPropertySymbols(value).length > 0) throw new TypeError(`${path}: symbol keys are not JSON`);
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${quote(key, path)}:${write(record[key], `${path}.${key}`, ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

function quote(s: string, path: string): string {
  // A lone surrogate has no UTF-8 encoding, so the hashed bytes would depend on the encoder.
  if (LONE_SURROGATE.test(s)) throw new TypeError(`${path}: string with a lone surrogate`);
  return JSON.stringify(s);
}
