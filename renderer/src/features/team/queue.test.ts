import { describe, expect, it } from 'vitest';
import type { Bescheid } from '../../../../shared/domain/index.ts';
import type { Umlauf, UmlaufAnswer } from '../../../../shared/domain/umlauf.ts';
import { ageInDays, freigabeQueue, openUmlaufSteps } from './queue.ts';

const HASH = 'a'.repeat(64);
let n = 0;
const uuid = () => `00000000-0000-4000-c000-${String(++n).padStart(12, '0')}`;

function bescheid(p: Partial<Bescheid>): Bescheid {
  return {
    id: uuid(),
    vorgangId: uuid(),
    orgUnitId: 'ou-1',
    content: {
      decision: 'bewilligung',
      vorlageId: 'v',
      recipient: { addressLines: ['Erika Mustermann'] },
      betreff: 'Betreff',
      anrede: 'Sehr geehrte Frau Mustermann,',
      sections: {},
      gebuehr: { cents: 0, override: null },
    },
    state: 'eingereicht',
    authorId: 'u-anna',
    editorIds: ['u-anna'],
    submittedHash: HASH,
    submittedAt: '2026-04-01T08:00:00.000Z',
    approval: null,
    returnComment: null,
    dokumentId: null,
    version: 1,
    updatedAt: '2026-04-01T08:00:00.000Z',
    ...p,
  };
}

function umlauf(b: Bescheid, p: Partial<Umlauf>): Umlauf {
  return {
    id: b.id,
    vorgangId: b.vorgangId,
    bescheidId: b.id,
    orgUnitId: b.orgUnitId,
    startedBy: 'u-anna',
    startedAt: '2026-04-01T09:00:00.000Z',
    contentHash: HASH,
    state: 'laufend',
    steps: [
      { mode: 'sequential', zurKenntnis: false, frist: null, participants: [{ kind: 'org', id: 'ou-recht' }] },
      {
        mode: 'parallel-all',
        zurKenntnis: true,
        frist: null,
        participants: [
          { kind: 'user', id: 'u-bert' },
          { kind: 'org', id: 'ou-kaemmerei' },
        ],
      },
    ],
    answers: [],
    version: 1,
    updatedAt: '2026-04-01T09:00:00.000Z',
    ...p,
  };
}

const answer = (step: number, participant: string, at: string): UmlaufAnswer => ({
  step,
  participant,
  by: 'u-x',
  antwort: step === 1 ? 'zur_kenntnis_genommen' : 'mitgezeichnet',
  kommentar: null,
  contentHash: HASH,
  at,
});

describe('ageInDays', () => {
  it('counts Berlin calendar days, 0 on the day itself', () => {
    expect(ageInDays('2026-04-01T08:00:00.000Z', '2026-04-01')).toBe(0);
    // 22:30 UTC on 31 March is already 1 April in Berlin.
    expect(ageInDays('2026-03-31T22:30:00.000Z', '2026-04-01')).toBe(0);
    expect(ageInDays('2026-03-20T08:00:00.000Z', '2026-04-01')).toBe(12);
  });
});

describe('freigabeQueue', () => {
  it('longest waiting first, with age and the Umlauf step it waits for', () => {
    const newer = bescheid({ submittedAt: '2026-04-01T08:00:00.000Z' });
    const older = bescheid({ submittedAt: '2026-03-25T08:00:00.000Z' });
    const running = umlauf(newer, { answers: [answer(0, 'org:ou-recht', '2026-04-02T10:00:00.000Z')] });
    const done = umlauf(older, { state: 'abgeschlossen' });
    const items = freigabeQueue([newer, older], [running, done], new Map([[older.vorgangId, 'AZ-1']]), '2026-04-03');
    expect(items.map((i) => [i.bescheidId, i.aktenzeichen, i.ageDays, i.umlauf])).toEqual([
      [older.id, 'AZ-1', 9, null],
      [newer.id, null, 2, { step: 2, steps: 2 }],
    ]);
  });
});

describe('openUmlaufSteps', () => {
  const team = { orgUnitId: 'ou-1', memberIds: new Set(['u-anna', 'u-bert']) };

  it('the team’s own Umläufe and those waiting for the team, with who is open and since when', () => {
    const own = bescheid({ submittedAt: '2026-04-01T08:00:00.000Z' });
    const foreign = bescheid({ orgUnitId: 'ou-9', submittedAt: '2026-03-30T08:00:00.000Z' });
    const unrelated = bescheid({ orgUnitId: 'ou-9' });
    const items = openUmlaufSteps(
      [
        umlauf(own, {}),
        // Step 1 done on 2 April: step 2 waits for Bert (a member) since then.
        umlauf(foreign, { answers: [answer(0, 'org:ou-recht', '2026-04-02T10:00:00.000Z')] }),
        umlauf(unrelated, {}),
        umlauf(bescheid({}), { state: 'wartet', contentHash: null }),
      ],
      new Map([
        [own.id, own.submittedAt],
        [foreign.id, foreign.submittedAt],
      ]),
      new Map([[own.vorgangId, 'AZ-own']]),
      team,
      '2026-04-05',
    );
    expect(items.map((i) => [i.umlaufId, i.own, i.step, i.steps, i.zurKenntnis, i.since, i.ageDays])).toEqual([
      [own.id, true, 1, 2, false, '2026-04-01T09:00:00.000Z', 4],
      [foreign.id, false, 2, 2, true, '2026-04-02T10:00:00.000Z', 3],
    ]);
    expect(items[0]?.aktenzeichen).toBe('AZ-own');
    expect(items[1]?.waitingFor).toEqual([
      { kind: 'user', id: 'u-bert' },
      { kind: 'org', id: 'ou-kaemmerei' },
    ]);
  });

  it('a resubmission after an edit restarts the age of the first step', () => {
    const b = bescheid({ submittedAt: '2026-04-03T08:00:00.000Z' });
    const [item] = openUmlaufSteps([umlauf(b, {})], new Map([[b.id, b.submittedAt]]), new Map(), team, '2026-04-05');
    expect(item?.since).toBe('2026-04-03T08:00:00.000Z');
    expect(item?.ageDays).toBe(2);
  });
});
