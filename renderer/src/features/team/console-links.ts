import type { IsoDate } from '../../../../shared/domain/index.ts';
import type { Route } from '../../app/router.ts';
import type { Figure, FristDay, ThroughputWeek } from './console-figures.ts';

type InboxRoute = Extract<Route, { name: 'inbox' }>;

/**
 * The inbox list each figure counts: following the link shows exactly the Vorgänge behind the
 * number (console-links.test.ts checks each against the inbox's own query). `assignee`
 * undefined: the whole team; '' the team queue.
 */
export function figureRoute(
  figure: Figure,
  assignee: string | undefined,
  day: { today: IsoDate; dueSoonTo: IsoDate },
): InboxRoute {
  const who = assignee === undefined ? {} : { assignee };
  switch (figure) {
    case 'open':
      return { name: 'inbox', view: 'team', filter: { ...who, withParked: true }, status: 'open' };
    case 'overdue':
      // The overdue view counts parked Vorgänge too: their Frist has passed all the same.
      return { name: 'inbox', view: 'overdue', filter: { ...who }, status: 'open' };
    case 'dueSoon':
      return {
        name: 'inbox',
        view: 'team',
        filter: { ...who, frist: { from: day.today, to: day.dueSoonTo }, withParked: true },
        status: 'open',
      };
    case 'waiting':
      return { name: 'inbox', view: 'waiting', filter: { ...who }, status: 'open' };
    case 'freigabe':
      return { name: 'inbox', view: 'team', filter: { ...who, withParked: true }, status: 'zur_freigabe' };
  }
}

/** The open Vorgänge whose Frist one bar of the Fristen chart counts. */
export function fristDayRoute(d: FristDay): InboxRoute {
  return {
    name: 'inbox',
    view: 'team',
    filter: { frist: { from: d.from, to: d.to }, withParked: true },
    status: 'open',
  };
}

/** The Vorgänge received in one week, whatever became of them. */
export function receivedWeekRoute(w: ThroughputWeek): InboxRoute {
  return {
    name: 'inbox',
    view: 'team',
    filter: { received: { from: w.monday, to: w.sunday }, withParked: true },
    status: 'all',
  };
}

/** The Vorgänge verfügt z.d.A. in one week (a concluded Vorgang's last change is its z.d.A.). */
export function closedWeekRoute(w: ThroughputWeek): InboxRoute {
  return {
    name: 'inbox',
    view: 'team',
    filter: { updated: { from: w.monday, to: w.sunday }, withParked: true },
    status: 'abgeschlossen',
  };
}
