import { z } from 'zod';
import {
  BESCHEID_INITIAL_STATE,
  DomainError,
  approvalBlocker,
  assertBescheidTransition,
  assertTransition,
  bescheidContent,
  bescheidContentHash,
  bescheidTransition,
  canTransition,
  transition,
  type Bescheid,
  type User,
  type Vorgang,
} from '../domain/index.ts';
import { unresolvedMarkers } from '../bescheid/template/finalize.ts';
import { voided } from '../domain/umlauf.ts';
import { assertMayWork, loadVisible, touched } from './guards.ts';
import { defineMutator, type MutatorTx } from './types.ts';
import { assertPrueflisteComplete } from './vorgang.ts';
import { byBescheidId, byVorgangId, statusChange } from './journal.ts';

const bescheidId = z.uuid();
const contentHash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

async function loadBescheid(tx: MutatorTx, actor: User, id: string): Promise<{ b: Bescheid; v: Vorgang }> {
  const b = await tx.get('bescheid', id);
  if (!b || b.orgUnitId !== actor.orgUnitId) throw new DomainError('not_found', `Bescheid ${id} not found`);
  const v = await loadVisible(tx, actor, b.vorgangId);
  return { b, v };
}

function bumped(b: Bescheid, now: string, patch: Partial<Bescheid>): Bescheid {
  return { ...b, ...patch, version: b.version + 1, updatedAt: now };
}

/** Four eyes (approvalBlocker, shared/domain): the server refuses with it, the client names it. */
function assertMayApprove(actor: User, b: Bescheid): void {
  const blocker = approvalBlocker(actor, b);
  if (blocker === null) return;
  throw new DomainError(
    'four_eyes_violation',
    blocker === 'author' || blocker === 'editor'
      ? 'The author or an editor of a Bescheid cannot approve it'
      : 'Only a lead of the org unit can approve a Bescheid',
  );
}

/**
 * Creates or edits the draft. Any edit after submission voids the submission and a given
 * Freigabe: the Bescheid is a draft again and the Vorgang back at entscheidungsreif.
 */
export const saveBescheid = defineMutator({
  name: 'saveBescheid',
  args: z.object({ bescheidId, vorgangId: z.uuid(), content: bescheidContent }).strict(),
  journal: {
    vorgang: byVorgangId,
    fromTo: 'status',
    // The text stays in the Bescheid; a save only records that the draft changed.
    summary: ({ args, before, after }) => ({ bescheidId: args.bescheidId, ...statusChange({ before, after }) }),
  },
  async run(tx, { actor, now }, { bescheidId, vorgangId, content }) {
    const v = await loadVisible(tx, actor, vorgangId);
    await assertMayWork(tx, actor, v, now);
    const existing = await tx.get('bescheid', bescheidId);
    if (!existing) {
      if (v.status !== 'entscheidungsreif' && v.status !== 'zurueckgegeben') {
        throw new DomainError('invalid_transition', `A Bescheid needs the Vorgang entscheidungsreif, not ${v.status}`);
      }
      await tx.put('bescheid', {
        id: bescheidId,
        vorgangId,
        orgUnitId: v.orgUnitId,
        content,
        state: BESCHEID_INITIAL_STATE,
        authorId: actor.id,
        editorIds: [actor.id],
        submittedHash: null,
        submittedAt: null,
        approval: null,
        returnComment: null,
        dokumentId: null,
        version: 1,
        updatedAt: now,
      });
      return;
    }
    if (existing.vorgangId !== vorgangId) throw new DomainError('conflict', 'The Bescheid belongs to another Vorgang');
    if (existing.state === 'gesiegelt') {
      throw new DomainError('invalid_transition', 'A sealed Bescheid cannot change');
    }
    assertBescheidTransition(existing.state, 'entwurf', 'saveBescheid');
    if ((await bescheidContentHash(existing.content)) === (await bescheidContentHash(content))) return;
    const editorIds = existing.editorIds.includes(actor.id) ? existing.editorIds : [...existing.editorIds, actor.id];
    await tx.put(
      'bescheid',
      bumped(bescheidTransition(existing, 'entwurf', 'saveBescheid'), now, {
        content,
        editorIds,
        submittedHash: null,
        submittedAt: null,
        approval: null,
      }),
    );
    // Every Mitzeichnung given so far was for the old text: the Umlauf waits for the next submission.
    const u = await tx.get('umlauf', bescheidId);
    if (u && u.state !== 'wartet') await tx.put('umlauf', voided(u, now));
    // In the Freigabe round (submitted, approved or returned) the edit opens the decision again.
    if (canTransition(v.status, 'entscheidungsreif', 'saveBescheid')) {
      await tx.put('vorgang', touched(transition(v, 'entscheidungsreif', 'saveBescheid'), now, {}));
    }
  },
});

