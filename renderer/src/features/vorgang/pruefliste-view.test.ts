import { describe, expect, it } from 'vitest';
import {
  verfahrenDef,
  vorgangPruefliste,
  type PrueflisteState,
  type VorgangPruefliste,
} from '../../../../shared/domain/index.ts';
import {
  manualDecisionInput,
  openItemLabels,
  overrideInput,
  prueflisteReadOnlyReason,
  prueflisteRows,
} from './pruefliste-view.ts';

const text = (de: string) => ({ de, en: `${de} (en)` });
const verfahren = verfahrenDef.parse({
  id: 'test',
  version: 1,
  name: text('Test'),
  aktenplanKennzeichen: '32.10',
  fristArbeitstage: 10,
  groups: [
    {
      id: 'g',
      label: text('Gruppe'),
      fields: [{ id: 'leistung', label: text('Leistung'), type: 'number', unit: 'W' }],
    },
  ],
  pruefliste: {
    id: 'test-pruefung',
    version: 2,
    items: [
      { id: 'vollstaendig', label: text('Antrag vollständig'), kind: 'manual', required: true },
      { id: 'ortstermin', label: text('Ortstermin'), kind: 'manual', required: false },
      { id: 'grenze', label: text('Leistung höchstens 800 W'), kind: 'rule', required: true, rule: 'leistung <= 800' },
      { id: 'angabe', label: text('Leistung angegeben'), kind: 'rule', required: false, rule: 'leistung > 0' },
    ],
  },
});

function pruefliste(state: PrueflisteState, leistung: number | null): VorgangPruefliste {
  const p = vorgangPruefliste(
    verfahren,
    { prueflisteVersion: 2, pruefliste: state, antragsdaten: { leistung } },
    '2026-11-23',
  );
  if (p === undefined) throw new Error('expected a Prüfliste');
  return p;
}

const empty: PrueflisteState = { manual: {}, overrides: {} };

describe('prueflisteRows', () => {
  it('marks what blocks the decision and what is merely optional', () => {
    const p = pruefliste(empty, 900);
    const rows = prueflisteRows(p, empty);
    expect(rows.map((r) => [r.item.id, r.status])).toEqual([
      ['vollstaendig', 'missing'],
      ['ortstermin', 'pending'],
      ['grenze', 'unexplained'],
      ['angabe', 'done'],
    ]);
    expect(rows[2]?.result?.outcome).toBe('fail');
  });

  it('counts an override with reason and a decided item as done', () => {
    const state: PrueflisteState = {
      manual: { vollstaendig: { decision: 'ok' } },
      overrides: { grenze: { decision: 'ok', reason: 'Drosselung auf 800 W nachgewiesen' } },
    };
    const p = pruefliste(state, 900);
    expect(p.completeness.complete).toBe(true);
    const rows = prueflisteRows(p, state);
    expect(rows.filter((r) => r.status === 'done').map((r) => r.item.id)).toEqual(['vollstaendig', 'grenze', 'angabe']);
    expect(rows[2]?.override?.reason).toBe('Drosselung auf 800 W nachgewiesen');
  });

  it('names the open items in the UI language', () => {
    const p = pruefliste(empty, 900);
    expect(openItemLabels(p, 'de')).toEqual({
      missing: ['Antrag vollständig'],
      unexplained: ['Leistung höchstens 800 W'],
    });
    expect(openItemLabels(p, 'en').missing).toEqual(['Antrag vollständig (en)']);
  });

  it('treats a rule that cannot be evaluated as missing when required', () => {
    const p = pruefliste({ manual: { vollstaendig: { decision: 'ok' } }, overrides: {} }, null);
    const rows = prueflisteRows(p, { manual: { vollstaendig: { decision: 'ok' } }, overrides: {} });
    expect(rows.find((r) => r.item.id === 'grenze')?.status).toBe('missing');
    expect(rows.find((r) => r.item.id === 'angabe')?.status).toBe('pending');
  });
});

describe('form input', () => {
  it('needs a note for "not ok" and drops an empty note otherwise', () => {
    expect(manualDecisionInput(null, '')).toEqual({ ok: false, error: 'decision_required' });
    expect(manualDecisionInput('not_ok', '  ')).toEqual({ ok: false, error: 'note_required' });
    expect(manualDecisionInput('not_ok', ' Unterschrift fehlt ')).toEqual({
      ok: true,
      value: { decision: 'not_ok', note: 'Unterschrift fehlt' },
    });
    expect(manualDecisionInput('n_a', ' ')).toEqual({ ok: true, value: { decision: 'n_a' } });
  });

  it('needs a reason for an override', () => {
    expect(overrideInput('ok', ' ')).toEqual({ ok: false, error: 'reason_required' });
    expect(overrideInput('ok', 'geprüft')).toEqual({ ok: true, value: { decision: 'ok', reason: 'geprüft' } });
  });

  it('is read-only once frozen or for someone who may not work the Vorgang', () => {
    expect(prueflisteReadOnlyReason('in_bearbeitung', true)).toBeNull();
    expect(prueflisteReadOnlyReason('entscheidungsreif', true)).toBe('status');
    expect(prueflisteReadOnlyReason('wartet', false)).toBe('rights');
  });
});
