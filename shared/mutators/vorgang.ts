import { z } from 'zod';
import {
  DomainError,
  NACHFORDERUNG_TEXT_MAX,
  assertTransition,
  berlinDate,
  isoDate,
  nachforderungInput,
  transition,
  vorgangPruefliste,
  vorgangStatus,
  type Vorgang,
} from '../domain/index.ts';
import { assertMayWork, loadVisible, touched } from './guards.ts';
import { defineMutator, type MutatorTx } from './types.ts';
import { byVorgangId, statusChange } from './journal.ts';

const vorgangId = z.uuid();
const userId = z.string().min(1).max(64);

export const claim = defineMutator({
  name: 'claim',
  args: z.object({ vorgangId }).strict(),
  journal: { vorgang: byVorgangId, fromTo: 'assignee', summary: assigneeChange },
  async run(tx, { actor, now }, { vorgangId }) {
    const v = await loadVisible(tx, actor, vorgangId);
    if (v.assigneeId === actor.id) return;
    if (v.assigneeId !== null) {
      throw new DomainError('already_assigned', `Vorgang ${v.aktenzeichen} is already assigned`);
    }
    await tx.put('vorgang', touched(v, now, { assigneeId: actor.id }));
  },
});

/**
 * Taking over a colleague's Vorgang (the UI asks for confirmation first). `fromAssigneeId`
 * names whom the clerk saw as owner: if someone else took it meanwhile, it is a conflict.
 */
export const takeOver = defineMutator({
  name: 'takeOver',
  args: z.object({ vorgangId, fromAssigneeId: userId }).strict(),
  journal: { vorgang: byVorgangId, fromTo: 'assignee', summary: assigneeChange },
  async run(tx, { actor, now }, { vorgangId, fromAssigneeId }) {
    const v = await loadVisible(tx, actor, vorgangId);
    if (v.assigneeId === actor.id) return;
    if (v.assigneeId !== fromAssigneeId) {
      throw new DomainError('conflict', `Vorgang ${v.aktenzeichen} changed hands meanwhile`);
    }
    await tx.put('vorgang', touched(v, now, { assigneeId: actor.id }));
  },
});

/** Hand over to a colleague of the same org unit, or return to the team queue (null). */
export const assign = defineMutator({
  name: 'assign',
  args: z.object({ vorgangId, assigneeId: userId.nullable() }).strict(),
  journal: { vorgang: byVorgangId, fromTo: 'assignee', summary: assigneeChange },
  async run(tx, { actor, now }, { vorgangId, assigneeId }) {
    const v = await loadVisible(tx, actor, vorgangId);
    await assertMayWork(tx, actor, v, now);
    if (assigneeId !== null) {
      const target = await tx.getUser(assigneeId);
      if (!target || target.orgUnitId !== v.orgUnitId) {
        throw new DomainError('forbidden', 'The new assignee must belong to the same org unit');
      }
    }
    if (v.assigneeId === assigneeId) return;
    await tx.put('vorgang', touched(v, now, { assigneeId }));
  },
});

/** Refuses when the Vorgang's Prüfliste (if it has one) is not complete as of `now`. */
export async function assertPrueflisteComplete(tx: MutatorTx, v: Vorgang, now: string): Promise<void> {
  const verfahren = await tx.getVerfahren(v.verfahrenId);
  if (!verfahren) throw new DomainError('not_found', `Verfahren ${v.verfahrenId} not found`);
  const p = vorgangPruefliste(verfahren, v, berlinDate(now));
  if (p === undefined || p.completeness.complete) return;
  const open = [...p.completeness.missing, ...p.completeness.unexplainedFailures];
  throw new DomainError('pruefliste_incomplete', `Prüfliste of ${v.aktenzeichen} is incomplete: ${open.join(', ')}`);
}

export const changeStatus = defineMutator({
  name: 'changeStatus',
  args: z.object({ vorgangId, to: vorgangStatus }).strict(),
  journal: { vorgang: byVorgangId, fromTo: 'status', summary: statusChange },
  async run(tx, { actor, now }, { vorgangId, to }) {
    const v = await loadVisible(tx, actor, vorgangId);
    await assertMayWork(tx, actor, v, now);
    assertTransition(v.status, to, 'changeStatus');
    if (to === 'entscheidungsreif') await assertPrueflisteComplete(tx, v, now);
    // changeStatus never enters `wartet`; leaving it by hand ends the Nachforderung.
    await tx.put('vorgang', touched(transition(v, to, 'changeStatus'), now, { nachforderung: null }));
  },
});

export const setWiedervorlage = defineMutator({
  name: 'setWiedervorlage',
  args: z.object({ vorgangId, date: isoDate, note: z.string().max(500).optional() }).strict(),
  journal: { vorgang: byVorgangId, fromTo: 'wiedervorlage', summary: wiedervorlageChange },
  async run(tx, { actor, now }, { vorgangId, date, note }) {
    const v = await loadVisible(tx, actor, vorgangId);
    await assertMayWork(tx, actor, v, now);
    await tx.put('vorgang', touched(v, now, { wiedervorlage: note === undefined ? { date } : { date, note } }));
  },
});

export const clearWiedervorlage = defineMutator({
  name: 'clearWiedervorlage',
  args: z.object({ vorgangId }).strict(),
  journal: { vorgang: byVorgangId, fromTo: 'wiedervorlage', summary: wiedervorlageChange },
  async run(tx, { actor, now }, { vorgangId }) {
    const v = await loadVisible(tx, actor, vorgangId);
    await assertMayWork(tx, actor, v, now);
    if (v.wiedervorlage === null) return;
    await tx.put('vorgang', touched(v, now, { wiedervorlage: null }));
  },
});

/** Asks the applicant for missing documents: the Vorgang waits, with its own Frist. */
export const requestNachforderung = defineMutator({
  name: 'requestNachforderung',
  args: z.object({ vorgangId, frist: isoDate, text: z.string().trim().min(1).max(NACHFORDERUNG_TEXT_MAX) }).strict(),
  journal: {
    vorgang: byVorgangId,
    fromTo: 'status',
    // The letter's text stays out of the journal; the Frist is what the record needs.
    summary: ({ before, after }) => ({ frist: after.nachforderung?.frist ?? null, ...statusChange({ before, after }) }),
  },
  async run(tx, { actor, now }, { vorgangId, frist, text }) {
    const v = await loadVisible(tx, actor, vorgangId);
    await assertMayWork(tx, actor, v, now);
    assertTransition(v.status, 'wartet', 'requestNachforderung');
    const input = nachforderungInput(frist, text, berlinDate(now));
    if (!input.ok) {
      throw new DomainError(
        'validation_failed',
        input.error === 'frist_invalid'
          ? 'The Frist of a Nachforderung must lie in the future'
          : 'A Nachforderung says what is missing',
      );
    }
    await tx.put(
      'vorgang',
      touched(transition(v, 'wartet', 'requestNachforderung'), now, {
        nachforderung: { ...input.value, requestedAt: now },
      }),
    );
  },
});

function assigneeChange({ before, after }: { before: Vorgang; after: Vorgang }) {
  return { from: before.assigneeId, to: after.assigneeId };
}

function wiedervorlageChange({ before, after }: { before: Vorgang; after: Vorgang }) {
  return { from: before.wiedervorlage?.date ?? null, to: after.wiedervorlage?.date ?? null };
}
