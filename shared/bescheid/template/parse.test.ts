import { describe, expect, it } from 'vitest';
import { walkNodes } from './ast.ts';
import { parseError, tpl } from './test-helpers.ts';

describe('parseTemplate: constructs', () => {
  it('parses text, placeholders with formatters, conditions and includes', () => {
    const t = tpl('Hallo {{ antrag.name | upper }}!{{#if a.b == 1}}x{{else if c}}y{{else}}z{{/if}}{{> rbb.BE }}');
    expect(t.nodes.map((n) => n.kind)).toEqual(['text', 'placeholder', 'text', 'if', 'include']);
    const placeholder = t.nodes[1];
    expect(placeholder).toMatchObject({ kind: 'placeholder', path: ['antrag', 'name'], pathText: 'antrag.name' });
    expect(placeholder?.kind === 'placeholder' && placeholder.formatters.map((f) => f.name)).toEqual(['upper']);
    const cond = t.nodes[3];
    expect(cond?.kind === 'if' && cond.branches.length).toBe(2);
    expect(cond?.kind === 'if' && cond.otherwise).toEqual([{ kind: 'text', text: 'z' }]);
    expect(t.nodes[4]).toMatchObject({ kind: 'include', name: 'rbb.BE' });
  });

  it('reads default("…") with either quote and escapes', () => {
    const t = tpl(`{{ a | default("n. \\"a.\\"") }}{{ b | default('it\\'s') }}`);
    const args = [...walkNodes(t.nodes)].flatMap((n) =>
      n.kind === 'placeholder' ? n.formatters.map((f) => f.arg) : [],
    );
    expect(args).toEqual(['n. "a."', "it's"]);
  });

  it('reads comparisons, not, and, or with literals of every type', () => {
    const t = tpl("{{#if not a == 'x' and b >= -2.5 or c != true and not not d}}y{{/if}}");
    const node = t.nodes[0];
    if (node?.kind !== 'if') throw new Error('expected if');
    const [group1, group2] = node.branches[0]?.condition.any ?? [];
    expect(group1).toMatchObject([
      { negated: true, pathText: 'a', compare: { op: '==', literal: 'x' } },
      { negated: false, pathText: 'b', compare: { op: '>=', literal: -2.5 } },
    ]);
    expect(group2).toMatchObject([
      { negated: false, pathText: 'c', compare: { op: '!=', literal: true } },
      { negated: false, pathText: 'd' },
    ]);
    expect(group2?.[1]?.compare).toBeUndefined();
  });

  it('drops comments', () => {
    expect(tpl('a{{! ein Hinweis für Autorinnen }}b').nodes).toEqual([{ kind: 'text', text: 'ab' }]);
  });

  it('removes lines that hold only a block tag, keeping paragraphs intact', () => {
    const src = 'Absatz 1\n\n{{#if x}}\nWenn x.\n{{else}}\n  Sonst.\n{{/if}}\n\nAbsatz 3';
    const t = tpl(src);
    const node = t.nodes[1];
    expect(t.nodes[0]).toEqual({ kind: 'text', text: 'Absatz 1\n\n' });
    expect(node?.kind === 'if' && node.branches[0]?.body).toEqual([{ kind: 'text', text: 'Wenn x.\n' }]);
    expect(node?.kind === 'if' && node.otherwise).toEqual([{ kind: 'text', text: '  Sonst.\n' }]);
    expect(t.nodes[2]).toEqual({ kind: 'text', text: '\nAbsatz 3' });
  });

  it('keeps inline block tags and their surrounding spaces', () => {
    const t = tpl('A {{#if x}}B{{/if}} C');
    expect(t.nodes[0]).toEqual({ kind: 'text', text: 'A ' });
    expect(t.nodes[2]).toEqual({ kind: 'text', text: ' C' });
  });

  it('accepts text with single braces and a lone closing }}', () => {
    expect(tpl('{ a } }} b').nodes).toEqual([{ kind: 'text', text: '{ a } }} b' }]);
  });
});

describe('parseTemplate: errors carry code and line:column', () => {
  it.each([
    ['{{ a', 'syntax_error', 1, 1],
    ['Zeile\n  {{#if a}}x', 'syntax_error', 2, 3],
    ['{{/if}}', 'syntax_error', 1, 1],
    ['{{else}}', 'syntax_error', 1, 1],
    ['{{#if a}}x{{else}}y{{else}}z{{/if}}', 'syntax_error', 1, 20],
    ['{{#if a}}x{{else}}y{{else if b}}z{{/if}}', 'syntax_error', 1, 20],
    ['{{ }}', 'syntax_error', 1, 1],
    ['{{ a. }}', 'syntax_error', 1, 1],
    ['{{ a | }}', 'syntax_error', 1, 1],
    ['{{ a b }}', 'syntax_error', 1, 6],
    ['{{ a | foo }}', 'unknown_formatter', 1, 8],
    ['{{ a | euro("x") }}', 'syntax_error', 1, 12],
    ['{{ a | default }}', 'syntax_error', 1, 8],
    ['{{ a | default(1) }}', 'syntax_error', 1, 16],
    ['{{#each a}}{{/each}}', 'syntax_error', 1, 4],
    ['{{#if a = 1}}x{{/if}}', 'syntax_error', 1, 9],
    ['{{#if a ==}}x{{/if}}', 'syntax_error', 1, 1],
    ['{{#if a == b}}x{{/if}}', 'syntax_error', 1, 12],
    ['{{#if a xor b}}x{{/if}}', 'syntax_error', 1, 9],
    ['{{ a | default("x) }}', 'syntax_error', 1, 16],
    ['{{ a | default("\\n") }}', 'syntax_error', 1, 17],
    ['{{! offen', 'syntax_error', 1, 1],
    ['{{ a; }}', 'syntax_error', 1, 5],
    ['{{ 1a }}', 'syntax_error', 1, 4],
    ['{{ 99999999999999999999 }}', 'syntax_error', 1, 4],
  ])('%j → %s at %i:%i', (source, code, line, column) => {
    const e = parseError(source);
    expect(e.code).toBe(code);
    expect(e.position).toEqual({ line, column });
    expect(e.message).toContain(`(line ${line}, column ${column})`);
    expect(e.messageDe).toContain(`(Zeile ${line}, Spalte ${column})`);
  });

  it('names the unclosed {{#if}}, the innermost one', () => {
    const e = parseError('{{#if a}}\n{{#if b}}\nx\n{{/if}}\n{{#if c}}');
    expect(e.position).toEqual({ line: 5, column: 1 });
    expect(e.messageDe).toMatch(/nicht mit \{\{\/if\}\} geschlossen/);
  });

  it('counts columns in UTF-16 code units after umlauts on the same line', () => {
    expect(parseError('Größe: {{ a | foo }}').position).toEqual({ line: 1, column: 15 });
  });
});
