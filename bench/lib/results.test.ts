import { describe, expect, it } from 'vitest';
import { formatTable, meetsTarget, metric } from './results.ts';

describe('metric', () => {
  it('computes the ratio to the baseline and checks it against the allowed ratio', () => {
    const target = metric('inbox p95', 4, 'ms', 10);
    expect(target).toMatchObject({ value: 4, baseline: 10, ratio: 0.4, targetRatio: 1 });
    expect(meetsTarget(target)).toBe(true);
    const sync = metric('sync', 12_000, 'ms', 7_000, { targetRatio: 1.5 });
    expect(sync.ratio).toBe(1.714);
    expect(meetsTarget(sync)).toBe(false);
  });

  it('prints one row per metric under a header', () => {
    const lines = formatTable([metric('a', 1, 'ms', 2, { extra: 'n=3' }), metric('bb', 30, 'ms', 2)]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^metric\s+value\s+unit/);
    expect(lines[2]).toMatch(/≤ 1 ok\s+n=3$/);
    expect(lines[3]).toMatch(/MISSED/);
  });
});
