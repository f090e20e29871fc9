import { describe, expect, it } from 'vitest';
import { VORGANG_STATUSES, holidaySet, type User } from '../../../../shared/domain/index.ts';
import { InboxIndex, type InboxEntry, type InboxQuery } from '../inbox/index.ts';
import type { Route } from '../../app/router.ts';
import {
  FIGURES,
  dueSoonEnd,
  fristenByWorkingDay,
  throughputByWeek,
  workloadRows,
  type FigureDay,
} from './console-figures.ts';
import { closedWeekRoute, figureRoute, fristDayRoute, receivedWeekRoute } from './console-links.ts';
import { TeamCounters, teamCountersFor } from './team-counters.ts';

const DAY: FigureDay = { today: '2026-04-01', holidays: holidaySet('BE', 2026) };
const ORG_UNIT = 'ou-1';
const MEMBERS: User[] = ['u-anna', 'u-bert', 'u-carla'].map((id) => ({
  id,
  username: id,
  displayName: id,
  roles: ['clerk'],
  orgUnitId: ORG_UNIT,
}));
const ASSIGNEES = ['u-anna', 'u-bert', 'u-carla', '', 'u-gone'];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function day(offset: number): string {
  return new Date(Date.UTC(2026, 3, 1 + offset)).toISOString().slice(0, 10);
}

/** A last change on that Berlin day (the index derives updatedDay from updatedAt). */
const changedOn = (d: string) => ({ updatedAt: `${d}T08:15:00.000Z`, updatedDay: d });

function randomEntry(next: () => number, id: string): InboxEntry {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const status = pick(VORGANG_STATUSES);
  return {
    id,
    frist: day(Math.floor(next() * 70) - 30),
    status,
    verfahrenId: 'v',
    orgUnitId: next() < 0.85 ? ORG_UNIT : 'ou-2',
    assigneeKey: pick(ASSIGNEES),
    search: '',
    ...changedOn(day(Math.floor(next() * 90) - 85)),
    receivedDay: day(Math.floor(next() * 90) - 85),
    wiedervorlage: next() < 0.15 ? day(Math.floor(next() * 20) - 5) : '',
    nachforderungFrist: status === 'wartet' && next() < 0.8 ? day(Math.floor(next() * 20) - 8) : '',
  };
}

/** Everything the console shows, from counters. */
function figuresOf(c: TeamCounters) {
  return {
    workload: workloadRows(c, MEMBERS, [], DAY),
    fristen: fristenByWorkingDay(c.fristen, DAY),
    throughput: throughputByWeek(c.received, c.closed, DAY.today),
  };
}

function queryOf(route: Extract<Route, { name: 'inbox' }>): InboxQuery {
  return {
    view: route.view,
    userId: 'u-lead',
    orgUnitId: ORG_UNIT,
    status: route.status ?? 'open',
    verfahrenId: null,
    text: '',
    today: DAY.today,
    ...(route.filter ? { filter: route.filter } : {}),
  };
}

function randomIndex(seed: number, size: number): { index: InboxIndex; next: () => number } {
  const next = rng(seed);
  const index = new InboxIndex();
  index.replaceAll(Array.from({ length: size }, (_, i) => randomEntry(next, `id-${i}`)));
  return { index, next };
}

describe('TeamCounters over the inbox index', () => {
  it('kept by changes, they equal a recount after every batch of changes', () => {
    const { index, next } = randomIndex(7, 400);
    const live = teamCountersFor(index, ORG_UNIT);
    let told = 0;
    live.subscribe(() => told++);
    let fresh = 400;
    for (let round = 0; round < 60; round++) {
      const ids = [...index.ids()];
      const changed: InboxEntry[] = [];
      for (let k = Math.floor(next() * 5); k >= 0; k--) {
        const id = ids[Math.floor(next() * ids.length)] ?? 'id-0';
        changed.push(next() < 0.5 ? randomEntry(next, id) : { ...(index.get(id) as InboxEntry), assigneeKey: '' });
      }
      if (next() < 0.3) changed.push(randomEntry(next, `id-${fresh++}`));
      const removed = next() < 0.3 ? [ids[Math.floor(next() * ids.length)] ?? 'id-0'] : [];
      index.apply(changed, removed);
      const recount = new TeamCounters(ORG_UNIT);
      recount.reset(index.entries());
      expect(figuresOf(live.counters)).toEqual(figuresOf(recount));
    }
    expect(told).toBeGreaterThan(0);
  });

  it('a change elsewhere (another org unit) neither counts nor notifies', () => {
    const index = new InboxIndex();
    const e = randomEntry(rng(1), 'x');
    index.replaceAll([{ ...e, orgUnitId: 'ou-2' }]);
    const live = teamCountersFor(index, ORG_UNIT);
    let told = 0;
    live.subscribe(() => told++);
    const before = live.getSnapshot();
    index.apply([{ ...e, orgUnitId: 'ou-2', assigneeKey: 'u-bert', frist: '2026-01-01' }]);
    expect(told).toBe(0);
    expect(live.getSnapshot()).toBe(before);
    index.apply([{ ...e, orgUnitId: ORG_UNIT }]);
    expect(told).toBe(1);
  });

  it('is made once per index and org unit, and starts from what the index holds', () => {
    const { index } = randomIndex(3, 50);
    const a = teamCountersFor(index, ORG_UNIT);
    expect(teamCountersFor(index, ORG_UNIT)).toBe(a);
    expect(teamCountersFor(index, 'ou-2')).not.toBe(a);
    const recount = new TeamCounters(ORG_UNIT);
    recount.reset(index.entries());
    expect(figuresOf(a.counters)).toEqual(figuresOf(recount));
    // A reload of the index (replaceAll) counts anew.
    index.replaceAll([]);
    expect(a.counters.received.total).toBe(0);
    expect(a.counters.assigneeKeys()).toEqual([]);
  });
});

describe('every figure opens the inbox list it counts', () => {
  const { index } = randomIndex(11, 600);
  const c = new TeamCounters(ORG_UNIT);
  c.reset(index.entries());
  const { workload, fristen, throughput } = figuresOf(c);
  const day = { today: DAY.today, dueSoonTo: dueSoonEnd(DAY) };

  it('per person, for the team queue and for the whole team', () => {
    for (const row of workload.rows) {
      for (const f of FIGURES) {
        const ids = index.query(queryOf(figureRoute(f, row.key, day)));
        expect({ who: row.key, f, n: ids.length }).toEqual({ who: row.key, f, n: row.figures[f] });
      }
    }
    for (const f of FIGURES) {
      expect({ f, n: index.query(queryOf(figureRoute(f, undefined, day))).length }).toEqual({
        f,
        n: workload.total[f],
      });
    }
    // The sample is not trivial: every figure is non-zero for the team.
    for (const f of FIGURES) expect(workload.total[f]).toBeGreaterThan(0);
  });

  it('per bar of both charts', () => {
    for (const d of fristen) expect(index.query(queryOf(fristDayRoute(d))).length).toBe(d.count);
    for (const w of throughput) {
      expect(index.query(queryOf(receivedWeekRoute(w))).length).toBe(w.received);
      expect(index.query(queryOf(closedWeekRoute(w))).length).toBe(w.closed);
    }
    expect(fristen.reduce((s, d) => s + d.count, 0)).toBeGreaterThan(0);
    expect(throughput.reduce((s, w) => s + w.closed, 0)).toBeGreaterThan(0);
  });
});
