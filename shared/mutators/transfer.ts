import { z } from 'zod';
import { behoerdenkennungSchema } from '../bescheid/authority.ts';
import { DomainError, transition, type VorgangStatus } from '../domain/index.ts';
import { isLeadOf, loadVisible, touched } from './guards.ts';
import { byVorgangId, statusChange } from './journal.ts';
import { defineMutator } from './types.ts';

/**
 * Statuses in which a Vorgang may go to another org unit. Once a Bescheid is in the Freigabe or
 * sealed, the deciding unit stays responsible until the end.
 */
export const TRANSFERABLE_STATUSES: readonly VorgangStatus[] = [
  'eingegangen',
  'in_bearbeitung',
  'wartet',
  'entscheidungsreif',
  'zurueckgegeben',
];

/**
 * Abgabe: the lead hands a Vorgang to another org unit (wrong responsibility, reorganisation).
 * It lands in that unit's team queue; with it go its notes, documents and Bescheid draft, and
 * the old unit's clients drop them (scope exits). The target must exist: only the server can
 * tell, so the optimistic run takes it on trust.
 */
export const transferVorgang = defineMutator({
  name: 'transferVorgang',
  args: z.object({ vorgangId: z.uuid(), orgUnitId: z.string().min(1).max(64) }).strict(),
  journal: {
    vorgang: byVorgangId,
    fromTo: 'orgUnit',
    summary: ({ before, after }) => ({ from: before.orgUnitId, to: after.orgUnitId }),
  },
  async run(tx, { actor, now, authoritative }, { vorgangId, orgUnitId }) {
    const v = await loadVisible(tx, actor, vorgangId);
    if (!isLeadOf(actor, v)) throw new DomainError('forbidden', 'Only a lead of the org unit hands a Vorgang over');
    if (orgUnitId === v.orgUnitId)
      throw new DomainError('validation_failed', 'The Vorgang is in this org unit already');
    if (!TRANSFERABLE_STATUSES.includes(v.status)) {
      throw new DomainError('invalid_transition', `A Vorgang in status ${v.status} stays with its org unit`);
    }
    if (authoritative && !(await tx.orgUnitExists(orgUnitId))) {
      throw new DomainError('not_found', `Org unit ${orgUnitId} not found`);
    }
    await tx.put('vorgang', touched(v, now, { orgUnitId, assigneeId: null }));
  },
});

/** The authority a Vorgang is handed to: its Behördenkennung (DVDV) and its name. */
export const abgabeEmpfaenger = behoerdenkennungSchema
  .extend({ name: z.string().trim().min(1, 'name is required').max(200) })
  .strict();
export type AbgabeEmpfaenger = z.output<typeof abgabeEmpfaenger>;

/**
 * Abgabe an eine andere Behörde: the lead hands a Vorgang the authority is not competent for
 * (the application reached the wrong Kommune) to the competent one, with a Begründung. The
 * Vorgang becomes read-only at once; the server sends it as xdomea Abgabe.Abgabe.0401 (a
 * durable job) and, once delivered, it leaves the authority: every client drops it and its
 * rows are deleted, leaving a deletion record (docs/e-akte.md, "Abgabe"). The Begründung is
 * the record's own: the journal keeps it, the recipient reads it in the message.
 */
export const abgebenAnBehoerde = defineMutator({
  name: 'abgebenAnBehoerde',
  args: z
    .object({
      vorgangId: z.uuid(),
      empfaenger: abgabeEmpfaenger,
      begruendung: z.string().trim().min(1).max(1000),
    })
    .strict(),
  journal: {
    vorgang: byVorgangId,
    fromTo: 'status',
    summary: ({ args, before, after }) => ({
      empfaenger: `${args.empfaenger.praefix}${args.empfaenger.kennung}`,
      empfaengerName: args.empfaenger.name,
      begruendung: args.begruendung,
      ...statusChange({ before, after }),
    }),
  },
  async run(tx, { actor, now }, { vorgangId }) {
    const v = await loadVisible(tx, actor, vorgangId);
    if (!isLeadOf(actor, v)) {
      throw new DomainError('forbidden', 'Only a lead of the org unit hands a Vorgang to another authority');
    }
    if (!TRANSFERABLE_STATUSES.includes(v.status)) {
      throw new DomainError('invalid_transition', `A Vorgang in status ${v.status} stays with this authority`);
    }
    await tx.put(
      'vorgang',
      touched(transition(v, 'abgegeben', 'abgebenAnBehoerde'), now, { nachforderung: null, wiedervorlage: null }),
    );
  },
});
