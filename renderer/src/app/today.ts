import { useEffect, useState } from 'react';
import { berlinDate, type IsoDate } from '../../../shared/domain/index.ts';
import { realTimers, type Timers } from '../sync/timers.ts';

const berlinClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long to wait before looking at the Berlin date again: until the next midnight on the
 * Berlin wall clock, but at most an hour (a day with a clock change is 23 or 25 hours long, and
 * a suspended computer's timers run late) and at least a second (no busy loop right at midnight).
 */
export function msUntilNextCheck(now: Date): number {
  let h = 0;
  let m = 0;
  let s = 0;
  for (const p of berlinClock.formatToParts(now)) {
    if (p.type === 'hour') h = Number(p.value);
    else if (p.type === 'minute') m = Number(p.value);
    else if (p.type === 'second') s = Number(p.value);
  }
  const elapsed = ((h * 60 + m) * 60 + s) * 1000 + now.getUTCMilliseconds();
  return Math.min(HOUR_MS, Math.max(1000, DAY_MS - elapsed));
}

/**
 * Calls `onDay` with the Berlin date whenever it changes (a timer towards midnight, plus
 * `recheck()` for wake-ups). Returns recheck and stop.
 */
export function watchBerlinDay(
  onDay: (today: IsoDate) => void,
  timers: Timers = realTimers,
  clock: () => Date = () => new Date(),
): { recheck(): void; stop(): void } {
  let today = berlinDate(clock());
  let handle: unknown = null;
  const check = (): void => {
    const now = clock();
    const day = berlinDate(now);
    if (day !== today) {
      today = day;
      onDay(day);
    }
    if (handle !== null) timers.clear(handle);
    handle = timers.set(check, msUntilNextCheck(now));
  };
  handle = timers.set(check, msUntilNextCheck(clock()));
  return {
    recheck: check,
    stop() {
      if (handle !== null) timers.clear(handle);
      handle = null;
    },
  };
}

/** Today's date in Germany; re-renders at Berlin midnight and when the window comes back into view. */
export function useBerlinToday(): IsoDate {
  const [today, setToday] = useState(() => berlinDate(new Date()));
  useEffect(() => {
    // The day may have changed since the first render; setting the same date again is a no-op.
    setToday(berlinDate(new Date()));
    const watch = watchBerlinDay(setToday);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') watch.recheck();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      watch.stop();
    };
  }, []);
  return today;
}
