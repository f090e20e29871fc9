import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/domain/index.ts';
import { bulkAssign, type AssignOne } from './bulk-assign.ts';

describe('bulkAssign', () => {
  it('runs one assign per Vorgang in order and sums up what was done and what was rejected', async () => {
    const calls: { vorgangId: string; assigneeId: string | null }[] = [];
    const assign: AssignOne = async (args) => {
      calls.push(args);
      if (args.vorgangId === 'b') return { ok: false, error: new DomainError('forbidden', 'no').toJSON() };
      if (args.vorgangId === 'c') return { ok: false, error: new DomainError('not_found', 'gone').toJSON() };
      return { ok: true, value: undefined };
    };
    const progress: number[] = [];
    const result = await bulkAssign(['a', 'b', 'c', 'd'], 'u-bert', assign, (n) => progress.push(n));
    expect(calls).toEqual(['a', 'b', 'c', 'd'].map((vorgangId) => ({ vorgangId, assigneeId: 'u-bert' })));
    expect(result).toEqual({
      done: 2,
      rejected: [
        { vorgangId: 'b', code: 'forbidden' },
        { vorgangId: 'c', code: 'not_found' },
      ],
    });
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it('returns Vorgänge to the team queue (null) and goes on after a failed local write', async () => {
    const assign: AssignOne = async ({ vorgangId, assigneeId }) => {
      if (vorgangId === 'x') throw new Error('QuotaExceededError');
      expect(assigneeId).toBeNull();
      return { ok: true, value: undefined };
    };
    const result = await bulkAssign(['x', 'y'], null, assign);
    expect(result).toEqual({ done: 1, rejected: [{ vorgangId: 'x', code: 'internal' }] });
  });

  it('does nothing for an empty selection', async () => {
    const result = await bulkAssign([], 'u-bert', () => Promise.reject(new Error('must not be called')));
    expect(result).toEqual({ done: 0, rejected: [] });
  });
});
