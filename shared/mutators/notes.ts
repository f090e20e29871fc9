import { z } from 'zod';
import { DomainError, type Note, type User } from '../domain/index.ts';
import { loadVisible } from './guards.ts';
import { defineMutator, type MutatorTx } from './types.ts';
import { byVorgangId } from './journal.ts';

const vorgangId = z.uuid();
const noteId = z.uuid();
const text = z.string().trim().min(1).max(10_000);

export const addNote = defineMutator({
  name: 'addNote',
  args: z.object({ vorgangId, noteId, text }).strict(),
  journal: {
    vorgang: byVorgangId,
    // The new text stays in the note; the journal records that and how much was written.
    summary: ({ args }) => ({ noteId: args.noteId, textLength: args.text.trim().length }),
  },
  async run(tx, { actor, now }, { vorgangId, noteId, text }) {
    await loadVisible(tx, actor, vorgangId);
    if (await tx.get('note', noteId)) throw new DomainError('conflict', `Note ${noteId} exists already`);
    await tx.put('note', {
      id: noteId,
      vorgangId,
      authorId: actor.id,
      text,
      createdAt: now,
      updatedAt: null,
      deletedAt: null,
    });
  },
});

/** Only its author edits or deletes a note; the journal keeps the previous text. */
async function loadOwnNote(tx: MutatorTx, actor: User, vorgangId: string, noteId: string): Promise<Note> {
  await loadVisible(tx, actor, vorgangId);
  const n = await tx.get('note', noteId);
  if (!n || n.vorgangId !== vorgangId || n.deletedAt !== null) {
    throw new DomainError('not_found', `Note ${noteId} not found`);
  }
  if (n.authorId !== actor.id) throw new DomainError('forbidden', 'Only the author may change a note');
  return n;
}

export const editNote = defineMutator({
  name: 'editNote',
  args: z.object({ vorgangId, noteId, text }).strict(),
  journal: { vorgang: byVorgangId, before: previousText, summary: ({ args }) => ({ noteId: args.noteId }) },
  async run(tx, { actor, now }, { vorgangId, noteId, text }) {
    const n = await loadOwnNote(tx, actor, vorgangId, noteId);
    if (n.text === text) return;
    await tx.put('note', { ...n, text, updatedAt: now });
  },
});

export const deleteNote = defineMutator({
  name: 'deleteNote',
  args: z.object({ vorgangId, noteId }).strict(),
  journal: { vorgang: byVorgangId, before: previousText, summary: ({ args }) => ({ noteId: args.noteId }) },
  async run(tx, { actor, now }, { vorgangId, noteId }) {
    const n = await loadOwnNote(tx, actor, vorgangId, noteId);
    await tx.put('note', { ...n, text: '', updatedAt: now, deletedAt: now });
  },
});

/** The record keeps the text an edit or deletion replaces; the note keeps only its current text. */
async function previousText(tx: MutatorTx, args: { noteId: string }) {
  return { previousText: (await tx.get('note', args.noteId))?.text ?? null };
}
