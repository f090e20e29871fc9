import { describe, expect, it } from 'vitest';
import { fristState, isOverdue } from './frist.ts';

describe('Frist', () => {
  it('tells days left, due today and overdue', () => {
    expect(fristState('2026-11-30', '2026-11-23')).toEqual({ kind: 'left', days: 7 });
    expect(fristState('2026-11-23', '2026-11-23')).toEqual({ kind: 'today' });
    expect(fristState('2026-11-20', '2026-11-23')).toEqual({ kind: 'overdue', days: 3 });
    expect(fristState('bald', '2026-11-23')).toBeNull();
  });

  it('marks only open work as overdue', () => {
    expect(isOverdue('2026-11-20', 'in_bearbeitung', '2026-11-23')).toBe(true);
    expect(isOverdue('2026-11-23', 'in_bearbeitung', '2026-11-23')).toBe(false);
    expect(isOverdue('2026-11-20', 'abgeschlossen', '2026-11-23')).toBe(false);
  });
});
