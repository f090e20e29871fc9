import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Rng, weighted } from './random.ts';

describe('Rng', () => {
  it('repeats the stream for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = new Rng(seed);
      return Array.from({ length: 5 }, () => r.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(0)).not.toEqual(draw(1));
  });

  it('stays within bounds and covers them', () => {
    const r = new Rng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      seen.add(r.int(3, 6));
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('produces valid, distinct version-4 UUIDs', () => {
    const r = new Rng(1);
    const ids = Array.from({ length: 5000 }, () => r.uuid());
    for (const id of ids) {
      expect(z.uuid({ version: 'v4' }).safeParse(id).success).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('picks by weight and never picks zero-weight entries', () => {
    const r = new Rng(3);
    const table = weighted([
      ['selten', 1],
      ['nie', 0],
      ['oft', 9],
    ] as const);
    const counts = { selten: 0, nie: 0, oft: 0 };
    for (let i = 0; i < 10_000; i++) counts[r.pickWeighted(table)]++;
    expect(counts.nie).toBe(0);
    expect(counts.oft / 10_000).toBeGreaterThan(0.85);
    expect(counts.oft / 10_000).toBeLessThan(0.95);
  });

  it('refuses empty lists and tables', () => {
    expect(() => new Rng(1).pick([])).toThrow(RangeError);
    expect(() => weighted([])).toThrow(RangeError);
    expect(() => weighted([['x', 0]])).toThrow(RangeError);
  });
});
