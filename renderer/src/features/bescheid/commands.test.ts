import { describe, expect, it } from 'vitest';
import { bescheidContentHash, type Result } from '../../../../shared/domain/index.ts';
import { createDb, toVorgangRow, type AmtsplatzDb } from '../../db/index.ts';
import { v6 } from '../../db/migrations/v6.ts';
import { makeVorgang } from '../../../test/fixtures.ts';
import { approve, recordPostalDispatch, saveContent, submitContent, type CommandDeps } from './commands.ts';
import { bescheideTable, draftsTable, writeDraft } from './data.ts';
import { formFromContent } from './form.ts';
import { CONTENT, makeBescheid } from './test-data.ts';

let n = 0;
async function setup(
  refuse: string[] = [],
): Promise<{ deps: CommandDeps; calls: [string, unknown][]; db: AmtsplatzDb }> {
  const db = createDb(`bescheid-commands-${++n}`, 5);
  v6(db);
  await db.open();
  const calls: [string, unknown][] = [];
  // Records the mutations in order; the mutators themselves are tested in shared/mutators.
  const mutate = async (name: string, args: unknown): Promise<Result<void>> => {
    calls.push([name, args]);
    return refuse.includes(name)
      ? { ok: false, error: { code: 'pruefliste_incomplete', message: 'refused' } }
      : { ok: true, value: undefined };
  };
  return { deps: { db, mutate: mutate }, calls, db };
}

describe('Bescheid commands', () => {
  it('saves only content the stored Bescheid does not have', async () => {
    const { deps, calls } = await setup();
    const b = makeBescheid();
    await bescheideTable(deps.db).put(b);
    const ref = { bescheidId: b.id, vorgangId: b.vorgangId };
    expect(await saveContent(deps, ref, CONTENT)).toEqual({ ok: true, value: 'unchanged' });
    const edited = { ...CONTENT, anrede: 'Guten Tag,' };
    expect(await saveContent(deps, ref, edited)).toEqual({ ok: true, value: 'saved' });
    expect(calls).toEqual([['saveBescheid', { ...ref, content: edited }]]);
  });

  it('submits a returned, unchanged draft by first bringing the Vorgang back to entscheidungsreif', async () => {
    const { deps, calls, db } = await setup();
    const v = makeVorgang({ status: 'zurueckgegeben' });
    await db.vorgaenge.put(toVorgangRow(v));
    const b = makeBescheid({ vorgangId: v.id, state: 'zurueckgegeben', returnComment: 'Bitte Begründung ergänzen' });
    await bescheideTable(db).put(b);
    await writeDraft(db, {
      bescheidId: b.id,
      vorgangId: v.id,
      form: formFromContent(CONTENT, 3070),
      baseVersion: 1,
      updatedAt: b.updatedAt,
    });

    const hash = await bescheidContentHash(CONTENT);
    expect(await submitContent(deps, { bescheidId: b.id, vorgangId: v.id }, CONTENT)).toEqual({
      ok: true,
      value: hash,
    });
    expect(calls).toEqual([
      ['changeStatus', { vorgangId: v.id, to: 'entscheidungsreif' }],
      ['submitBescheid', { bescheidId: b.id, contentHash: hash }],
    ]);
    expect(await draftsTable(db).count()).toBe(0);
  });

  it('saves changed text before submitting it, and keeps the draft when the submission is refused', async () => {
    const { deps, calls, db } = await setup(['submitBescheid']);
    const v = makeVorgang({ status: 'entscheidungsreif' });
    await db.vorgaenge.put(toVorgangRow(v));
    const ref = { bescheidId: makeBescheid().id, vorgangId: v.id };
    await writeDraft(db, {
      ...ref,
      form: formFromContent(CONTENT, 3070),
      baseVersion: 0,
      updatedAt: '2026-11-23T10:00:00.000Z',
    });

    const r = await submitContent(deps, ref, CONTENT);
    expect(r).toEqual({ ok: false, error: { code: 'pruefliste_incomplete', message: 'refused' } });
    expect(calls.map(([name]) => name)).toEqual(['saveBescheid', 'submitBescheid']);
    expect(await draftsTable(db).count()).toBe(1);
  });

  it('does not submit text with an unresolved placeholder', async () => {
    const { deps, calls } = await setup();
    const open = { ...CONTENT, betreff: 'Antrag [[antrag.kennzeichen]]' };
    const r = await submitContent(deps, { bescheidId: 'b', vorgangId: 'v' }, open);
    expect(r.ok ? null : r.error.code).toBe('validation_failed');
    expect(calls).toEqual([]);
  });

  it('approves with the submitted hash, and not when the text differs from it', async () => {
    const { deps, calls, db } = await setup();
    const hash = await bescheidContentHash(CONTENT);
    const b = makeBescheid({ state: 'eingereicht', submittedHash: hash });
    await bescheideTable(db).put(b);
    expect((await approve(deps, b.id)).ok).toBe(true);
    expect(calls).toEqual([['approveBescheid', { bescheidId: b.id, contentHash: hash }]]);

    await bescheideTable(db).put({ ...b, content: { ...CONTENT, anrede: 'Hallo,' } });
    const stale = await approve(deps, b.id);
    expect(stale.ok ? null : stale.error.code).toBe('stale_content');
    expect(calls).toHaveLength(1);
  });

  it('records the dispatch as a postal one, naming the Vorgang and its sealed Bescheid', async () => {
    const { deps, calls } = await setup();
    const ref = { bescheidId: 'b', vorgangId: 'v' };
    expect(await recordPostalDispatch(deps, ref, '2026-11-23')).toEqual({ ok: true, value: undefined });
    expect(calls).toEqual([['recordDispatch', { ...ref, channel: 'post', date: '2026-11-23' }]]);
  });

  it('reports a mutation that throws as an internal error instead of hanging', async () => {
    const { deps } = await setup();
    const throwing: CommandDeps = { ...deps, mutate: () => Promise.reject(new Error('storage gone')) };
    const r = await saveContent(throwing, { bescheidId: 'b', vorgangId: 'v' }, CONTENT);
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'storage gone' } });
  });
});
