import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    const a = { b: [true, null, 'x', { z: 1, y: 2 }], a: 1, c: { e: -0.5, d: 'ü' } };
    const b = { c: { d: 'ü', e: -0.5 }, a: 1, b: [true, null, 'x', { y: 2, z: 1 }] };
    expect(canonicalJson(a)).toBe('{"a":1,"b":[true,null,"x",{"y":2,"z":1}],"c":{"d":"ü","e":-0.5}}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('sorts keys by UTF-16 code units as RFC 8785 does', () => {
    const keys = ['é', 'z', 'Z', 'a', '10', '9', '\uFFFD', '😀'];
    const obj = Object.fromEntries(keys.map((k) => [k, 0]));
    expect(canonicalJson(obj)).toBe('{"10":0,"9":0,"Z":0,"a":0,"z":0,"é":0,"😀":0,"\uFFFD":0}');
  });

  it('keeps umlauts and other non-ASCII text verbatim and escapes what JSON requires', () => {
    expect(canonicalJson({ name: 'Grüße aus Köln – Straße' })).toBe('{"name":"Grüße aus Köln – Straße"}');
    expect(canonicalJson('"\\/\b\f\n\r\t\u0001\u001f\u007f\u2028')).toBe(
      '"\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\u2028"',
    );
    expect(canonicalJson('😀')).toBe('"😀"');
  });

  it('writes numbers as JSON numbers in their shortest form', () => {
    expect(canonicalJson([0, -0, 1, -1.5, 0.1, 1e21, 1.5e-7, 123456789012, 2 ** 53])).toBe(
      '[0,0,1,-1.5,0.1,1e+21,1.5e-7,123456789012,9007199254740992]',
    );
  });

  it('accepts a value that appears twice without being a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { k: 'v' }))).toBe('{"k":"v"}');
  });

  it('rejects everything JSON cannot represent exactly, naming the path but not the value', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const bad: [unknown, RegExp][] = [
      [Number.NaN, /^\$: non-finite/],
      [{ a: Number.POSITIVE_INFINITY }, /^\$\.a: non-finite/],
      [undefined, /undefined is not JSON/],
      [{ a: 1, b: undefined }, /^\$\.b: undefined/],
      [[1, undefined], /^\$\[1\]: undefined/],
      // eslint-disable-next-line no-sparse-arrays -- a hole is what is under test
      [[1, , 3], /^\$\[1\]: undefined/],
      [{ f: () => 1 }, /^\$\.f: function/],
      [Symbol('s'), /symbol is not JSON/],
      [{ [Symbol('k')]: 1 }, /symbol keys/],
      [10n, /bigint is not JSON/],
      [{ when: new Date(0) }, /^\$\.when: only plain objects/],
      [new Map(), /only plain objects/],
      [cyclic, /^\$\.self: cyclic/],
      [{ s: 'ok\uD800' }, /^\$\.s: string with a lone surrogate/],
      [{ ['\uDC00']: 1 }, /lone surrogate/],
    ];
    for (const [value, message] of bad) expect(() => canonicalJson(value), String(message)).toThrow(message);
    let message = '';
    try {
      canonicalJson({ name: 'Müller\uD800' });
    } catch (e) {
      message = e instanceof Error ? e.message : '';
    }
    expect(message).toBe('$.name: string with a lone surrogate');
  });
});
