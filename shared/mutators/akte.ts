import { z } from 'zod';
import { abschlussGrund, zdaBlocker, type ZdaBlocker } from '../domain/akte.ts';
import { aufbewahrungBis, isLeaf } from '../domain/aktenplan.ts';
import { DomainError, berlinDate, transition, type Vorgang } from '../domain/index.ts';
import { assertMayWork, isLeadOf, loadVisible, touched } from './guards.ts';
import { byVorgangId, statusChange } from './journal.ts';
import { defineMutator, type MutatorTx } from './types.ts';

const ZDA_MESSAGES: Readonly<Record<ZdaBlocker, string>> = {
  closed: 'The Vorgang is zu den Akten verfügt already',
  not_dispatched: 'Only a Vorgang whose Bescheid was dispatched is concluded with it',
  bescheid_in_progress: 'A Bescheid is on its way: return it or finish its dispatch first',
  begruendung_missing: 'A conclusion without Bescheid needs a Begründung',
  wiedervorlage_open: 'An open Wiedervorlage must be cleared first',
};

async function fallakteOf(tx: MutatorTx, v: Vorgang) {
  // The Fallakte carries its Vorgang's id (server/src/db/migrations/0011_akten.sql).
  const akte = await tx.get('akte', v.id);
  if (!akte) throw new DomainError('not_found', `The Akte of Vorgang ${v.aktenzeichen} is not available`);
  return akte;
}

/**
 * z.d.A. verfügen: the clerk concludes the Vorgang — after the dispatch of its Bescheid, or
 * without one (Rücknahme, Erledigung auf andere Weise) with a Begründung. The Vorgang and its
 * Akte become read-only; the retention starts and ends on 31 December of this year plus the
 * Aktenplaneinheit's Aufbewahrungsfrist, fixed now. The Begründung stays in the Akte (the
 * record must keep it); the journal names the reason by its code.
 */
export const verfuegeZda = defineMutator({
  name: 'verfuegeZda',
  args: z.object({ vorgangId: z.uuid(), grund: abschlussGrund, begruendung: z.string().max(1000).nullable() }).strict(),
  journal: {
    vorgang: byVorgangId,
    fromTo: 'status',
    summary: ({ args, before, after }) => ({ grund: args.grund, ...statusChange({ before, after }) }),
  },
  async run(tx, { actor, now }, { vorgangId, grund, begruendung }) {
    const v = await loadVisible(tx, actor, vorgangId, { closed: 'allow' });
    await assertMayWork(tx, actor, v, now);
    const text = begruendung === null || begruendung.trim() === '' ? null : begruendung.trim();
    const blocker = zdaBlocker(v, grund, text);
    if (blocker === 'closed') throw new DomainError('closed', ZDA_MESSAGES.closed);
    if (blocker !== null) {
      const code = blocker === 'begruendung_missing' ? 'validation_failed' : 'invalid_transition';
      throw new DomainError(code, ZDA_MESSAGES[blocker]);
    }
    const akte = await fallakteOf(tx, v);
    const einheit = await tx.getAktenplanEinheit(akte.kennzeichen);
    if (!einheit || !isLeaf(einheit)) {
      throw new DomainError('validation_failed', `Aktenplaneinheit ${akte.kennzeichen} has no retention rule`);
    }
    const am = berlinDate(now);
    await tx.put('vorgang', touched(transition(v, 'abgeschlossen', 'verfuegeZda'), now, {}));
    await tx.put('akte', {
      ...akte,
      status: 'zda',
      abschluss: { am, grund, begruendung: text, verfuegtVon: actor.id },
      aufbewahrungBis: aufbewahrungBis(am, einheit.aufbewahrungsfristJahre),
      aussonderungsart: einheit.aussonderungsart,
      version: akte.version + 1,
      updatedAt: now,
    });
  },
});

/**
 * Wiederaufnahme: a lead of the org unit reopens a concluded Vorgang, with a reason the
 * journal keeps (the record must say why a closed file was reopened). The Akte is laufend
 * again; its retention is fixed anew at the next z.d.A.
 */
export const wiederaufnehmen = defineMutator({
  name: 'wiederaufnehmen',
  args: z.object({ vorgangId: z.uuid(), begruendung: z.string().trim().min(1).max(1000) }).strict(),
  journal: {
    vorgang: byVorgangId,
    fromTo: 'status',
    summary: ({ args, before, after }) => ({ begruendung: args.begruendung, ...statusChange({ before, after }) }),
  },
  async run(tx, { actor, now }, { vorgangId }) {
    const v = await loadVisible(tx, actor, vorgangId, { closed: 'allow' });
    if (!isLeadOf(actor, v)) throw new DomainError('forbidden', 'Only a lead of the org unit reopens a Vorgang');
    const akte = await fallakteOf(tx, v);
    await tx.put('vorgang', touched(transition(v, 'in_bearbeitung', 'wiederaufnehmen'), now, {}));
    await tx.put('akte', {
      ...akte,
      status: 'laufend',
      abschluss: null,
      aufbewahrungBis: null,
      aussonderungsart: null,
      version: akte.version + 1,
      updatedAt: now,
    });
  },
});
