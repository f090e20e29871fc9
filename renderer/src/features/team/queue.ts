import {
  berlinDate,
  isoDateToDayNumber,
  type Bescheid,
  type IsoDate,
  type IsoDateTime,
} from '../../../../shared/domain/index.ts';
import {
  currentStep,
  openParticipants,
  type Umlauf,
  type UmlaufParticipant,
} from '../../../../shared/domain/umlauf.ts';

/** Calendar days from the Berlin day of an instant to today (0 on the same day). */
export function ageInDays(since: IsoDateTime, today: IsoDate): number {
  return Math.max(0, isoDateToDayNumber(today) - isoDateToDayNumber(berlinDate(since)));
}

export interface FreigabeItem {
  bescheidId: string;
  vorgangId: string;
  /** Null while the Vorgang is not stored locally. */
  aktenzeichen: string | null;
  authorId: string;
  submittedAt: IsoDateTime | null;
  ageDays: number | null;
  /** The running Umlauf the Freigabe waits for: its open step (1-based) of all steps. */
  umlauf: { step: number; steps: number } | null;
}

/**
 * The team's submitted Bescheide waiting for the Freigabe, longest waiting first, each with its
 * age and the Umlauf step it still waits for (the Freigabe follows a completed Umlauf).
 */
export function freigabeQueue(
  submitted: readonly Bescheid[],
  umlaeufe: readonly Umlauf[],
  aktenzeichen: ReadonlyMap<string, string>,
  today: IsoDate,
): FreigabeItem[] {
  const running = new Map(umlaeufe.filter((u) => u.state === 'laufend').map((u) => [u.bescheidId, u]));
  return [...submitted]
    .sort((a, b) => ((a.submittedAt ?? '') < (b.submittedAt ?? '') ? -1 : a.submittedAt === b.submittedAt ? 0 : 1))
    .map((b) => {
      const u = running.get(b.id);
      return {
        bescheidId: b.id,
        vorgangId: b.vorgangId,
        aktenzeichen: aktenzeichen.get(b.vorgangId) ?? null,
        authorId: b.authorId,
        submittedAt: b.submittedAt,
        ageDays: b.submittedAt === null ? null : ageInDays(b.submittedAt, today),
        umlauf: u ? { step: Math.min(currentStep(u), u.steps.length - 1) + 1, steps: u.steps.length } : null,
      };
    });
}

export interface UmlaufStepItem {
  umlaufId: string;
  vorgangId: string;
  aktenzeichen: string | null;
  /** The open step, 1-based, of all steps. */
  step: number;
  steps: number;
  zurKenntnis: boolean;
  /** Who may answer now (in a sequential step only the next one). */
  waitingFor: UmlaufParticipant[];
  /** Since when the step is open: the answer that completed the step before, else the (re)submission. */
  since: IsoDateTime;
  ageDays: number;
  /** The Umlauf of one of the team's own Bescheide (else the team co-signs another unit's). */
  own: boolean;
}

/**
 * The open Umlauf steps that concern the team: those of its own Bescheide, and those of other
 * units that wait for the team or one of its members. Longest open first.
 */
export function openUmlaufSteps(
  umlaeufe: readonly Umlauf[],
  submittedAt: ReadonlyMap<string, IsoDateTime | null>,
  aktenzeichen: ReadonlyMap<string, string>,
  team: { orgUnitId: string; memberIds: ReadonlySet<string> },
  today: IsoDate,
): UmlaufStepItem[] {
  const out: UmlaufStepItem[] = [];
  for (const u of umlaeufe) {
    const waitingFor = openParticipants(u);
    if (waitingFor.length === 0) continue;
    const own = u.orgUnitId === team.orgUnitId;
    const forTeam = waitingFor.some((p) => (p.kind === 'org' ? p.id === team.orgUnitId : team.memberIds.has(p.id)));
    if (!own && !forTeam) continue;
    const index = currentStep(u);
    let since = u.startedAt;
    const submitted = submittedAt.get(u.bescheidId);
    if (submitted && submitted > since) since = submitted;
    for (const a of u.answers) if (a.step < index && a.at > since) since = a.at;
    out.push({
      umlaufId: u.id,
      vorgangId: u.vorgangId,
      aktenzeichen: aktenzeichen.get(u.vorgangId) ?? null,
      step: index + 1,
      steps: u.steps.length,
      zurKenntnis: u.steps[index]?.zurKenntnis ?? false,
      waitingFor,
      since,
      ageDays: ageInDays(since, today),
      own,
    });
  }
  return out.sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
}
