import { describe, expect, it } from 'vitest';
import { formFromContent } from './form.ts';
import { mergeDraft, saveState } from './draft.ts';
import { CONTENT, makeBescheid } from './test-data.ts';

const storedForm = formFromContent(CONTENT, 3070);
const typed = { ...storedForm, anrede: 'Sehr geehrte Damen und Herren,' };

describe('mergeDraft (reload)', () => {
  it('starts fresh without a Bescheid or a draft', () => {
    expect(mergeDraft(undefined, undefined, null)).toEqual({ kind: 'none' });
  });

  it('restores a draft that was never saved', () => {
    expect(mergeDraft(undefined, { form: typed, baseVersion: 0 }, null)).toEqual({ kind: 'draft', form: typed });
  });

  it('shows the stored Bescheid when there is no draft or the draft says the same', () => {
    const b = makeBescheid({ version: 3 });
    expect(mergeDraft(b, undefined, 3070)).toEqual({ kind: 'stored', form: storedForm });
    expect(mergeDraft(b, { form: storedForm, baseVersion: 1 }, 3070)).toEqual({ kind: 'stored', form: storedForm });
  });

  it('continues with typing the stored Bescheid lacks', () => {
    const b = makeBescheid({ version: 3 });
    expect(mergeDraft(b, { form: typed, baseVersion: 3 }, 3070)).toEqual({ kind: 'draft', form: typed });
  });

  it('keeps the typing but reports a conflict when the Bescheid changed since the draft began', () => {
    const b = makeBescheid({ version: 4 });
    expect(mergeDraft(b, { form: typed, baseVersion: 3 }, 3070)).toEqual({
      kind: 'conflict',
      form: typed,
      stored: storedForm,
    });
  });

  it('keeps typing that is not yet valid content', () => {
    const invalid = { ...storedForm, betreff: '' };
    expect(mergeDraft(makeBescheid(), { form: invalid, baseVersion: 1 }, 3070)).toEqual({
      kind: 'draft',
      form: invalid,
    });
  });

  it('drops a draft once the Bescheid is submitted, approved or sealed', () => {
    for (const state of ['eingereicht', 'freigegeben', 'gesiegelt'] as const) {
      expect(mergeDraft(makeBescheid({ state }), { form: typed, baseVersion: 1 }, 3070).kind).toBe('stored');
    }
    expect(mergeDraft(makeBescheid({ state: 'zurueckgegeben' }), { form: typed, baseVersion: 1 }, 3070).kind).toBe(
      'draft',
    );
  });
});

describe('saveState', () => {
  it('follows the text from typed to queued to confirmed', () => {
    const edited = { ...CONTENT, anrede: 'Guten Tag,' };
    expect(saveState({ content: null, stored: CONTENT, pending: 0, failed: false })).toBe('invalid');
    expect(saveState({ content: edited, stored: undefined, pending: 0, failed: false })).toBe('unsaved');
    expect(saveState({ content: edited, stored: CONTENT, pending: 1, failed: false })).toBe('unsaved');
    expect(saveState({ content: edited, stored: CONTENT, pending: 0, failed: true })).toBe('failed');
    expect(saveState({ content: CONTENT, stored: CONTENT, pending: 2, failed: false })).toBe('pending');
    expect(saveState({ content: CONTENT, stored: CONTENT, pending: 0, failed: false })).toBe('saved');
  });

  it('claims nothing kept while the local copy is still being written', () => {
    const edited = { ...CONTENT, anrede: 'Guten Tag,' };
    expect(saveState({ content: edited, stored: CONTENT, pending: 0, failed: false, storing: true })).toBe('storing');
    expect(saveState({ content: null, stored: CONTENT, pending: 0, failed: false, storing: true })).toBe('storing');
    expect(saveState({ content: edited, stored: CONTENT, pending: 0, failed: false, storing: false })).toBe('unsaved');
  });
});
