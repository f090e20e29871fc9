import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles from 1 s up to the 30 s cap, jittered within the upper half', () => {
    const ceilings = [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000];
    ceilings.forEach((ceiling, attempt) => {
      expect(backoffDelay(attempt, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(attempt, () => 1)).toBe(ceiling);
    });
  });

  it('stays within bounds for any random draw and huge attempt numbers', () => {
    for (const r of [0, 0.25, 0.999]) {
      const d = backoffDelay(1_000, () => r);
      expect(d).toBeGreaterThanOrEqual(BACKOFF_CAP_MS / 2);
      expect(d).toBeLessThanOrEqual(BACKOFF_CAP_MS);
    }
  });
});
