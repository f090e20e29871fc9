import { z } from 'zod';
import {
  DomainError,
  assertBescheidTransition,
  assertTransition,
  bescheidTransition,
  berlinDate,
  transition,
  type Bescheid,
} from '../domain/index.ts';
import {
  answerBlocker,
  answersFor,
  umlaufAntwort,
  umlaufStep,
  withAnswer,
  type AnswerBlocker,
  type UmlaufParticipant,
} from '../domain/umlauf.ts';
import { isLeadOf, loadVisible, touched } from './guards.ts';
import { statusChange } from './journal.ts';
import { defineMutator, type MutatorTx } from './types.ts';

const hash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

/** Journal target of an Umlauf command: the Umlauf carries its Bescheid's id, the Bescheid its Vorgang. */
async function byUmlaufId(tx: MutatorTx, args: { umlaufId: string }): Promise<string | undefined> {
  return (await tx.get('umlauf', args.umlaufId))?.vorgangId;
}

/**
 * Puts a submitted draft on an Umlauf (docs/umlauf.md): the author or a lead of the org unit,
 * while the Bescheid is eingereicht and before the Freigabe. The steps go in order; the server
 * opens each step's participants' view (a grant) as it comes due.
 */
export const startUmlauf = defineMutator({
  name: 'startUmlauf',
  args: z.object({ bescheidId: z.uuid(), steps: z.array(umlaufStep).min(1).max(10), contentHash: hash }).strict(),
  journal: {
    vorgang: async (tx, { bescheidId }) => (await tx.get('bescheid', bescheidId))?.vorgangId,
    summary: ({ args }) => ({
      bescheidId: args.bescheidId,
      contentHash: args.contentHash,
      steps: args.steps
        .map(
          (s) =>
            `${s.mode}${s.zurKenntnis ? ' (zur Kenntnis)' : ''}: ${s.participants.map((p) => `${p.kind}:${p.id}`).join(', ')}`,
        )
        .join(' → '),
    }),
  },
  async run(tx, { actor, now, authoritative }, { bescheidId, steps, contentHash }) {
    const b = await tx.get('bescheid', bescheidId);
    if (!b || b.orgUnitId !== actor.orgUnitId) throw new DomainError('not_found', `Bescheid ${bescheidId} not found`);
    const v = await loadVisible(tx, actor, b.vorgangId);
    if (actor.id !== b.authorId && !isLeadOf(actor, v)) {
      throw new DomainError('forbidden', 'Only the author or a lead of the org unit starts an Umlauf');
    }
    if (b.state !== 'eingereicht' || b.submittedHash !== contentHash) {
      throw new DomainError('invalid_transition', 'An Umlauf needs the submitted draft, before its Freigabe');
    }
    const existing = await tx.get('umlauf', bescheidId);
    if (existing) throw new DomainError('conflict', 'This Bescheid has an Umlauf already');
    if (authoritative) {
      for (const p of steps.flatMap((s) => s.participants)) {
        const known = p.kind === 'org' ? await tx.orgUnitExists(p.id) : (await tx.getUser(p.id)) !== undefined;
        if (!known) throw new DomainError('not_found', `Participant ${p.kind}:${p.id} not found`);
      }
    }
    await tx.put('umlauf', {
      id: bescheidId,
      vorgangId: b.vorgangId,
      bescheidId,
      orgUnitId: b.orgUnitId,
      startedBy: actor.id,
      startedAt: now,
      contentHash,
      state: 'laufend',
      steps,
      answers: [],
      version: 1,
      updatedAt: now,
    });
  },
});

const BLOCKER: Readonly<
  Record<
    AnswerBlocker | 'wrong_answer',
    [
      code:
        'invalid_transition' | 'stale_content' | 'forbidden' | 'four_eyes_violation' | 'conflict' | 'validation_failed',
      text: string,
    ]
  >
