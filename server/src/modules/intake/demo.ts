import {
  dayNumberToIsoDate as isoDay,
  type Land,
  type Nachforderung,
  type VerfahrenDef,
  type Vorgang,
  type VorgangStatus,
} from '../../../../shared/domain/index.ts';
import { generateApplicant } from './demo-applicant.ts';
import { generateAntragsdaten } from './demo-antragsdaten.ts';
import { NACHFORDERUNG_TEXTS, WIEDERVORLAGE_NOTES } from './demo-data.ts';
import { DEFAULT_LAND, intakeFields } from './new-vorgang.ts';
import { Rng, weighted } from './random.ts';

export interface DemoVorgaengeOptions {
  /** Number of Vorgänge to generate. */
  count: number;
  /** Same seed, same options → identical Vorgänge. Default 1. */
  seed?: number;
  /** Receipts are spread over the 90 days up to this instant. */
  now: Date;
  verfahren: readonly VerfahrenDef[];
  /** The first org unit gets about 70 % of the Vorgänge, the others share the rest. */
  orgUnits: readonly { id: string; assigneeIds: readonly string[] }[];
  /** Whose public holidays the Fristen skip. Default DEFAULT_LAND. */
  land?: Land;
}

export const DEFAULT_DEMO_SEED = 1;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SPAN_DAYS = 90;
/**
 * Receipts fall between 05:00 and 19:00 UTC, so the UTC date of receivedAt is also the date
 * in Germany (UTC+1/+2), which is what the Frist counts from.
 */
const WINDOW_START_MS = 5 * HOUR_MS;
const WINDOW_MS = 14 * HOUR_MS;
/** Online services take Anträge on weekends too, just fewer. */
const WEEKEND_INTENSITY = 0.2;

/**
 * Status mix: mostly open work; older Vorgänge are further along. Fresh ones (< 4 weeks)
 * are rarely finished yet.
 */
const FRESH_STATUS = weighted<VorgangStatus>([
  ['eingegangen', 42],
  ['in_bearbeitung', 28],
  ['wartet', 10],
  ['entscheidungsreif', 9],
  ['zur_freigabe', 4],
  ['zurueckgegeben', 1],
  ['freigegeben', 2],
  ['bescheid_erstellt', 1],
  ['versandt', 2],
  ['abgeschlossen', 1],
]);
const OLD_STATUS = weighted<VorgangStatus>([
  // Older than four weeks: mostly decided and sent; a backlog of about a third stays open.
  ['eingegangen', 4],
  ['in_bearbeitung', 10],
  ['wartet', 9],
  ['entscheidungsreif', 4],
  ['zur_freigabe', 2],
  ['zurueckgegeben', 1],
  ['freigegeben', 1],
  ['bescheid_erstellt', 2],
  ['versandt', 22],
  ['abgeschlossen', 45],
]);
const FRESH_DAYS = 28;
/** Approval and later steps need a few days of work first. */
const EARLY_STATUSES: ReadonlySet<VorgangStatus> = new Set(['eingegangen', 'in_bearbeitung', 'wartet']);
const MIN_DAYS_FOR_LATE_STATUS = 3;

/**
 * Share without assignee, by status: new Anträge wait in the team's queue; a few cases in
 * progress were handed back to it (absence, Vertretung). From approval on someone owns the case.
 */
const UNASSIGNED: Readonly<Partial<Record<VorgangStatus, number>>> = {
  eingegangen: 0.95,
  in_bearbeitung: 0.15,
  wartet: 0.15,
};
const WIEDERVORLAGE: Readonly<Partial<Record<VorgangStatus, number>>> = {
  wartet: 0.6,
  in_bearbeitung: 0.06,
  entscheidungsreif: 0.03,
};

/**
 * Realistic demo Vorgänge for the given Verfahren and org units, deterministic for a seed.
 * Vorgänge come in order of receipt, so the running numbers of the Aktenzeichen
 * (`<Aktenplan>-<year>/<nnnnn>`, counted per Aktenplan prefix and year) rise with
 * receivedAt, and ids and Aktenzeichen are unique within one run. Every Vorgang has
 * version 1 and updatedAt = receivedAt.
 *
 * Throws RangeError for a negative or fractional count or an empty Verfahren or org unit list.
 */
export function generateDemoVorgaenge(opts: DemoVorgaengeOptions): Generator<Vorgang> {
  const { count, verfahren, orgUnits, now } = opts;
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer: ${count}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer: ${seed}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  if (verfahren.length === 0) throw new RangeError('at least one Verfahren is needed');
  if (orgUnits.length === 0) throw new RangeError('at least one org unit is needed');
  return generate(count, new Rng(seed), now.getTime(), verfahren, orgUnits, opts.land ?? DEFAULT_LAND);
}

