import { describe, expect, it } from 'vitest';
import { evaluatePruefliste } from '../../shared/domain/pruefliste/index.ts';
import { benchPruefliste, benchTemplate, syntheticAntragsdaten } from './pruefliste.ts';

describe('Prüfliste benchmark scenario', () => {
  it('uses a valid 50-item template whose rules evaluate without errors on its data', () => {
    const template = benchTemplate();
    expect(template.items).toHaveLength(50);
    const outcomes = new Set<string>();
    for (const d of syntheticAntragsdaten(500)) {
      for (const [id, r] of evaluatePruefliste(template, d, '2026-03-23')) {
        expect(`${id}: ${r.outcome}`).not.toBe(`${id}: error`);
        outcomes.add(r.outcome);
      }
    }
    expect([...outcomes].sort()).toEqual(['fail', 'pass']);
  });

  it('generates the same data for the same seed', () => {
    expect(syntheticAntragsdaten(20, 7)).toEqual(syntheticAntragsdaten(20, 7));
    expect(syntheticAntragsdaten(20, 7)).not.toEqual(syntheticAntragsdaten(20, 8));
  });

  it('reports the total and the per-Vorgang time', async () => {
    const metrics = await benchPruefliste(200);
    expect(metrics.map((m) => [m.name, m.unit])).toEqual([
      ['Prüfliste evaluation total (50 items)', 'ms'],
      ['Prüfliste evaluation per Vorgang (50 items)', 'µs'],
    ]);
    for (const m of metrics) expect(Number.isFinite(m.value) && m.value >= 0).toBe(true);
  });
});
