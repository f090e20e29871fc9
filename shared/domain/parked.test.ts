import { describe, expect, it } from 'vitest';
import { dayNumberToIsoDate, isoDateToDayNumber, isWiedervorlageDue } from './fristen.ts';
import {
  parkedByNachforderung,
  parkedByWiedervorlage,
  parkedReason,
  parkedReasonOf,
  parkingNachforderungFrist,
} from './parked.ts';

describe('parkedReason', () => {
  const wv = { date: '2026-03-10', note: 'Unterlagen nachgefordert' };

  it('parks a Vorgang until its Wiedervorlage date, then brings it back flagged', () => {
    expect(parkedReason(wv.date, '', '2026-03-02')).toBe('wiedervorlage');
    expect(isWiedervorlageDue(wv, '2026-03-02')).toBe(false);
    expect(parkedReason(wv.date, '', '2026-03-09')).toBe('wiedervorlage');
    expect(parkedReason(wv.date, '', '2026-03-10')).toBeNull();
    expect(isWiedervorlageDue(wv, '2026-03-10')).toBe(true);
    expect(parkedReason(wv.date, '', '2026-04-01')).toBeNull();
  });

  it('is exactly one of parked or due on every day', () => {
    for (let day = isoDateToDayNumber('2026-02-01'); day <= isoDateToDayNumber('2026-04-30'); day++) {
      const today = dayNumberToIsoDate(day);
      expect(parkedReason(wv.date, '', today) === 'wiedervorlage').not.toBe(isWiedervorlageDue(wv, today));
    }
  });

  it('parks a waiting Vorgang through the whole Frist day of its Nachforderung', () => {
    expect(parkedReason('', '2026-03-10', '2026-03-10')).toBe('nachforderung');
    expect(parkedReason('', '2026-03-10', '2026-03-11')).toBeNull();
    expect(parkedReason('2026-03-12', '2026-03-10', '2026-03-10')).toBe('wiedervorlage');
    expect(parkedReason('', '', '2026-03-10')).toBeNull();
    expect(parkedByNachforderung('2026-03-10', '2026-03-10')).toBe(true);
    expect(parkedByWiedervorlage('2026-03-10', '2026-03-10')).toBe(false);
    expect(parkedByWiedervorlage('', '2026-03-10')).toBe(false);
  });

  it('counts a Nachforderung only while the Vorgang waits', () => {
    const nachforderung = { frist: '2026-03-10', requestedAt: '2026-03-01T08:00:00.000Z', text: 'Lageplan' };
    expect(parkedReasonOf({ status: 'wartet', wiedervorlage: null, nachforderung }, '2026-03-05')).toBe(
      'nachforderung',
    );
    expect(parkedReasonOf({ status: 'in_bearbeitung', wiedervorlage: null, nachforderung }, '2026-03-05')).toBeNull();
    expect(parkingNachforderungFrist({ status: 'wartet', nachforderung })).toBe('2026-03-10');
    expect(parkingNachforderungFrist({ status: 'wartet', nachforderung: null })).toBe('');
    expect(parkingNachforderungFrist({ status: 'versandt', nachforderung })).toBe('');
  });
});
