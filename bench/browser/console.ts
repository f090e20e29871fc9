import { holidaySet, type IsoDate } from '../../shared/domain/index.ts';
import { getMeta, type AmtsplatzDb } from '../../renderer/src/db/index.ts';
import { InboxIndex, toInboxEntry, type InboxEntry } from '../../renderer/src/features/inbox/inbox-index.ts';
import { colleaguesOf } from '../../renderer/src/features/team/absences.ts';
import { consoleData, type QueueRows } from '../../renderer/src/features/team/console-data.ts';
import type { FigureDay } from '../../renderer/src/features/team/console-figures.ts';
import { TeamCounters, teamCountersFor } from '../../renderer/src/features/team/team-counters.ts';
import { mutate } from '../../renderer/src/sync/mutate.ts';
import type { ConsoleAggregateTimings } from './api.ts';

const NO_QUEUE: QueueRows = { submitted: [], umlaeufe: [], aktenzeichen: new Map() };

/** Milliseconds since the epoch with sub-millisecond resolution, comparable across the pages of one browser. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * The console's figures without React, over the app's database: counting the whole index anew
 * (what the first visit costs, and what every change would cost without the counters) against
 * keeping the counters by the index's changes. The index is built once, as the Shell does.
 */
export async function consoleAggregateTimings(
  db: AmtsplatzDb,
  orgUnitId: string,
  today: IsoDate,
  iterations: number,
): Promise<ConsoleAggregateTimings> {
  const index = new InboxIndex();
  index.replaceAll((await db.vorgaenge.toArray()).map(toInboxEntry));
  const authority = await getMeta(db, 'authority');
  const year = Number(today.slice(0, 4));
  const day: FigureDay & { known: boolean } = authority
    ? { today, holidays: holidaySet(authority.behoerde.land, year, year + 1), known: true }
    : { today, holidays: new Set(), known: false };
  const members = colleaguesOf(await db.users.where('orgUnitId').equals(orgUnitId).toArray(), orgUnitId);
  const input = { members, absences: await db.absences.toArray(), day, queue: NO_QUEUE, orgUnitId };

  const recount: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const counters = new TeamCounters(orgUnitId);
    counters.reset(index.entries());
    consoleData(counters, input);
    recount.push(performance.now() - t0);
  }

  const live = teamCountersFor(index, orgUnitId);
  const team = index.entries().filter((e) => e.orgUnitId === orgUnitId);
  const assignees = members.map((m) => m.id);
  if (team.length === 0 || assignees.length < 2) throw new Error('no Vorgang of the team to change');
  const update: number[] = [];
  const indexApply: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const e = team[(i * 7919) % team.length] as InboxEntry;
    const current = index.get(e.id) ?? e;
    const to = assignees[(assignees.indexOf(current.assigneeKey) + 1) % assignees.length] ?? '';
    const before = live.getSnapshot();
    const t0 = performance.now();
    index.apply([{ ...current, assigneeKey: to }]);
    const t1 = performance.now();
    consoleData(live.counters, input);
    update.push(performance.now() - t0);
    indexApply.push(t1 - t0);
    if (live.getSnapshot() === before) throw new Error('the counters did not follow the change');
  }
  return { recount, update, indexApply, teamRows: team.length };
}

/**
 * One reassignment as the lead's drill-down makes it: the app's own mutate() (optimistic write
 * and outbox entry) in the lead's database. Returns when it started (epochNow).
 */
export async function reassign(
  db: AmtsplatzDb,
  userId: string,
  vorgangId: string,
  assigneeId: string,
): Promise<number> {
  const actor = await db.users.get(userId);
  if (!actor) throw new Error('the app database has no row for the logged-in user');
  const started = epochNow();
  const r = await mutate(db, actor, 'assign', { vorgangId, assigneeId });
  if (!r.ok) throw new Error(`reassignment rejected: ${r.error.code}`);
  return started;
}
