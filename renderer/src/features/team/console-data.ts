import type { Absence, Bescheid, IsoDate, User } from '../../../../shared/domain/index.ts';
import type { Umlauf } from '../../../../shared/domain/umlauf.ts';
import {
  dueSoonEnd,
  fristenByWorkingDay,
  throughputByWeek,
  workloadRows,
  type FigureDay,
  type FristDay,
  type ThroughputWeek,
  type Workload,
  type WorkloadRow,
} from './console-figures.ts';
import { freigabeQueue, openUmlaufSteps, type FreigabeItem, type UmlaufStepItem } from './queue.ts';
import type { TeamCounters } from './team-counters.ts';

/** Everything the console shows, computed (console-figures.ts, queue.ts): the view only renders it. */
export interface ConsoleData {
  today: IsoDate;
  dueSoonTo: IsoDate;
  rows: readonly WorkloadRow[];
  total: Workload;
  fristen: readonly FristDay[];
  throughput: readonly ThroughputWeek[];
  freigaben: readonly FreigabeItem[];
  umlaufSteps: readonly UmlaufStepItem[];
  /** False while the Land's public holidays are unknown (working days are Monday to Friday then). */
  holidaysKnown: boolean;
}

/** The few rows behind the queue section (the team's submitted Bescheide, running Umläufe). */
export interface QueueRows {
  submitted: readonly Bescheid[];
  umlaeufe: readonly Umlauf[];
  aktenzeichen: ReadonlyMap<string, string>;
}

/**
 * Everything the console shows, from the counters and the small tables: sums over the distinct
 * dates of the counters and over the queue's rows, never over the Vorgänge.
 */
export function consoleData(
  counters: TeamCounters,
  input: {
    members: readonly User[];
    absences: readonly Absence[];
    day: FigureDay & { known: boolean };
    queue: QueueRows;
    orgUnitId: string;
  },
): ConsoleData {
  const { members, absences, day, queue } = input;
  const { rows, total } = workloadRows(counters, members, absences, day);
  return {
    today: day.today,
    dueSoonTo: dueSoonEnd(day),
    rows,
    total,
    fristen: fristenByWorkingDay(counters.fristen, day),
    throughput: throughputByWeek(counters.received, counters.closed, day.today),
    freigaben: freigabeQueue(queue.submitted, queue.umlaeufe, queue.aktenzeichen, day.today),
    umlaufSteps: openUmlaufSteps(
      queue.umlaeufe,
      new Map(queue.submitted.map((b) => [b.id, b.submittedAt])),
      queue.aktenzeichen,
      { orgUnitId: input.orgUnitId, memberIds: new Set(members.map((m) => m.id)) },
      day.today,
    ),
    holidaysKnown: day.known,
  };
}