function* generate(
  count: number,
  rng: Rng,
  nowMs: number,
  verfahren: readonly VerfahrenDef[],
  orgUnits: DemoVorgaengeOptions['orgUnits'],
  land: Land,
): Generator<Vorgang> {
  const orgUnitTable = weighted(
    orgUnits.map((o, i) => [o, orgUnits.length === 1 ? 1 : i === 0 ? 0.7 : 0.3 / (orgUnits.length - 1)] as const),
  );
  const clock = new ReceiptClock(nowMs, count);
  const todayDay = Math.floor(nowMs / DAY_MS);
  const runningNumbers = new Map<string, number>();

  for (let i = 0; i < count; i++) {
    const receivedMs = clock.at(i, rng.next());
    const receivedAt = new Date(receivedMs).toISOString();
    const receivedDay = Math.floor(receivedMs / DAY_MS);
    const receivedDate = isoDay(receivedDay);
    const v = rng.pick(verfahren);
    const orgUnit = rng.pickWeighted(orgUnitTable);
    const status = pickStatus(rng, (nowMs - receivedMs) / DAY_MS);

    const assigneeId =
      orgUnit.assigneeIds.length === 0 || rng.chance(UNASSIGNED[status] ?? 0) ? null : rng.pick(orgUnit.assigneeIds);
    const wiedervorlage =
      assigneeId !== null && rng.chance(WIEDERVORLAGE[status] ?? 0)
        ? {
            // Mostly upcoming; some are due or overdue, so the Vorgang is back in the inbox.
            date: isoDay(Math.max(receivedDay + 1, todayDay + rng.int(-3, 20))),
            ...(rng.chance(0.7) ? { note: rng.pick(WIEDERVORLAGE_NOTES) } : {}),
          }
        : null;

    const year = receivedDate.slice(0, 4);
    const counterKey = `${v.aktenplanKennzeichen}-${year}`;
    const running = (runningNumbers.get(counterKey) ?? 0) + 1;
    runningNumbers.set(counterKey, running);

    const person = generateApplicant(rng);
    const { place: _place, ...applicant } = person;

    yield {
      id: rng.uuid(),
      aktenzeichen: `${counterKey}/${String(running).padStart(5, '0')}`,
      verfahrenId: v.id,
      status,
      applicant,
      antragsdaten: generateAntragsdaten(rng, v, person, receivedDay),
      receivedAt,
      ...intakeFields(v, receivedDate, land),
      ...(status === 'wartet' ? { nachforderung: demoNachforderung(i, receivedMs, nowMs) } : {}),
      assigneeId,
      orgUnitId: orgUnit.id,
      wiedervorlage,
      version: 1,
      updatedAt: receivedAt,
    };
  }
}

/**
 * A waiting Vorgang waits on a Nachforderung. Derived from the position, not drawn from the
 * random stream, so the other values stay as they were before Nachforderungen existed. Its
 * Frist lies two to four weeks after the request: older ones have passed (back in the inbox).
 */
function demoNachforderung(i: number, receivedMs: number, nowMs: number): Nachforderung {
  const requestedMs = Math.min(receivedMs + DAY_MS, nowMs);
  return {
    frist: isoDay(Math.floor(requestedMs / DAY_MS) + 14 + (i % 15)),
    requestedAt: new Date(requestedMs).toISOString(),
    text: NACHFORDERUNG_TEXTS[i % NACHFORDERUNG_TEXTS.length] ?? 'Bitte reichen Sie die fehlenden Unterlagen nach.',
  };
}

function pickStatus(rng: Rng, ageDays: number): VorgangStatus {
  const status = rng.pickWeighted(ageDays < FRESH_DAYS ? FRESH_STATUS : OLD_STATUS);
  if (ageDays < MIN_DAYS_FOR_LATE_STATUS && !EARLY_STATUSES.has(status)) return 'in_bearbeitung';
  return status;
}

/**
 * Maps the i-th of `count` Vorgänge to a receipt instant: the 90 days before `now` are cut
 * into daily reception windows (weekends weighted down, today's window ends at `now`), and
 * the Vorgänge are laid out evenly over their total weight with a random jitter inside each
 * slot. Instants therefore rise with i, which keeps running numbers in receipt order.
 */
class ReceiptClock {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly weights: number[] = [];
  private readonly intensities: number[] = [];
  private readonly total: number;
  private readonly count: number;
  private window = 0;
  private weightBefore = 0;

  constructor(nowMs: number, count: number) {
    this.count = count;
    const today = Math.floor(nowMs / DAY_MS);
    let total = 0;
    for (let day = today - SPAN_DAYS + 1; day <= today; day++) {
      const start = day * DAY_MS + WINDOW_START_MS;
      const end = Math.min(start + WINDOW_MS, nowMs);
      const length = end - start;
      if (length <= 0) continue;
      const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
      const intensity = weekday === 0 || weekday === 6 ? WEEKEND_INTENSITY : 1;
      this.starts.push(start);
      this.ends.push(end);
      this.intensities.push(intensity);
      this.weights.push(length * intensity);
      total += length * intensity;
    }
    this.total = total;
  }

  /** Call with rising i; jitter in [0, 1). */
  at(i: number, jitter: number): number {
    const target = ((i + jitter) / this.count) * this.total;
    let weight = this.weights[this.window] ?? 0;
    while (this.weightBefore + weight <= target && this.window < this.weights.length - 1) {
      this.weightBefore += weight;
      this.window += 1;
      weight = this.weights[this.window] ?? 0;
    }
    const start = this.starts[this.window] ?? 0;
    const intensity = this.intensities[this.window] ?? 1;
    // The clamp only catches floating-point drift in the last window; receipts never lie after now.
    return Math.min(Math.floor(start + (target - this.weightBefore) / intensity), this.ends[this.window] ?? start);
  }
}
