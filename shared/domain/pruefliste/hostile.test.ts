import { describe, expect, it } from 'vitest';
import { compileRule, evaluateRule } from './compile.ts';
import { RULE_LIMITS } from './limits.ts';
import { parseRule } from './parser.ts';
import { compileError, outcome, runError } from './test-helpers.ts';

describe('limits', () => {
  it('refuses rules longer than the source limit before tokenizing', () => {
    const long = `x = ${'1 + '.repeat(1000)}1`;
    expect(compileError(long)).toMatchObject({ code: 'limit_exceeded', reason: 'source_too_long' });
    expect(compileError(`"${'a'.repeat(10_000_000)}"`)).toMatchObject({ reason: 'source_too_long' });
  });

  it('refuses long texts and names', () => {
    const text = `x = "${'a'.repeat(RULE_LIMITS.maxStringLength + 1)}"`;
    expect(compileError(text)).toMatchObject({ code: 'limit_exceeded', reason: 'string_too_long', position: 4 });
    expect(outcome(`x = "${'a'.repeat(RULE_LIMITS.maxStringLength)}"`, { x: 'a'.repeat(500) })).toBe('pass');
    expect(compileError(`${'a'.repeat(65)} = 1`)).toMatchObject({ reason: 'identifier_too_long' });
  });

  it('refuses too many tokens', () => {
    const many = Array.from({ length: 300 }, () => 'a').join(' or ');
    expect(many.length).toBeLessThan(RULE_LIMITS.maxSourceLength);
    expect(compileError(many)).toMatchObject({ code: 'limit_exceeded', reason: 'too_many_tokens' });
    const fits = Array.from({ length: 200 }, () => 'a').join(' or ');
    expect(compileRule(fits).ok).toBe(true);
  });

  it('refuses deep nesting without overflowing the stack', () => {
    for (const [open, close] of [
      ['(', ')'],
      ['not ', ''],
      ['-', ''],
      ['abs(', ')'],
    ]) {
      const deep = `${(open as string).repeat(100)}1${(close as string).repeat(100)} = 1`;
      expect(compileError(deep)).toMatchObject({ code: 'limit_exceeded', reason: 'too_deep' });
    }
    const ok = `${'('.repeat(RULE_LIMITS.maxDepth - 1)}x${')'.repeat(RULE_LIMITS.maxDepth - 1)} = 1`;
    expect(outcome(ok, { x: 1 })).toBe('pass');
  });

  it('bounds the height of left-deep chains too', () => {
    const chain = `${Array.from({ length: 40 }, () => 'x').join(' + ')} = 40`;
    expect(compileError(chain)).toMatchObject({ code: 'limit_exceeded', reason: 'too_deep' });
    expect(outcome(`${Array.from({ length: 20 }, () => 'x').join(' + ')} = 20`, { x: 1 })).toBe('pass');
  });

  it('refuses over-long values from the Antragsdaten', () => {
    const huge = 'x'.repeat(RULE_LIMITS.maxValueLength + 1);
    expect(runError('length(bemerkung) > 0', { bemerkung: huge })).toMatchObject({
      code: 'limit_exceeded',
      reason: 'value_too_long',
      params: { field: 'bemerkung' },
    });
    // Presence does not read the value, so it still works.
    expect(outcome('present(bemerkung)', { bemerkung: huge })).toBe('pass');
  });
});

describe('prototype keys', () => {
  const keys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

  it('never find Object.prototype as field values', () => {
    for (const key of keys) {
      expect(runError(`${key} = 1`)).toMatchObject({ code: 'missing_value', params: { field: key } });
      expect(outcome(`present(${key})`)).toBe('fail');
      expect(outcome(`missing(antrag.${key})`)).toBe('pass');
    }
  });

  it('read own properties of those names, and refuse values that are objects', () => {
    const data = JSON.parse('{"__proto__": "x", "constructor": 5}') as Record<string, string | number>;
    expect(outcome('__proto__ = "x" and constructor = 5', data)).toBe('pass');
    const withObject = JSON.parse('{"__proto__": {"polluted": true}, "a": [1]}') as Record<string, string>;
    expect(runError('__proto__ = "x"', withObject)).toMatchObject({ code: 'type_error', reason: 'field_value_type' });
    expect(runError('a = 1', withObject).reason).toBe('field_value_type');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('do not pollute Object.prototype through any path', () => {
    const sources = [
      '__proto__.polluted = true',
      'antrag.__proto__.polluted = true',
      'constructor.prototype.polluted = true',
      'present(__proto__) or __proto__ = "polluted"',
      '__proto__(1)',
      'polluted in ["__proto__"]',
    ];
    for (const source of sources) {
      const c = compileRule(source);
      if (c.ok)
        evaluateRule(c.value, JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, string>, '2026-01-01');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('odd values from callers', () => {
  it('treats NaN and Infinity as wrong types and undefined as missing', () => {
    const data = { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, undef: undefined } as unknown as Record<
      string,
      number
    >;
    expect(runError('nan = 1', data).reason).toBe('field_value_type');
    expect(runError('inf > 1', data).reason).toBe('field_value_type');
    expect(runError('undef = 1', data).code).toBe('missing_value');
  });

  it('does not throw for non-object Antragsdaten or a non-text source', () => {
    const c = compileRule('missing(x)');
    expect(c.ok && evaluateRule(c.value, null as unknown as Record<string, string>, '2026-01-01').outcome).toBe('pass');
    expect(parseRule(42 as unknown as string)).toMatchObject({ ok: false, error: { reason: 'empty_rule' } });
  });
});

describe('fuzzing', () => {
  /** Deterministic xorshift, so a failure can be reproduced. */
  function rng(seed: number) {
    let s = seed;
    return () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4294967296;
    };
  }
  const PIECES = [
    'x',
    'y',
    'today',
    '1',
    '-2.5',
    '"a"',
    "'2026-01-01'",
    'true',
    'false',
    '(',
    ')',
    '[',
    ']',
    ',',
    '.',
    '=',
    '!=',
    '<',
    '<=',
    '>',
    '>=',
    '+',
    '-',
    '*',
    '/',
    'and',
    'or',
    'not',
    'in',
    'between',
    'date(',
    'days_between(',
    'age_years(',
    'present(',
    'missing(',
    'length(',
    'euro(',
    'iban_valid(',
    'antrag.',
    '__proto__',
    '"',
    '\\',
    '@',
    'ä',
  ];

  it('never throws on random token soup, and every failure is a coded error', () => {
    const random = rng(12345);
    const data = { x: 3, y: '2026-02-01' };
    const codes = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const length = 1 + Math.floor(random() * 12);
      let source = '';
      for (let j = 0; j < length; j++) source += `${PIECES[Math.floor(random() * PIECES.length)]} `;
      const c = compileRule(source);
      if (!c.ok) {
        codes.add(c.error.code);
        expect(typeof c.error.message).toBe('string');
        continue;
      }
      const r = evaluateRule(c.value, data, '2026-03-15');
      expect(['pass', 'fail', 'error']).toContain(r.outcome);
      if (r.explanation.kind === 'error') codes.add(r.explanation.error.code);
    }
    expect(codes).toContain('parse_error');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
