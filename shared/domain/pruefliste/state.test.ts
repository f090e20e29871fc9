import { describe, expect, it } from 'vitest';
import type { RuleResult } from './explanation.ts';
import {
  emptyPrueflisteState,
  prueflisteCompleteness,
  prueflisteState,
  ruleOverride,
  type PrueflisteState,
} from './state.ts';
import type { PrueflisteTemplate } from './template.ts';

const label = { de: 'Prüfung', en: 'Check' };
const TEMPLATE: PrueflisteTemplate = {
  id: 'test-pruefung',
  version: 1,
  items: [
    { id: 'identitaet', label, kind: 'manual', required: true },
    { id: 'foto', label, kind: 'manual', required: false },
    { id: 'grenze', label, kind: 'rule', required: true, rule: 'x <= 800' },
    { id: 'hinweis', label, kind: 'rule', required: false, rule: 'x > 1' },
  ],
};

const result = (outcome: RuleResult['outcome']): RuleResult =>
  outcome === 'error'
    ? {
        outcome,
        explanation: {
          kind: 'error',
          error: {
            code: 'missing_value',
            reason: 'missing_value',
            params: { field: 'x' },
            message: 'Field x has no value',
          },
        },
      }
    : {
        outcome,
        explanation: {
          kind: 'value',
          holds: outcome === 'pass',
          operand: { kind: 'literal', text: 'x', type: 'boolean', value: outcome === 'pass' },
        },
      };

const results = (grenze: RuleResult['outcome'], hinweis: RuleResult['outcome']) =>
  new Map([
    ['grenze', result(grenze)],
    ['hinweis', result(hinweis)],
  ]);

const state = (s: Partial<PrueflisteState>): PrueflisteState => ({ ...emptyPrueflisteState(), ...s });

describe('prueflisteCompleteness', () => {
  it('is complete when required items are decided and rules pass', () => {
    const s = state({ manual: { identitaet: { decision: 'ok' } } });
    expect(prueflisteCompleteness(TEMPLATE, s, results('pass', 'pass'))).toEqual({
      complete: true,
      missing: [],
      unexplainedFailures: [],
    });
  });

  it('lists undecided required items, not optional ones', () => {
    expect(prueflisteCompleteness(TEMPLATE, emptyPrueflisteState(), results('pass', 'pass'))).toEqual({
      complete: false,
      missing: ['identitaet'],
      unexplainedFailures: [],
    });
  });

  it('counts "not applicable" as a decision that needs no note', () => {
    const s = state({ manual: { identitaet: { decision: 'n_a' } } });
    expect(prueflisteCompleteness(TEMPLATE, s, results('pass', 'pass')).complete).toBe(true);
  });

  it('needs a note for a manual not_ok, also on optional items', () => {
    const s = state({ manual: { identitaet: { decision: 'not_ok' }, foto: { decision: 'not_ok', note: '   ' } } });
    expect(prueflisteCompleteness(TEMPLATE, s, results('pass', 'pass'))).toEqual({
      complete: false,
      missing: [],
      unexplainedFailures: ['identitaet', 'foto'],
    });
    const explained = state({
      manual: {
        identitaet: { decision: 'not_ok', note: 'Ausweis abgelaufen' },
        foto: { decision: 'not_ok', note: 'fehlt' },
      },
    });
    expect(prueflisteCompleteness(TEMPLATE, explained, results('pass', 'pass')).complete).toBe(true);
  });

  it('needs an override for a failed rule, required or not', () => {
    const s = state({ manual: { identitaet: { decision: 'ok' } } });
    expect(prueflisteCompleteness(TEMPLATE, s, results('fail', 'fail'))).toEqual({
      complete: false,
      missing: [],
      unexplainedFailures: ['grenze', 'hinweis'],
    });
    const overridden = state({
      manual: { identitaet: { decision: 'ok' } },
      overrides: {
        grenze: { decision: 'ok', reason: 'Wechselrichter auf 800 W gedrosselt' },
        hinweis: { decision: 'not_ok', reason: 'Angabe unplausibel, Nachforderung läuft' },
      },
    });
    expect(prueflisteCompleteness(TEMPLATE, overridden, results('fail', 'fail')).complete).toBe(true);
  });

  it('treats a rule in error as undecided until overridden', () => {
    const s = state({ manual: { identitaet: { decision: 'ok' } } });
    expect(prueflisteCompleteness(TEMPLATE, s, results('error', 'error'))).toEqual({
      complete: false,
      missing: ['grenze'],
      unexplainedFailures: [],
    });
    expect(prueflisteCompleteness(TEMPLATE, s, new Map()).missing).toEqual(['grenze']);
    const overridden = state({ ...s, overrides: { grenze: { decision: 'n_a', reason: 'Keine Angabe nötig' } } });
    expect(prueflisteCompleteness(TEMPLATE, overridden, results('error', 'error')).complete).toBe(true);
  });

  it('ignores overrides without a reason and decisions of the wrong kind or for unknown items', () => {
    const s = {
      manual: { identitaet: { decision: 'ok' }, grenze: { decision: 'ok' }, alt: { decision: 'ok' } },
      overrides: { grenze: { decision: 'ok', reason: ' ' }, identitaet: { decision: 'ok', reason: 'x' } },
    } as PrueflisteState;
    expect(prueflisteCompleteness(TEMPLATE, s, results('fail', 'pass'))).toEqual({
      complete: false,
      missing: [],
      unexplainedFailures: ['grenze'],
    });
  });

  it('never finds decisions on Object.prototype', () => {
    const t: PrueflisteTemplate = {
      ...TEMPLATE,
      items: [{ id: 'constructor', label, kind: 'manual', required: true }],
    };
    expect(prueflisteCompleteness(t, emptyPrueflisteState(), new Map()).missing).toEqual(['constructor']);
  });
});

describe('prueflisteState', () => {
  it('parses decisions and overrides', () => {
    const s = {
      manual: { identitaet: { decision: 'not_ok', note: 'abgelaufen' } },
      overrides: { grenze: { decision: 'ok', reason: 'gedrosselt' } },
    };
    expect(prueflisteState.parse(s)).toEqual(s);
  });

  it('refuses overrides without a reason, unknown decisions and bad item ids', () => {
    expect(ruleOverride.safeParse({ decision: 'ok', reason: '  ' }).success).toBe(false);
    expect(ruleOverride.safeParse({ decision: 'ok' }).success).toBe(false);
    expect(prueflisteState.safeParse({ manual: { a: { decision: 'vielleicht' } }, overrides: {} }).success).toBe(false);
    expect(prueflisteState.safeParse({ manual: { Gross: { decision: 'ok' } }, overrides: {} }).success).toBe(false);
    // zod drops a "__proto__" key rather than setting the prototype.
    const hostile = prueflisteState.parse(JSON.parse('{"manual": {"__proto__": {"decision": "ok"}}, "overrides": {}}'));
    expect(Object.keys(hostile.manual)).toEqual([]);
    expect(Object.getPrototypeOf(hostile.manual)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).decision).toBeUndefined();
  });
});
