import { z } from 'zod';
import { isAbsenceActive, type Absence } from './absence.ts';
import { isoDate, isoDateTime } from './ids.ts';
import type { User } from './user.ts';

/**
 * The Umlauf (Mitzeichnung) of a submitted Bescheid draft (docs/umlauf.md): an ordered list of
 * steps; each step names org units or persons and is `sequential` (they answer one after
 * another), `parallel-all` (every one must concur) or `parallel-any` (the first concurrence
 * completes it). A step marked "zur Kenntnis" only asks for acknowledgement. Every answer
 * carries the draft's content hash; an edit voids the answers and the Umlauf waits for the
 * next submission. The 4-eyes Freigabe follows the completed Umlauf. One Umlauf per Bescheid:
 * it carries the Bescheid's id.
 */

export const UMLAUF_MODES = ['sequential', 'parallel-all', 'parallel-any'] as const;
export const umlaufMode = z.enum(UMLAUF_MODES);
export type UmlaufMode = z.infer<typeof umlaufMode>;

export const UMLAUF_ANTWORTEN = [
  'mitgezeichnet',
  'mitgezeichnet_mit_anmerkung',
  'einwand',
  'zur_kenntnis_genommen',
] as const;
export const umlaufAntwort = z.enum(UMLAUF_ANTWORTEN);
export type UmlaufAntwort = z.infer<typeof umlaufAntwort>;

export const UMLAUF_STATES = [
  /** A step is open. */
  'laufend',
  /** Every step is complete: the lead may approve. */
  'abgeschlossen',
  /** A participant objected: the draft went back to its author. */
  'einwand',
  /** The draft was edited: the answers are void until it is submitted again. */
  'wartet',
] as const;
export const umlaufState = z.enum(UMLAUF_STATES);
export type UmlaufState = z.infer<typeof umlaufState>;

const id64 = z.string().min(1).max(64);
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const umlaufParticipant = z.object({ kind: z.enum(['org', 'user']), id: id64 }).strict();
export type UmlaufParticipant = z.infer<typeof umlaufParticipant>;

export const umlaufStep = z
  .object({
    mode: umlaufMode,
    zurKenntnis: z.boolean(),
    frist: isoDate.nullable(),
    participants: z.array(umlaufParticipant).min(1).max(10),
  })
  .strict();
export type UmlaufStep = z.infer<typeof umlaufStep>;

export const umlaufAnswer = z
  .object({
    step: z.number().int().nonnegative(),
    /** Which participant of the step answered (`org:<id>` or `user:<id>`). */
    participant: z.string().regex(/^(org|user):.+$/),
    by: id64,
    antwort: umlaufAntwort,
    kommentar: z.string().max(2000).nullable(),
    contentHash: hash,
    at: isoDateTime,
  })
  .strict();
export type UmlaufAnswer = z.infer<typeof umlaufAnswer>;

export const umlauf = z
  .object({
    /** The Bescheid's id: one Umlauf per Bescheid. */
    id: z.uuid(),
    vorgangId: z.uuid(),
    bescheidId: z.uuid(),
    orgUnitId: id64,
    startedBy: id64,
    startedAt: isoDateTime,
    /** The submitted content the answers are bound to; null while it waits for a submission. */
    contentHash: hash.nullable(),
    state: umlaufState,
    steps: z.array(umlaufStep).min(1).max(10),
    answers: z.array(umlaufAnswer).max(200),
    version: z.number().int().nonnegative(),
    updatedAt: isoDateTime,
  })
  .strict();
export type Umlauf = z.infer<typeof umlauf>;

export const participantKey = (p: UmlaufParticipant): string => `${p.kind}:${p.id}`;

const concurs = (a: UmlaufAnswer) => a.antwort !== 'einwand';

