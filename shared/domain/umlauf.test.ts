import { describe, expect, it } from 'vitest';
import {
  answerBlocker,
  answersFor,
  currentStep,
  openParticipants,
  voided,
  withAnswer,
  type Umlauf,
  type UmlaufAnswer,
} from './umlauf.ts';

const H = 'a'.repeat(64);
const NOW = '2026-12-01T10:00:00.000Z';
const base: Umlauf = {
  id: '6f1c2a3b-0000-4000-8000-000000000001',
  vorgangId: '6f1c2a3b-0000-4000-8000-000000000002',
  bescheidId: '6f1c2a3b-0000-4000-8000-000000000001',
  orgUnitId: 'oe1',
  startedBy: 'author',
  startedAt: NOW,
  contentHash: H,
  state: 'laufend',
  steps: [
    {
      mode: 'sequential',
      zurKenntnis: false,
      frist: null,
      participants: [
        { kind: 'org', id: 'recht' },
        { kind: 'user', id: 'kaemmerer' },
      ],
    },
    {
      mode: 'parallel-any',
      zurKenntnis: false,
      frist: null,
      participants: [
        { kind: 'user', id: 'a' },
        { kind: 'user', id: 'b' },
      ],
    },
    { mode: 'parallel-all', zurKenntnis: true, frist: null, participants: [{ kind: 'org', id: 'datenschutz' }] },
  ],
  answers: [],
  version: 1,
  updatedAt: NOW,
};
const draft = { authorId: 'author', editorIds: ['author', 'editor'] };
const answer = (
  step: number,
  participant: string,
  antwort: UmlaufAnswer['antwort'] = 'mitgezeichnet',
): UmlaufAnswer => ({
  step,
  participant,
  by: 'x',
  antwort,
  kommentar: null,
  contentHash: H,
  at: NOW,
});

describe('the Umlauf', () => {
  it('opens a sequential step one participant after the other', () => {
    expect(openParticipants(base)).toEqual([{ kind: 'org', id: 'recht' }]);
    const one = withAnswer(base, answer(0, 'org:recht'), NOW);
    expect(currentStep(one)).toBe(0);
    expect(openParticipants(one)).toEqual([{ kind: 'user', id: 'kaemmerer' }]);
    expect(
      answerBlocker(
        base,
        { step: 0, participant: 'user:kaemmerer', antwort: 'mitgezeichnet', contentHash: H },
        draft,
        'k',
      ),
    ).toBe('not_open');
  });

  it('completes a parallel-any step with the first concurrence, and ends after the last step', () => {
    let u = withAnswer(withAnswer(base, answer(0, 'org:recht'), NOW), answer(0, 'user:kaemmerer'), NOW);
    expect(currentStep(u)).toBe(1);
    expect(openParticipants(u).map((p) => p.id)).toEqual(['a', 'b']);
    u = withAnswer(u, answer(1, 'user:b', 'mitgezeichnet_mit_anmerkung'), NOW);
    expect(currentStep(u)).toBe(2);
    // A zur-Kenntnis step takes only the acknowledgement.
    expect(
      answerBlocker(
        u,
        { step: 2, participant: 'org:datenschutz', antwort: 'mitgezeichnet', contentHash: H },
        draft,
        'd',
      ),
    ).toBe('wrong_answer');
    u = withAnswer(u, answer(2, 'org:datenschutz', 'zur_kenntnis_genommen'), NOW);
    expect(u.state).toBe('abgeschlossen');
    expect(openParticipants(u)).toEqual([]);
  });

  it('stops at an Einwand, refuses the author, editors, stale content and second answers, and is voided by an edit', () => {
    const stopped = withAnswer(base, answer(0, 'org:recht', 'einwand'), NOW);
    expect(stopped.state).toBe('einwand');
    const args = { step: 0, participant: 'org:recht', antwort: 'mitgezeichnet' as const, contentHash: H };
    expect(answerBlocker(stopped, args, draft, 'r')).toBe('not_running');
    expect(answerBlocker(base, args, draft, 'author')).toBe('own_draft');
    expect(answerBlocker(base, args, draft, 'editor')).toBe('own_draft');
    expect(answerBlocker(base, { ...args, contentHash: 'b'.repeat(64) }, draft, 'r')).toBe('stale_content');
    expect(answerBlocker(withAnswer(base, answer(0, 'org:recht'), NOW), args, draft, 'r')).toBe('answered');
    expect(answerBlocker(base, { ...args, participant: 'org:fremd' }, draft, 'r')).toBe('not_participant');
    expect(answerBlocker(base, args, draft, 'r')).toBeNull();
    expect(voided(withAnswer(base, answer(0, 'org:recht'), NOW), NOW)).toMatchObject({
      state: 'wartet',
      answers: [],
      contentHash: null,
    });
  });

  it('lets the person, the members of the named unit, the person’s lead and deputy answer — nobody else', () => {
    const clerk = { id: 'c', orgUnitId: 'recht', roles: ['clerk' as const] };
    expect(answersFor(clerk, { kind: 'org', id: 'recht' }, undefined, '2026-12-01')).toBe(true);
    expect(answersFor(clerk, { kind: 'org', id: 'kaemmerei' }, undefined, '2026-12-01')).toBe(false);
    const person = {
      orgUnitId: 'kaemmerei',
      absences: [
        {
          id: '6f1c2a3b-0000-4000-8000-000000000009',
          userId: 'k',
          deputyId: 'c',
          orgUnitId: 'kaemmerei',
          from: '2026-11-30',
          to: '2026-12-02',
          createdBy: 'k',
          createdAt: NOW,
          cancelled: false,
        },
      ],
    };
    expect(answersFor({ ...clerk, id: 'k' }, { kind: 'user', id: 'k' }, person, '2026-12-01')).toBe(true);
    expect(answersFor(clerk, { kind: 'user', id: 'k' }, person, '2026-12-01')).toBe(true);
    expect(answersFor(clerk, { kind: 'user', id: 'k' }, person, '2026-12-05')).toBe(false);
    expect(
      answersFor({ id: 'l', orgUnitId: 'kaemmerei', roles: ['lead'] }, { kind: 'user', id: 'k' }, person, '2026-12-05'),
    ).toBe(true);
    expect(
      answersFor({ id: 'l', orgUnitId: 'recht', roles: ['lead'] }, { kind: 'user', id: 'k' }, person, '2026-12-05'),
    ).toBe(false);
  });
});
