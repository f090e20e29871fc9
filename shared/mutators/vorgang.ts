import { z } from 'zod';
import { DomainError, canTransition, isoDate, manualNextStatuses, vorgangStatus } from '../domain/index.ts';
import { assertMayWork, isLeadOf, loadVisible, touched } from './guards.ts';
import { defineMutator } from './types.ts';

const vorgangId = z.uuid();

export const claim = defineMutator({
  name: 'claim',
  args: z.object({ vorgangId }).strict(),
  async run(tx, { actor, now }, { vorgangId }) {
    const v = await loadVisible(tx, actor, vorgangId);
    if (v.assigneeId === actor.id) return;
    if (v.assigneeId !== null) {
      throw new DomainError('already_assigned', `Vorgang ${v.aktenzeichen} is already assigned`);
    }
    await tx.putVorgang(touched(v, now, { assigneeId: actor.id }));
  },
});

/** Hand over to a colleague of the same org unit, or return to the team queue (null). */
export const assign = defineMutator({
  name: 'assign',
  args: z.object({ vorgangId, assigneeId: z.string().min(1).max(64).nullable() }).strict(),
  async run(tx, { actor, now }, { vorgangId, assigneeId }) {
    const v = await loadVisible(tx, actor, vorgangId);
    if (v.assigneeId !== actor.id && !isLeadOf(actor, v)) {
      throw new DomainError('not_assignee', `Only the assignee or the lead may hand over ${v.aktenzeichen}`);
    }
    if (assigneeId !== null) {
      const target = await tx.getUser(assigneeId);
      if (!target || target.orgUnitId !== v.orgUnitId) {
        throw new DomainError('forbidden', 'The new assignee must belong to the same org unit');
      }
    }
    if (v.assigneeId === assigneeId) return;
    await tx.putVorgang(touched(v, now, { assigneeId }));
  },
});

export const changeStatus = defineMutator({
  name: 'changeStatus',
  args: z.object({ vorgangId, to: vorgangStatus }).strict(),
  async run(tx, { actor, now }, { vorgangId, to }) {
    const v = await loadVisible(tx, actor, vorgangId);
    assertMayWork(actor, v);
    if (!canTransition(v.status, to) || !manualNextStatuses(v.status).includes(to)) {
      throw new DomainError('invalid_transition', `Status change ${v.status} → ${to} is not allowed`);
    }
    await tx.putVorgang(touched(v, now, { status: to }));
  },
});

export const setWiedervorlage = defineMutator({
  name: 'setWiedervorlage',
  args: z.object({ vorgangId, date: isoDate, note: z.string().max(500).optional() }).strict(),
  async run(tx, { actor, now }, { vorgangId, date, note }) {
    const v = await loadVisible(tx, actor, vorgangId);
    assertMayWork(actor, v);
    await tx.putVorgang(touched(v, now, { wiedervorlage: note === undefined ? { date } : { date, note } }));
  },
});

export const clearWiedervorlage = defineMutator({
  name: 'clearWiedervorlage',
  args: z.object({ vorgangId }).strict(),
  async run(tx, { actor, now }, { vorgangId }) {
    const v = await loadVisible(tx, actor, vorgangId);
    assertMayWork(actor, v);
    if (v.wiedervorlage === null) return;
    await tx.putVorgang(touched(v, now, { wiedervorlage: null }));
  },
});

export const addNote = defineMutator({
  name: 'addNote',
  args: z.object({ vorgangId, noteId: z.uuid(), text: z.string().trim().min(1).max(10_000) }).strict(),
  async run(tx, { actor, now }, { vorgangId, noteId, text }) {
    await loadVisible(tx, actor, vorgangId);
    if (await tx.getNote(noteId)) throw new DomainError('conflict', `Note ${noteId} exists already`);
    await tx.putNote({ id: noteId, vorgangId, authorId: actor.id, text, createdAt: now });
  },
});