/** Whether the step is done: every participant concurred, or (parallel-any) one did. */
export function stepComplete(u: Pick<Umlauf, 'steps' | 'answers'>, index: number): boolean {
  const step = u.steps[index];
  if (!step) return true;
  const answers = u.answers.filter((a) => a.step === index && concurs(a));
  if (step.mode === 'parallel-any') return answers.length > 0;
  return step.participants.every((p) => answers.some((a) => a.participant === participantKey(p)));
}

/** The index of the open step, or steps.length when all are complete. */
export function currentStep(u: Pick<Umlauf, 'steps' | 'answers'>): number {
  const i = u.steps.findIndex((_s, index) => !stepComplete(u, index));
  return i === -1 ? u.steps.length : i;
}

/** The participants who may answer now: none unless laufend; in a sequential step only the next one. */
export function openParticipants(u: Umlauf): UmlaufParticipant[] {
  if (u.state !== 'laufend') return [];
  const index = currentStep(u);
  const step = u.steps[index];
  if (!step) return [];
  const answered = new Set(u.answers.filter((a) => a.step === index).map((a) => a.participant));
  const waiting = step.participants.filter((p) => !answered.has(participantKey(p)));
  return step.mode === 'sequential' ? waiting.slice(0, 1) : waiting;
}

/** Whether the actor may answer for the participant: the person, a member of the org unit, the person's lead or deputy. */
export function answersFor(
  actor: Pick<User, 'id' | 'orgUnitId' | 'roles'>,
  p: UmlaufParticipant,
  person: { orgUnitId: string; absences: readonly Absence[] } | undefined,
  today: string,
): boolean {
  if (p.kind === 'org') return actor.orgUnitId === p.id;
  if (actor.id === p.id) return true;
  if (!person) return false;
  if (actor.roles.includes('lead') && actor.orgUnitId === person.orgUnitId) return true;
  return person.absences.some((a) => a.deputyId === actor.id && isAbsenceActive(a, today));
}

export type AnswerBlocker = 'not_running' | 'stale_content' | 'not_open' | 'not_participant' | 'own_draft' | 'answered';

/** Why an answer is refused, or null. `kenntnis` answers belong to zur-Kenntnis steps only, and only there. */
export function answerBlocker(
  u: Umlauf,
  args: { step: number; participant: string; antwort: UmlaufAntwort; contentHash: string },
  draft: { authorId: string; editorIds: readonly string[] },
  actorId: string,
): AnswerBlocker | 'wrong_answer' | null {
  if (u.state !== 'laufend' || u.contentHash === null) return 'not_running';
  if (args.contentHash !== u.contentHash) return 'stale_content';
  if (actorId === draft.authorId || draft.editorIds.includes(actorId)) return 'own_draft';
  if (u.answers.some((a) => a.step === args.step && a.participant === args.participant)) return 'answered';
  if (args.step !== currentStep(u)) return 'not_open';
  const open = openParticipants(u).map(participantKey);
  const inStep = u.steps[args.step]?.participants.map(participantKey) ?? [];
  if (!inStep.includes(args.participant)) return 'not_participant';
  if (!open.includes(args.participant)) return 'not_open';
  const kenntnis = u.steps[args.step]?.zurKenntnis === true;
  if (kenntnis !== (args.antwort === 'zur_kenntnis_genommen')) return 'wrong_answer';
  return null;
}

/** The Umlauf after an answer: an Einwand stops it; the last completed step ends it. */
export function withAnswer(u: Umlauf, answer: UmlaufAnswer, now: string): Umlauf {
  const next: Umlauf = { ...u, answers: [...u.answers, answer], version: u.version + 1, updatedAt: now };
  if (answer.antwort === 'einwand') return { ...next, state: 'einwand' };
  return currentStep(next) >= next.steps.length ? { ...next, state: 'abgeschlossen' } : next;
}

/** The Umlauf after an edit of the draft: every answer void, waiting for the next submission. */
export function voided(u: Umlauf, now: string): Umlauf {
  return { ...u, answers: [], contentHash: null, state: 'wartet', version: u.version + 1, updatedAt: now };
}
