/*
 * The Umlauf (Mitzeichnung) through push, on both databases: the author puts the submitted
 * draft on an Umlauf with a sequential step (another org unit) and a parallel-all step (a
 * person and that org unit); the other unit sees only the shared rows; forged answers (wrong
 * step, wrong person, stale hash, replay) are rejected and journaled; an Einwand returns the
 * draft; an edit voids the answers and the resubmission restarts the Umlauf; the Freigabe
 * waits for the completed Umlauf.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { PushResult } from '../../../../shared/contracts/http/sync.ts';
import { bescheidContentHash, type BescheidContent } from '../../../../shared/domain/bescheid.ts';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import type { UmlaufStep } from '../../../../shared/domain/umlauf.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  OE2,
  pullAs,
  pushAs,
  TestClock,
  testApp,
  testVerfahren,
  useSeededDb,
  vorgangRow,
  type TestMutation,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { CONTENT } from '../bescheid/test-fixture.ts';

const CLERK = 'u-sachbearbeiter1';
const COLLEAGUE = 'u-sachbearbeiter2';
const EDITED: BescheidContent = { ...CONTENT, anrede: 'Sehr geehrter Herr Dr. Weißmüller,' };
const STEPS: UmlaufStep[] = [
  { mode: 'sequential', zurKenntnis: false, frist: '2026-12-04', participants: [{ kind: 'org', id: OE2 }] },
  {
    mode: 'parallel-all',
    zurKenntnis: false,
    frist: null,
    participants: [
      { kind: 'user', id: COLLEAGUE },
      { kind: 'org', id: OE2 },
    ],
  },
];

describeBackends('the Umlauf of a Bescheid draft', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let clerk: string;
  let colleague: string;
  let other: string;
  let lead: string;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock());
    clerk = await login(app, 'sachbearbeiter1');
    colleague = await login(app, 'sachbearbeiter2');
    other = await login(app, 'sachbearbeiter3');
    lead = await login(app, 'teamleitung1');
  });
  afterEach(async () => {
    await app.close();
  });

  const push = async (token: string, name: string, args: unknown): Promise<PushResult> => {
    const [r] = (await pushAs(app, token, randomUUID(), [{ seq: 1, name, args }])).results;
    if (!r) throw new Error('no result');
    return r;
  };
  const applied = { seq: 1, status: 'applied' };
  const rejected = (code: string) => ({ status: 'rejected', error: { code } });
  const journal = async (vorgangId: string): Promise<JournalEvent[]> => {
    const res = await app.inject({ method: 'GET', url: `/api/journal?vorgangId=${vorgangId}`, headers: bearer(clerk) });
    return res.json<{ events: JournalEvent[] }>().events;
  };
  const umlauf = async (id: string) =>
    (await db.query<{ doc: { state: string; answers: unknown[] } }>('SELECT doc FROM umlaeufe WHERE id = $1', [id]))[0]
      ?.doc;

  /** The clerk's Vorgang with a submitted draft (Prüfliste complete, as the Freigabe needs). */
  async function submitted() {
    const template = (await testVerfahren()).find((d) => d.id === 'bewohnerparkausweis')?.pruefliste;
    if (!template) throw new Error('no Prüfliste');
    const v = await addVorgang(db, {
      assigneeId: CLERK,
      status: 'in_bearbeitung',
      prueflisteVersion: template.version,
    });
    const work: TestMutation[] = template.items.map((item, i) => ({
      seq: i + 1,
      ...(item.kind === 'manual'
        ? { name: 'decidePruefItem', args: { vorgangId: v.id, itemId: item.id, decision: { decision: 'ok' } } }
        : {
            name: 'overridePruefRule',
            args: { vorgangId: v.id, itemId: item.id, override: { decision: 'ok', reason: 'Nachweis liegt vor' } },
          }),
    }));
    work.push({ seq: work.length + 1, name: 'changeStatus', args: { vorgangId: v.id, to: 'entscheidungsreif' } });
    const bescheidId = randomUUID();
    work.push({ seq: work.length + 1, name: 'saveBescheid', args: { bescheidId, vorgangId: v.id, content: CONTENT } });
    const hash = await bescheidContentHash(CONTENT);
    work.push({ seq: work.length + 1, name: 'submitBescheid', args: { bescheidId, contentHash: hash } });
    const { results } = await pushAs(app, clerk, randomUUID(), work);
    expect(results.map((r) => r.status)).toEqual(work.map(() => 'applied'));
    return { v, bescheidId, hash };
  }

  it('runs the steps in order, shares only what it must, refuses forged answers, restarts after an edit', async () => {
    const { v, bescheidId, hash } = await submitted();
    const otherClient = randomUUID();
    const before = await pullAs(app, other, { clientId: otherClient });
    expect(before.changes.some((c) => c.entity === 'vorgang' && c.value.id === v.id)).toBe(false);

    expect(await push(clerk, 'startUmlauf', { bescheidId, steps: STEPS, contentHash: hash })).toEqual(applied);
    // The other unit sees the Vorgang's header, the draft and the Umlauf — not its notes, documents or Akte.
    const shared = await pullAs(app, other, { clientId: otherClient, cursor: before.cursor });
    const mine = shared.changes.filter((c) => ('vorgangId' in c.value ? c.value.vorgangId : c.value.id) === v.id);
    expect(mine.map((c) => c.entity).sort()).toEqual(['bescheid', 'umlauf', 'vorgang']);

    const answer = (step: number, participant: string, antwort: string, extra: Record<string, unknown> = {}) => ({
      umlaufId: bescheidId,
      step,
      participant,
      antwort,
      kommentar: null,
      contentHash: hash,
      ...extra,
    });
    // Forged: the colleague for a step not open yet, someone for a unit they are not in, a stale hash.
    expect(await push(colleague, 'mitzeichnen', answer(1, `user:${COLLEAGUE}`, 'mitgezeichnet'))).toMatchObject(
      rejected('invalid_transition'),
    );
    expect(await push(colleague, 'mitzeichnen', answer(0, `org:${OE2}`, 'mitgezeichnet'))).toMatchObject(
      rejected('forbidden'),
    );
    expect(
      await push(other, 'mitzeichnen', answer(0, `org:${OE2}`, 'mitgezeichnet', { contentHash: 'f'.repeat(64) })),
    ).toMatchObject(rejected('stale_content'));
    // The Freigabe waits for the Umlauf.
    expect(await push(lead, 'approveBescheid', { bescheidId, contentHash: hash })).toMatchObject(rejected('conflict'));

    expect(await push(other, 'mitzeichnen', answer(0, `org:${OE2}`, 'mitgezeichnet'))).toEqual(applied);
    // The same answer again (a replay from another device): refused.
    expect(await push(other, 'mitzeichnen', answer(0, `org:${OE2}`, 'mitgezeichnet'))).toMatchObject(
      rejected('conflict'),
    );
    // An Einwand in the parallel step returns the draft with the reason.
    expect(
      await push(colleague, 'mitzeichnen', answer(1, `user:${COLLEAGUE}`, 'einwand', { kommentar: 'Gebühr falsch' })),
    ).toEqual(applied);
    expect(await umlauf(bescheidId)).toMatchObject({ state: 'einwand' });
    expect((await vorgangRow(db, v.id)).status).toBe('zurueckgegeben');
    const [b] = await db.query<{ doc: { state: string; returnComment: string } }>(
      'SELECT doc FROM bescheide WHERE id = $1',
      [bescheidId],
    );
    expect(b?.doc).toMatchObject({ state: 'zurueckgegeben', returnComment: 'Gebühr falsch' });

    // The author edits and resubmits: the answers are void, the Umlauf starts again.
    expect(await push(clerk, 'saveBescheid', { bescheidId, vorgangId: v.id, content: EDITED })).toEqual(applied);
    expect(await umlauf(bescheidId)).toMatchObject({ state: 'wartet', answers: [] });
    const edited = await bescheidContentHash(EDITED);
    expect(await push(clerk, 'submitBescheid', { bescheidId, contentHash: edited })).toEqual(applied);
    expect(await umlauf(bescheidId)).toMatchObject({ state: 'laufend', answers: [] });
    const again = (step: number, participant: string) => ({
      ...answer(step, participant, 'mitgezeichnet'),
      contentHash: edited,
    });
    expect(await push(other, 'mitzeichnen', again(0, `org:${OE2}`))).toEqual(applied);
    expect(await push(colleague, 'mitzeichnen', again(1, `user:${COLLEAGUE}`))).toEqual(applied);
    expect(await push(other, 'mitzeichnen', again(1, `org:${OE2}`))).toEqual(applied);
    expect(await umlauf(bescheidId)).toMatchObject({ state: 'abgeschlossen' });
    expect(await push(lead, 'approveBescheid', { bescheidId, contentHash: edited })).toEqual(applied);

    // Every step and every refusal in the journal.
    const events = await journal(v.id);
    expect(events.filter((e) => e.action === 'mitzeichnen').map((e) => e.summary['antwort'])).toEqual([
      'mitgezeichnet',
      'einwand',
      'mitgezeichnet',
      'mitgezeichnet',
      'mitgezeichnet',
    ]);
    expect(
      events.filter((e) => e.action === 'rejected').map((e) => [e.summary['mutation'], e.summary['code']]),
    ).toEqual([
      ['mitzeichnen', 'invalid_transition'],
      ['mitzeichnen', 'forbidden'],
      ['mitzeichnen', 'stale_content'],
      ['approveBescheid', 'conflict'],
      ['mitzeichnen', 'conflict'],
    ]);
    // The participant's unit may read the record but not work the Vorgang.
    expect(await push(other, 'addNote', { vorgangId: v.id, noteId: randomUUID(), text: 'x' })).toMatchObject({
      status: 'rejected',
    });
  });

  it('refuses an Umlauf on a draft that is not submitted, and one started by someone else', async () => {
    const { bescheidId, hash } = await submitted();
    expect(await push(colleague, 'startUmlauf', { bescheidId, steps: STEPS, contentHash: hash })).toMatchObject(
      rejected('forbidden'),
    );
    expect(await push(clerk, 'startUmlauf', { bescheidId, steps: STEPS, contentHash: 'a'.repeat(64) })).toMatchObject(
      rejected('invalid_transition'),
    );
    const unknown: UmlaufStep[] = [
      { mode: 'sequential', zurKenntnis: false, frist: null, participants: [{ kind: 'org', id: 'oe-gibt-es-nicht' }] },
    ];
    expect(await push(clerk, 'startUmlauf', { bescheidId, steps: unknown, contentHash: hash })).toMatchObject(
      rejected('not_found'),
    );
  });
});
