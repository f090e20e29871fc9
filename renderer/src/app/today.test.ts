import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../test/manual-timers.ts';
import { msUntilNextCheck, watchBerlinDay } from './today.ts';

describe('msUntilNextCheck', () => {
  it('waits until Berlin midnight when it is near', () => {
    // 22:30 UTC in winter is 23:30 in Berlin: half an hour to midnight.
    expect(msUntilNextCheck(new Date('2026-11-23T22:30:00.000Z'))).toBe(30 * 60_000);
    // Summer time: 21:59:30 UTC is 23:59:30 in Berlin.
    expect(msUntilNextCheck(new Date('2026-07-01T21:59:30.000Z'))).toBe(30_000);
  });

  it('looks again at least every hour, and never sooner than after a second', () => {
    expect(msUntilNextCheck(new Date('2026-11-23T08:00:00.000Z'))).toBe(3_600_000);
    expect(msUntilNextCheck(new Date('2026-11-23T22:59:59.900Z'))).toBe(1000);
  });
});

describe('watchBerlinDay', () => {
  it('reports the new Berlin date once it changes, and keeps watching', () => {
    const timers = new ManualTimers();
    let now = new Date('2026-11-23T22:30:00.000Z'); // 23:30 in Berlin
    const days: string[] = [];
    const watch = watchBerlinDay(
      (d) => days.push(d),
      timers,
      () => now,
    );
    expect(timers.delays).toEqual([30 * 60_000]);

    now = new Date('2026-11-23T22:45:00.000Z'); // a timer that fired early: same day
    timers.fireAll();
    expect(days).toEqual([]);

    now = new Date('2026-11-23T23:00:01.000Z'); // 00:00:01 on the 24th in Berlin
    timers.fireAll();
    expect(days).toEqual(['2026-11-24']);
    expect(timers.count).toBe(1);

    // A wake-up from sleep: recheck notices a day that passed without a timer.
    now = new Date('2026-11-26T09:00:00.000Z');
    watch.recheck();
    expect(days).toEqual(['2026-11-24', '2026-11-26']);
    expect(timers.count).toBe(1);

    watch.stop();
    expect(timers.count).toBe(0);
  });
});