/** Freezes the content hash and asks the lead for Freigabe. */
export const submitBescheid = defineMutator({
  name: 'submitBescheid',
  args: z.object({ bescheidId, contentHash }).strict(),
  journal: {
    vorgang: byBescheidId,
    fromTo: 'status',
    // The hash binds the event to exactly one version of the text.
    summary: ({ args, before, after }) => ({
      bescheidId: args.bescheidId,
      contentHash: args.contentHash,
      ...statusChange({ before, after }),
    }),
  },
  async run(tx, { actor, now }, { bescheidId, contentHash }) {
    const { b, v } = await loadBescheid(tx, actor, bescheidId);
    await assertMayWork(tx, actor, v, now);
    assertBescheidTransition(b.state, 'eingereicht', 'submitBescheid');
    assertTransition(v.status, 'zur_freigabe', 'submitBescheid');
    await assertPrueflisteComplete(tx, v, now);
    const unresolved = unresolvedMarkers(b.content);
    if (unresolved.length > 0) {
      throw new DomainError('validation_failed', `Unresolved placeholders: ${unresolved.join(', ')}`);
    }
    if ((await bescheidContentHash(b.content)) !== contentHash) {
      throw new DomainError('stale_content', 'The Bescheid changed after the submitted version');
    }
    await tx.put(
      'bescheid',
      bumped(bescheidTransition(b, 'eingereicht', 'submitBescheid'), now, {
        submittedHash: contentHash,
        submittedAt: now,
        returnComment: null,
      }),
    );
    await tx.put('vorgang', touched(transition(v, 'zur_freigabe', 'submitBescheid'), now, {}));
    // An Umlauf voided by an edit (or stopped by an Einwand) starts again from its first step.
    const u = await tx.get('umlauf', bescheidId);
    if (u && u.state !== 'laufend') {
      await tx.put('umlauf', {
        ...u,
        answers: [],
        contentHash,
        state: 'laufend',
        version: u.version + 1,
        updatedAt: now,
      });
    }
  },
});

/** The 4-eyes Freigabe of exactly the submitted content. */
export const approveBescheid = defineMutator({
  name: 'approveBescheid',
  args: z.object({ bescheidId, contentHash }).strict(),
  journal: {
    vorgang: byBescheidId,
    fromTo: 'status',
    summary: ({ args, before, after }) => ({
      bescheidId: args.bescheidId,
      contentHash: args.contentHash,
      ...statusChange({ before, after }),
    }),
  },
  async run(tx, { actor, now }, { bescheidId, contentHash }) {
    const { b, v } = await loadBescheid(tx, actor, bescheidId);
    assertMayApprove(actor, b);
    if (b.approval !== null && b.state !== 'eingereicht') {
      throw new DomainError('conflict', 'This Bescheid is approved already');
    }
    assertBescheidTransition(b.state, 'freigegeben', 'approveBescheid');
    // The 4-eyes Freigabe follows the completed Umlauf.
    const u = await tx.get('umlauf', bescheidId);
    if (u && u.state !== 'abgeschlossen') {
      throw new DomainError('conflict', 'The Umlauf of this Bescheid is not complete');
    }
    if (contentHash !== b.submittedHash || (await bescheidContentHash(b.content)) !== contentHash) {
      throw new DomainError('stale_content', 'The approval names content other than the submitted version');
    }
    await tx.put(
      'bescheid',
      bumped(bescheidTransition(b, 'freigegeben', 'approveBescheid'), now, {
        approval: { by: actor.id, at: now, hash: contentHash },
      }),
    );
    await tx.put('vorgang', touched(transition(v, 'freigegeben', 'approveBescheid'), now, {}));
  },
});

/** The lead sends the draft back with a comment. */
export const returnBescheid = defineMutator({
  name: 'returnBescheid',
  args: z.object({ bescheidId, comment: z.string().trim().min(1).max(2000) }).strict(),
  journal: {
    vorgang: byBescheidId,
    fromTo: 'status',
    summary: ({ args, before, after }) => ({
      bescheidId: args.bescheidId,
      comment: args.comment,
      ...statusChange({ before, after }),
    }),
  },
  async run(tx, { actor, now }, { bescheidId, comment }) {
    const { b, v } = await loadBescheid(tx, actor, bescheidId);
    assertMayApprove(actor, b);
    assertBescheidTransition(b.state, 'zurueckgegeben', 'returnBescheid');
    await tx.put(
      'bescheid',
      bumped(bescheidTransition(b, 'zurueckgegeben', 'returnBescheid'), now, {
        returnComment: comment,
        submittedHash: null,
      }),
    );
    await tx.put('vorgang', touched(transition(v, 'zurueckgegeben', 'returnBescheid'), now, {}));
  },
});
