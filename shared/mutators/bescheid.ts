import { z } from 'zod';
import {
  DomainError,
  bescheidContent,
  bescheidContentHash,
  hasRole,
  type Bescheid,
  type User,
  type Vorgang,
  type VorgangStatus,
} from '../domain/index.ts';
import { unresolvedMarkers } from '../bescheid/template/finalize.ts';
import { assertMayWork, loadVisible, touched } from './guards.ts';
import { defineMutator, type MutatorTx } from './types.ts';
import { assertPrueflisteComplete } from './vorgang.ts';
import { byBescheidId, byVorgangId, statusChange } from './journal.ts';

const bescheidId = z.uuid();
const contentHash = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256');

/** Statuses in which the Vorgang has a Bescheid in the making that an edit pulls back to entscheidungsreif. */
const IN_APPROVAL: ReadonlySet<VorgangStatus> = new Set(['zur_freigabe', 'freigegeben', 'zurueckgegeben']);

async function loadBescheid(tx: MutatorTx, actor: User, id: string): Promise<{ b: Bescheid; v: Vorgang }> {
  const b = await tx.get('bescheid', id);
  if (!b || b.orgUnitId !== actor.orgUnitId) throw new DomainError('not_found', `Bescheid ${id} not found`);
  const v = await loadVisible(tx, actor, b.vorgangId);
  return { b, v };
}

function bumped(b: Bescheid, now: string, patch: Partial<Bescheid>): Bescheid {
  return { ...b, ...patch, version: b.version + 1, updatedAt: now };
}

/**
 * Four eyes: only a lead of the Vorgang's org unit who neither wrote nor edited the draft.
 * The server runs this authoritatively; the client only uses it to offer nothing to others.
 */
export function mayApprove(actor: User, b: Pick<Bescheid, 'orgUnitId' | 'authorId' | 'editorIds'>): boolean {
  return (
    hasRole(actor, 'lead') &&
    actor.orgUnitId === b.orgUnitId &&
    actor.id !== b.authorId &&
    !b.editorIds.includes(actor.id)
  );
}

function assertMayApprove(actor: User, b: Bescheid): void {
  if (mayApprove(actor, b)) return;
  throw new DomainError(
    'four_eyes_violation',
    actor.id === b.authorId || b.editorIds.includes(actor.id)
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
        state: 'entwurf',
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
    if ((await bescheidContentHash(existing.content)) === (await bescheidContentHash(content))) return;
    const editorIds = existing.editorIds.includes(actor.id) ? existing.editorIds : [...existing.editorIds, actor.id];
    await tx.put(
      'bescheid',
      bumped(existing, now, {
        content,
        editorIds,
        state: 'entwurf',
        submittedHash: null,
        submittedAt: null,
        approval: null,
      }),
    );
    if (IN_APPROVAL.has(v.status)) await tx.put('vorgang', touched(v, now, { status: 'entscheidungsreif' }));
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
    if (b.state !== 'entwurf' && b.state !== 'zurueckgegeben') {
      throw new DomainError('invalid_transition', `A Bescheid in state ${b.state} cannot be submitted`);
    }
    if (v.status !== 'entscheidungsreif') {
      throw new DomainError('invalid_transition', `Submitting needs the Vorgang entscheidungsreif, not ${v.status}`);
    }
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
      bumped(b, now, { state: 'eingereicht', submittedHash: contentHash, submittedAt: now, returnComment: null }),
    );
    await tx.put('vorgang', touched(v, now, { status: 'zur_freigabe' }));
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
    if (b.state !== 'eingereicht') {
      throw new DomainError(
        b.approval !== null ? 'conflict' : 'invalid_transition',
        b.approval !== null ? 'This Bescheid is approved already' : `A Bescheid in state ${b.state} cannot be approved`,
      );
    }
    if (contentHash !== b.submittedHash || (await bescheidContentHash(b.content)) !== contentHash) {
      throw new DomainError('stale_content', 'The approval names content other than the submitted version');
    }
    await tx.put(
      'bescheid',
      bumped(b, now, { state: 'freigegeben', approval: { by: actor.id, at: now, hash: contentHash } }),
    );
    await tx.put('vorgang', touched(v, now, { status: 'freigegeben' }));
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
    if (b.state !== 'eingereicht') {
      throw new DomainError('invalid_transition', `A Bescheid in state ${b.state} cannot be returned`);
    }
    await tx.put('bescheid', bumped(b, now, { state: 'zurueckgegeben', returnComment: comment, submittedHash: null }));
    await tx.put('vorgang', touched(v, now, { status: 'zurueckgegeben' }));
  },
});
