import { describe, expect, it } from 'vitest';
import { rowFlags } from './row-flags.ts';

const base = {
  status: 'in_bearbeitung' as const,
  frist: '2026-12-01',
  assigneeId: 'u-bert',
  wiedervorlage: null,
  nachforderung: null,
};
const none = new Set<string>();

describe('rowFlags', () => {
  it('flags a Wiedervorlage from its date on, for open work only', () => {
    const v = { ...base, wiedervorlage: { date: '2026-11-25' } };
    expect(rowFlags(v, '2026-11-24', none).wiedervorlageDue).toBe(false);
    expect(rowFlags(v, '2026-11-25', none).wiedervorlageDue).toBe(true);
    expect(rowFlags(v, '2026-11-30', none).wiedervorlageDue).toBe(true);
    expect(rowFlags({ ...v, status: 'abgeschlossen' }, '2026-11-30', none).wiedervorlageDue).toBe(false);
  });

  it('flags a Nachforderung whose Frist has ended while the Vorgang still waits', () => {
    const nachforderung = { frist: '2026-12-10', requestedAt: '2026-11-20T09:00:00.000Z', text: 'Nachweis' };
    const waiting = { ...base, status: 'wartet' as const, nachforderung };
    expect(rowFlags(waiting, '2026-12-10', none).nachforderungExpired).toBe(false);
    expect(rowFlags(waiting, '2026-12-11', none).nachforderungExpired).toBe(true);
    expect(rowFlags({ ...waiting, status: 'in_bearbeitung' }, '2026-12-11', none).nachforderungExpired).toBe(false);
  });

  it('counts the days an open Frist is overdue', () => {
    expect(rowFlags(base, '2026-12-01', none).overdueDays).toBeNull();
    expect(rowFlags(base, '2026-12-02', none).overdueDays).toBe(1);
    expect(rowFlags(base, '2027-01-01', none).overdueDays).toBe(31);
    expect(rowFlags({ ...base, status: 'versandt' }, '2027-01-01', none).overdueDays).toBeNull();
  });

  it('names the absent colleague the user stands in for', () => {
    expect(rowFlags(base, '2026-11-23', new Set(['u-bert'])).deputyFor).toBe('u-bert');
    expect(rowFlags(base, '2026-11-23', new Set(['u-carla'])).deputyFor).toBeNull();
    expect(rowFlags({ ...base, assigneeId: null }, '2026-11-23', new Set(['u-bert'])).deputyFor).toBeNull();
  });
});