> = {
  not_running: ['invalid_transition', 'The Umlauf is not running'],
  stale_content: ['stale_content', 'The answer names content other than the draft on the Umlauf'],
  not_open: ['invalid_transition', 'This step or participant is not open for an answer'],
  not_participant: ['forbidden', 'The participant is not part of this step'],
  own_draft: ['four_eyes_violation', 'The author or an editor of a draft cannot co-sign it'],
  answered: ['conflict', 'This participant has answered already'],
  wrong_answer: ['validation_failed', 'A zur-Kenntnis step is acknowledged, the others are co-signed'],
};

/**
 * A participant's answer (Mitzeichnung): mitgezeichnet, mitgezeichnet mit Anmerkung, Einwand
 * (with a reason: the Umlauf stops and the draft goes back to its author), or zur Kenntnis
 * genommen for a step marked so. Only for the open step, by the named person or a member of the
 * named org unit (or the person's lead or deputy during an absence), never by the draft's
 * author or editors, once, and bound to the draft's content hash.
 */
export const mitzeichnen = defineMutator({
  name: 'mitzeichnen',
  args: z
    .object({
      umlaufId: z.uuid(),
      step: z.number().int().nonnegative().max(9),
      participant: z.string().regex(/^(org|user):.{1,64}$/),
      antwort: umlaufAntwort,
      kommentar: z.string().trim().max(2000).nullable(),
      contentHash: hash,
    })
    .strict(),
  journal: {
    vorgang: byUmlaufId,
    fromTo: 'status',
    summary: ({ args, before, after }) => ({
      umlaufId: args.umlaufId,
      step: args.step + 1,
      participant: args.participant,
      antwort: args.antwort,
      kommentar: args.kommentar,
      contentHash: args.contentHash,
      ...statusChange({ before, after }),
    }),
  },
  async run(tx, { actor, now }, args) {
    const u = await tx.get('umlauf', args.umlaufId);
    if (!u) throw new DomainError('not_found', `Umlauf ${args.umlaufId} not found`);
    const b: Bescheid | undefined = await tx.get('bescheid', u.bescheidId);
    const v = await tx.get('vorgang', u.vorgangId);
    if (!b || !v) throw new DomainError('not_found', `Umlauf ${args.umlaufId} not found`);
    const [kind, ...rest] = args.participant.split(':');
    const participant: UmlaufParticipant = { kind: kind === 'org' ? 'org' : 'user', id: rest.join(':') };
    const person =
      participant.kind === 'user'
        ? await (async () => {
            const user = await tx.getUser(participant.id);
            return user ? { orgUnitId: user.orgUnitId, absences: await tx.absencesOf(user.id) } : undefined;
          })()
        : undefined;
    if (!answersFor(actor, participant, person, berlinDate(now))) {
      throw new DomainError('forbidden', `You do not answer for ${args.participant} in this Umlauf`);
    }
    const blocker = answerBlocker(u, args, b, actor.id);
    if (blocker !== null) {
      const [code, text] = BLOCKER[blocker];
      throw new DomainError(code, text);
    }
    const kommentar = args.kommentar === null || args.kommentar === '' ? null : args.kommentar;
    if ((args.antwort === 'einwand' || args.antwort === 'mitgezeichnet_mit_anmerkung') && kommentar === null) {
      throw new DomainError('validation_failed', 'An Einwand or an Anmerkung needs a text');
    }
    const next = withAnswer(
      u,
      {
        step: args.step,
        participant: args.participant,
        by: actor.id,
        antwort: args.antwort,
        kommentar,
        contentHash: args.contentHash,
        at: now,
      },
      now,
    );
    await tx.put('umlauf', next);
    if (next.state === 'einwand') {
      // Back to the author with the reason, as a return by the lead.
      assertBescheidTransition(b.state, 'zurueckgegeben', 'mitzeichnen');
      assertTransition(v.status, 'zurueckgegeben', 'mitzeichnen');
      await tx.put('bescheid', {
        ...bescheidTransition(b, 'zurueckgegeben', 'mitzeichnen'),
        returnComment: kommentar,
        version: b.version + 1,
        updatedAt: now,
      });
      await tx.put('vorgang', touched(transition(v, 'zurueckgegeben', 'mitzeichnen'), now, {}));
    }
  },
});
