import { z } from 'zod';
import { DomainError, hasRole, isoDate, type Absence, type User } from '../domain/index.ts';
import { defineMutator } from './types.ts';

const userId = z.string().min(1).max(64);

function mayManage(actor: User, userIdOfAbsence: string, orgUnitId: string): boolean {
  return actor.id === userIdOfAbsence || (hasRole(actor, 'lead') && actor.orgUnitId === orgUnitId);
}

/** A user enters their own absence, or the lead enters one for a member of the org unit. */
export const setAbsence = defineMutator({
  name: 'setAbsence',
  args: z.object({ absenceId: z.uuid(), userId, deputyId: userId, from: isoDate, to: isoDate }).strict(),
  // Absences belong to no Vorgang's record.
  journal: null,
  async run(tx, { actor, now }, { absenceId, userId, deputyId, from, to }) {
    const [absent, deputy] = [await tx.getUser(userId), await tx.getUser(deputyId)];
    if (!absent || absent.orgUnitId !== actor.orgUnitId) throw new DomainError('not_found', `User ${userId} not found`);
    if (!mayManage(actor, userId, absent.orgUnitId)) {
      throw new DomainError('forbidden', 'Only the user or the lead may enter an absence');
    }
    if (!deputy || deputy.orgUnitId !== absent.orgUnitId || deputyId === userId) {
      throw new DomainError('validation_failed', 'The deputy must be another member of the same org unit');
    }
    if (from > to) throw new DomainError('validation_failed', 'An absence ends on or after its first day');
    if (await tx.get('absence', absenceId)) throw new DomainError('conflict', `Absence ${absenceId} exists already`);
    const a: Absence = {
      id: absenceId,
      userId,
      deputyId,
      orgUnitId: absent.orgUnitId,
      from,
      to,
      createdBy: actor.id,
      createdAt: now,
      cancelled: false,
    };
    await tx.put('absence', a);
  },
});

export const cancelAbsence = defineMutator({
  name: 'cancelAbsence',
  args: z.object({ absenceId: z.uuid() }).strict(),
  journal: null,
  async run(tx, { actor }, { absenceId }) {
    const a = await tx.get('absence', absenceId);
    if (!a || a.orgUnitId !== actor.orgUnitId) throw new DomainError('not_found', `Absence ${absenceId} not found`);
    if (!mayManage(actor, a.userId, a.orgUnitId)) {
      throw new DomainError('forbidden', 'Only the user or the lead may cancel an absence');
    }
    if (a.cancelled) return;
    await tx.put('absence', { ...a, cancelled: true });
  },
});
