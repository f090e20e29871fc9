import { z } from 'zod';
import {
  DomainError,
  assertTransition,
  berlinDate,
  isoDate,
  transition,
  versandChannel,
  type Bescheid,
  type IsoDate,
} from '../domain/index.ts';
import { assertMayWork, loadVisible, touched } from './guards.ts';
import { defineMutator } from './types.ts';
import { byVorgangId, statusChange } from './journal.ts';

/** The German calendar day of the sealing: a sealed Bescheid never changes again, so its last update is the sealing. */
export function sealedOn(b: Pick<Bescheid, 'updatedAt'>): IsoDate {
  return berlinDate(b.updatedAt);
}

export type DispatchDateProblem = 'future' | 'before_sealing';

/** Why a dispatch date cannot be recorded (null: it can): it lies between the sealing day and today. */
export function dispatchDateProblem(date: IsoDate, today: IsoDate, sealed: IsoDate): DispatchDateProblem | null {
  if (date > today) return 'future';
  if (date < sealed) return 'before_sealing';
  return null;
}

/**
 * Records that the sealed Bescheid left the authority: the Vorgang moves from
 * `bescheid_erstellt` to `versandt` and keeps channel, date and who recorded it. The Bescheid
 * is named because it is the evidence of the sealing (MutatorTx finds Bescheide only by id),
 * and its sealing day is the earliest possible dispatch day.
 */
export const recordDispatch = defineMutator({
  name: 'recordDispatch',
  args: z.object({ vorgangId: z.uuid(), bescheidId: z.uuid(), channel: versandChannel, date: isoDate }).strict(),
  journal: {
    vorgang: byVorgangId,
    fromTo: 'status',
    summary: ({ before, after }) => ({
      channel: after.versand?.channel ?? null,
      date: after.versand?.date ?? null,
      ...statusChange({ before, after }),
    }),
  },
  async run(tx, { actor, now }, { vorgangId, bescheidId, channel, date }) {
    const v = await loadVisible(tx, actor, vorgangId);
    await assertMayWork(tx, actor, v, now);
    if (channel !== 'post') {
      throw new DomainError('validation_failed', 'Dispatch via the digital Postfach is not available yet');
    }
    if (v.status === 'versandt' && v.versand !== null) {
      throw new DomainError('conflict', 'The dispatch of this Bescheid is recorded already');
    }
    assertTransition(v.status, 'versandt', 'recordDispatch');
    const b = await tx.get('bescheid', bescheidId);
    if (!b || b.vorgangId !== v.id) throw new DomainError('not_found', `Bescheid ${bescheidId} not found`);
    if (b.state !== 'gesiegelt') {
      throw new DomainError(
        'invalid_transition',
        `Only a sealed Bescheid can be dispatched, not one in state ${b.state}`,
      );
    }
    const sealed = sealedOn(b);
    const problem = dispatchDateProblem(date, berlinDate(now), sealed);
    if (problem === 'future') throw new DomainError('validation_failed', 'The dispatch date lies in the future');
    if (problem === 'before_sealing') {
      throw new DomainError('validation_failed', `The dispatch date lies before the sealing on ${sealed}`);
    }
    await tx.put(
      'vorgang',
      touched(transition(v, 'versandt', 'recordDispatch'), now, {
        versand: { channel, date, recordedAt: now, recordedBy: actor.id },
      }),
    );
  },
});
