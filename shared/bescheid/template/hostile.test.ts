import { describe, expect, it } from 'vitest';
import { TEMPLATE_LIMITS } from './limits.ts';
import { parseTemplate } from './parse.ts';
import { renderTemplate, type ContextObject } from './render.ts';
import { parseError, tpl } from './test-helpers.ts';

describe('prototype access', () => {
  it.each([
    '{{ __proto__.x }}',
    '{{ a.__proto__ }}',
    '{{#if __proto__}}x{{/if}}',
    '{{> __proto__ }}',
    '{{ _x }}',
    '{{ $x }}',
  ])('%s is a syntax error', (source) => {
    const e = parseError(source);
    expect(e.code).toBe('syntax_error');
    expect(e.message).toMatch(/Invalid name/);
  });

  it('constructor, prototype and friends resolve to nothing', () => {
    const context: ContextObject = { a: { b: 'x' } };
    const r = renderTemplate(
      tpl('{{ constructor }}{{ constructor.name }}{{ a.constructor.prototype }}{{ a.b.length }}{{ toString }}'),
      context,
    );
    expect(r.ok && r.value.unresolved).toEqual([
      'constructor',
      'constructor.name',
      'a.constructor.prototype',
      'a.b.length',
      'toString',
    ]);
    const cond = renderTemplate(tpl("{{#if constructor}}A{{/if}}{{#if a.constructor != 'x'}}B{{/if}}"), context);
    expect(cond.ok && cond.value.text).toBe('B');
  });

  it('rendering changes nothing outside its result', () => {
    const source = '{{ constructor.prototype.polluted | default("x") }}{{> constructor }}';
    renderTemplate(tpl(source), {});
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('size and depth limits', () => {
  it('refuses a source over the limit before reading it', () => {
    const e = parseError('a'.repeat(TEMPLATE_LIMITS.maxSourceLength + 1));
    expect(e.code).toBe('limit_exceeded');
    expect(e.message).toContain('50000');
    expect(parseError(`{{#if a}}${'x'.repeat(10_000_000)}`).code).toBe('limit_exceeded');
    expect(parseTemplate('a'.repeat(TEMPLATE_LIMITS.maxSourceLength)).ok).toBe(true);
  });

  it('refuses {{#if}} nested 1000 deep without using the call stack', () => {
    const deep = `${'{{#if a}}'.repeat(1000)}x${'{{/if}}'.repeat(1000)}`;
    const e = parseError(deep);
    expect(e.code).toBe('limit_exceeded');
    expect(e.position).toEqual({ line: 1, column: 9 * TEMPLATE_LIMITS.maxNestingDepth + 1 });
  });

  it('refuses 1000 unclosed {{#if}} and 1000 stray {{/if}} with syntax or limit errors', () => {
    expect(parseError('{{#if a}}x{{/if}}'.repeat(1000) + '{{#if a}}').code).toBe('syntax_error');
    expect(parseError('{{/if}}'.repeat(1000)).code).toBe('syntax_error');
  });

  it('refuses over-long literals, paths and conditions', () => {
    expect(parseError(`{{ a | default("${'x'.repeat(501)}") }}`).code).toBe('limit_exceeded');
    expect(parseError(`{{ ${'a'.repeat(65)} }}`).code).toBe('limit_exceeded');
    expect(parseError(`{{ ${Array.from({ length: 7 }, () => 'a').join('.')} }}`).code).toBe('limit_exceeded');
    const terms = Array.from({ length: 33 }, () => 'a').join(' and ');
    expect(parseError(`{{#if ${terms}}}x{{/if}}`).code).toBe('limit_exceeded');
  });

  it('stops output beyond the limit', () => {
    const blocks = new Map([['gross', tpl('x'.repeat(1000))]]);
    const r = renderTemplate(tpl('{{> gross }}'.repeat(200)), {}, blocks);
    expect(!r.ok && r.error.code).toBe('limit_exceeded');
    expect(!r.ok && r.error.messageDe).toContain('100000');
    const value = renderTemplate(tpl('{{ v }}'), { v: 'y'.repeat(TEMPLATE_LIMITS.maxOutputLength + 1) });
    expect(!value.ok && value.error.code).toBe('limit_exceeded');
  });

  it('bounds work that produces no output (includes multiplying empty conditions)', () => {
    const blocks = new Map([
      ['c', tpl('{{#if nie}}x{{/if}}'.repeat(2500))],
      ['b', tpl('{{> c }}'.repeat(5000))],
    ]);
    const r = renderTemplate(tpl('{{> b }}'.repeat(5000)), {}, blocks);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('limit_exceeded');
    expect(!r.ok && r.error.message).toMatch(/steps/);
  });
});

describe('malformed input never throws', () => {
  it.each([
    '{{',
    '}}{{',
    '{{{{{{',
    '{{#',
    '{{#if',
    '{{#if }}',
    '{{/',
    '{{>',
    '{{> }}',
    '{{ a |',
    '{{ a | default(',
    "{{ a | default('x'",
    '{{!',
    '{{ "',
    '\u0000{{\u0000}}',
    '{{ a \u2028 }}',
    '{{ 😀 }}',
  ])('%j gives an error value', (source) => {
    const r = parseTemplate(source);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message.length).toBeGreaterThan(0);
  });

  it('refuses input that is not text', () => {
    for (const bad of [undefined, null, 42, {}, ['{{ a }}']]) {
      const r = parseTemplate(bad as string);
      expect(!r.ok && r.error.code).toBe('syntax_error');
    }
  });

  it('survives random token soup (seeded)', () => {
    const pieces = [
      '{{',
      '}}',
      '#if ',
      '/if',
      'else',
      ' if ',
      '> ',
      'a',
      '.',
      'b',
      ' | ',
      'euro',
      'default("x")',
      '==',
      "'s'",
      '1',
      'not ',
      ' and ',
      ' or ',
      '!',
      '\n',
      ' ',
      'Text',
      '"',
      "'",
      '(',
      ')',
      '{',
      '}',
    ];
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      const length = next() % 40;
      let source = '';
      for (let j = 0; j < length; j++) source += pieces[next() % pieces.length] ?? '';
      const r = parseTemplate(source);
      if (r.ok) {
        parsed++;
        const out = renderTemplate(r.value, { a: { b: 1 } }, new Map([['a', tpl('x')]]));
        expect(typeof out.ok).toBe('boolean');
      } else {
        expect(r.error.position?.line).toBeGreaterThanOrEqual(1);
      }
    }
    // Both outcomes occur, so the soup exercises parser and renderer.
    expect(parsed).toBeGreaterThan(100);
    expect(parsed).toBeLessThan(3000);
  });
});

describe('pathological whitespace', () => {
  it('parses long runs of spaces around block tags in linear time', () => {
    const spaces = ' '.repeat(24_000);
    const r = parseTemplate(`${spaces}x\n${spaces.slice(0, 1000)}{{#if a}}\ny\n{{/if}}`);
    expect(r.ok).toBe(true);
    const out = r.ok ? renderTemplate(r.value, { a: true }) : undefined;
    expect(out?.ok && out.value.text).toBe(`${spaces}x\ny\n`);
  });
});
