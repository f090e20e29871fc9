/*
 * Recording the dispatch of a sealed Bescheid through push: the server re-checks the rules of
 * recordDispatch, moves the Vorgang to `versandt` and journals channel, date and the status step.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import { describeBackends } from '../../../test/backends.ts';
import { bearer, login, pushAs, TestClock, testApp, useSeededDb, vorgangRow } from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { addBescheid, AUTHOR_ID } from './test-fixture.ts';

/** The Berlin day of TEST_NOW, which is also the day the fixture's Bescheid was approved and sealed. */
const TODAY = '2026-11-23';

describeBackends('dispatch of a sealed Bescheid through push', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let clerk: string;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock());
    clerk = await login(app, 'sachbearbeiter1');
  });
  afterEach(async () => {
    await app.close();
  });

  async function push(name: string, args: unknown) {
    const [result] = (await pushAs(app, clerk, randomUUID(), [{ seq: 1, name, args }])).results;
    if (!result) throw new Error('no push result');
    return result;
  }

  async function journalOf(vorgangId: string): Promise<JournalEvent[]> {
    const res = await app.inject({ method: 'GET', url: `/api/journal?vorgangId=${vorgangId}`, headers: bearer(clerk) });
    return res.json<{ events: JournalEvent[] }>().events;
  }

  it('records the postal dispatch, moves the Vorgang to versandt and journals it', async () => {
    const { v, b } = await addBescheid(db, { state: 'gesiegelt', vorgangStatus: 'bescheid_erstellt' });
    const args = { vorgangId: v.id, bescheidId: b.id, channel: 'post', date: TODAY };

    expect(await push('changeStatus', { vorgangId: v.id, to: 'versandt' })).toMatchObject({
      status: 'rejected',
      error: { code: 'invalid_transition' },
    });
    expect(await push('recordDispatch', { ...args, channel: 'postfach' })).toMatchObject({
      status: 'rejected',
      error: { code: 'validation_failed', message: expect.stringMatching(/not available yet/) as unknown },
    });
    expect(await push('recordDispatch', { ...args, date: '2026-11-24' })).toMatchObject({
      status: 'rejected',
      error: { code: 'validation_failed' },
    });
    expect(await push('recordDispatch', args)).toMatchObject({ status: 'applied' });

    expect(await vorgangRow(db, v.id)).toMatchObject({
      status: 'versandt',
      versand: { channel: 'post', date: TODAY, recordedBy: AUTHOR_ID },
    });
    const events = (await journalOf(v.id)).map((e) => [e.action, e.summary]);
    expect(events).toEqual([
      ['rejected', { mutation: 'changeStatus', code: 'invalid_transition' }],
      ['rejected', { mutation: 'recordDispatch', code: 'validation_failed' }],
      ['rejected', { mutation: 'recordDispatch', code: 'validation_failed' }],
      ['recordDispatch', { channel: 'post', date: TODAY, from: 'bescheid_erstellt', to: 'versandt' }],
    ]);
  });

  it('refuses the dispatch of a Bescheid that is approved but not sealed', async () => {
    const { v, b } = await addBescheid(db, { state: 'freigegeben', vorgangStatus: 'freigegeben' });
    const result = await push('recordDispatch', { vorgangId: v.id, bescheidId: b.id, channel: 'post', date: TODAY });
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'invalid_transition' } });
    expect(await vorgangRow(db, v.id)).toMatchObject({ status: 'freigegeben', versand: null });
  });
});
