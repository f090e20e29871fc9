import {
  addWorkingDays,
  dayNumberToIsoDate,
  isAbsenceActive,
  isoDateToDayNumber,
  type Absence,
  type IsoDate,
  type User,
} from '../../../../shared/domain/index.ts';
import type { AssigneeCounts, Tally, TeamCounters } from './team-counters.ts';

/** The day the figures are for, and the Land's public holidays around it (working days). */
export interface FigureDay {
  today: IsoDate;
  holidays: ReadonlySet<IsoDate>;
}

/** Working days ahead that count as "due soon". */
export const DUE_SOON_WORKING_DAYS = 5;
/** Weeks of Fristen in the chart, and weeks of throughput. */
export const FRISTEN_WEEKS = 4;
export const THROUGHPUT_WEEKS = 12;

export const FIGURES = ['open', 'overdue', 'dueSoon', 'waiting', 'freigabe'] as const;
export type Figure = (typeof FIGURES)[number];
export type Workload = Record<Figure, number>;

const plusDays = (day: IsoDate, n: number): IsoDate => dayNumberToIsoDate(isoDateToDayNumber(day) + n);

/** The last day "due soon" still covers: the fifth working day after today. */
export function dueSoonEnd(d: FigureDay): IsoDate {
  return addWorkingDays(d.today, DUE_SOON_WORKING_DAYS, d.holidays);
}

/**
 * One assignee's figures: open work; overdue (Frist before today); due from today through the
 * fifth working day; waiting for a Nachforderung whose Frist runs (parked); submitted for the
 * Freigabe. Overdue and due soon count parked Vorgänge too: their Frist runs all the same.
 */
export function workloadOf(a: AssigneeCounts | undefined, d: FigureDay, dueSoonTo: IsoDate): Workload {
  if (!a) return { open: 0, overdue: 0, dueSoon: 0, waiting: 0, freigabe: 0 };
  const { today } = d;
  return {
    open: a.open.total,
    overdue: a.open.sumWhere((frist) => frist < today),
    dueSoon: a.open.sumWhere((frist) => today <= frist && frist <= dueSoonTo),
    waiting: a.waiting.sumWhere((frist) => frist >= today),
    freigabe: a.freigabe.total,
  };
}

/** Today's absence of a person (the one ending last, if several overlap), or null. */
export function absenceToday(absences: readonly Absence[], userId: string, today: IsoDate): Absence | null {
  let found: Absence | null = null;
  for (const a of absences) {
    if (a.userId === userId && isAbsenceActive(a, today) && (found === null || a.to > found.to)) found = a;
  }
  return found;
}

export type WorkloadRowKind = 'member' | 'queue' | 'former';

export interface WorkloadRow {
  /** The assignee key: a user id, '' for the team queue. */
  key: string;
  /** member: in the team now; queue: nobody's yet; former: assigned to someone no longer in the team. */
  kind: WorkloadRowKind;
  figures: Workload;
  absence: Absence | null;
}

/**
 * A row per member of the team (also with nothing to do), then the team queue, then anyone else
 * who still has open work of the team; and the team's total, which counts every row.
 */
export function workloadRows(
  counters: TeamCounters,
  members: readonly User[],
  absences: readonly Absence[],
  d: FigureDay,
): { rows: WorkloadRow[]; total: Workload } {
  const to = dueSoonEnd(d);
  const rows: WorkloadRow[] = members.map((u) => ({
    key: u.id,
    kind: 'member',
    figures: workloadOf(counters.assignee(u.id), d, to),
    absence: absenceToday(absences, u.id, d.today),
  }));
  rows.push({ key: '', kind: 'queue', figures: workloadOf(counters.assignee(''), d, to), absence: null });
  const known = new Set(members.map((u) => u.id));
  for (const key of counters.assigneeKeys().sort()) {
    if (key !== '' && !known.has(key)) {
      rows.push({ key, kind: 'former', figures: workloadOf(counters.assignee(key), d, to), absence: null });
    }
  }
  const total: Workload = { open: 0, overdue: 0, dueSoon: 0, waiting: 0, freigabe: 0 };
  for (const r of rows) for (const f of FIGURES) total[f] += r.figures[f];
  return { rows, total };
}

/**
 * One bar of the Fristen chart: a working day, and the calendar days whose Fristen it counts —
 * from the day after the previous working day (today for the first) up to it: a Frist on a
 * weekend or holiday ends on the next working day (§ 31 Abs. 3 VwVfG).
 */
export interface FristDay {
  day: IsoDate;
  from: IsoDate;
  to: IsoDate;
  count: number;
}

/** The open Fristen of the next `weeks` weeks (today and the 7·weeks − 1 days after it), per working day. */
export function fristenByWorkingDay(fristen: Tally, d: FigureDay, weeks: number = FRISTEN_WEEKS): FristDay[] {
  const last = plusDays(d.today, 7 * weeks - 1);
  const out: FristDay[] = [];
  let from = d.today;
  for (let day = addWorkingDays(plusDays(d.today, -1), 1, d.holidays); day <= last;) {
    let count = 0;
    for (let n = isoDateToDayNumber(from), end = isoDateToDayNumber(day); n <= end; n++) {
      count += fristen.get(dayNumberToIsoDate(n));
    }
    out.push({ day, from, to: day, count });
    from = plusDays(day, 1);
    day = addWorkingDays(day, 1, d.holidays);
  }
  return out;
}

/** One ISO week (Monday to Sunday) of throughput. */
export interface ThroughputWeek {
  monday: IsoDate;
  sunday: IsoDate;
  /** ISO 8601 week number and its week-based year. */
  week: number;
  year: number;
  received: number;
  closed: number;
}

/** Monday of the ISO week of a day (1970-01-01, day 0, was a Thursday). */
export function mondayOf(day: IsoDate): IsoDate {
  const n = isoDateToDayNumber(day);
  return dayNumberToIsoDate(n - ((((n + 3) % 7) + 7) % 7));
}

/** ISO 8601 week number and week-based year: the week belongs to the year of its Thursday. */
export function isoWeek(day: IsoDate): { week: number; year: number } {
  const thursday = isoDateToDayNumber(mondayOf(day)) + 3;
  const year = Number(dayNumberToIsoDate(thursday).slice(0, 4));
  const jan1 = isoDateToDayNumber(`${String(year).padStart(4, '0')}-01-01`);
  return { week: Math.floor((thursday - jan1) / 7) + 1, year };
}

/** Received and concluded per ISO week, the last `weeks` weeks up to this one (still running), oldest first. */
export function throughputByWeek(
  received: Tally,
  closed: Tally,
  today: IsoDate,
  weeks: number = THROUGHPUT_WEEKS,
): ThroughputWeek[] {
  const thisMonday = mondayOf(today);
  const out: ThroughputWeek[] = [];
  for (let k = weeks - 1; k >= 0; k--) {
    const monday = plusDays(thisMonday, -7 * k);
    let r = 0;
    let c = 0;
    for (let i = 0; i < 7; i++) {
      const day = plusDays(monday, i);
      r += received.get(day);
      c += closed.get(day);
    }
    out.push({ monday, sunday: plusDays(monday, 6), ...isoWeek(monday), received: r, closed: c });
  }
  return out;
}
