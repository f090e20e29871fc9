import { describe, expect, it } from 'vitest';
import { VORGANG_STATUSES, allowedNextStatuses, canTransition, manualNextStatuses } from './status.ts';

describe('Vorgang status machine', () => {
  it('follows the documented main path', () => {
    const path = [
      'eingegangen',
      'in_bearbeitung',
      'entscheidungsreif',
      'zur_freigabe',
      'freigegeben',
      'bescheid_erstellt',
      'versandt',
      'abgeschlossen',
    ] as const;
    path.slice(1).forEach((to, i) => expect(canTransition(path[i] ?? 'abgeschlossen', to)).toBe(true));
  });

  it('forbids skipping steps and leaving abgeschlossen', () => {
    expect(canTransition('eingegangen', 'versandt')).toBe(false);
    expect(canTransition('in_bearbeitung', 'freigegeben')).toBe(false);
    expect(allowedNextStatuses('abgeschlossen')).toEqual([]);
  });

  it('keeps 4-eyes, sealing and dispatch steps out of the generic status change', () => {
    expect(manualNextStatuses('zur_freigabe')).toEqual([]);
    expect(manualNextStatuses('freigegeben')).toEqual([]);
    expect(manualNextStatuses('bescheid_erstellt')).toEqual([]);
    expect(manualNextStatuses('versandt')).toEqual(['abgeschlossen']);
    expect(manualNextStatuses('entscheidungsreif')).toContain('zur_freigabe');
  });

  it('only names known statuses as targets', () => {
    for (const s of VORGANG_STATUSES) {
      for (const t of allowedNextStatuses(s)) expect(VORGANG_STATUSES).toContain(t);
    }
  });
});
