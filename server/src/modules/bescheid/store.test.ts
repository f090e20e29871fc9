import { expect, it } from 'vitest';
import type { Bescheid } from '../../../../shared/domain/bescheid.ts';
import { describeBackends } from '../../../test/backends.ts';
import { useSeededDb } from '../../../test/harness.ts';
import { nextChangeSeq, writeTransaction } from '../../db/write.ts';
import { ownerBranch } from '../sync/pull.ts';
import { getBescheid, touchBescheid, vorgangIdOfBescheid, writeBescheid } from './store.ts';
import { addBescheid } from './test-fixture.ts';

describeBackends('bescheid store', (backend) => {
  const db = useSeededDb(backend);

  const write = (b: Bescheid) => writeTransaction(db(), async (tx) => writeBescheid(tx, b, await nextChangeSeq(tx)));

  it('reads back what it wrote and updates in place', async () => {
    const { v, b } = await addBescheid(db(), { state: 'entwurf' });
    expect(await getBescheid(db(), b.id)).toEqual(b);
    expect(await vorgangIdOfBescheid(db(), b.id)).toBe(v.id);
    const edited: Bescheid = { ...b, content: { ...b.content, anrede: 'Guten Tag,' }, version: b.version + 1 };
    await write(edited);
    expect(await getBescheid(db(), b.id)).toEqual(edited);
    const [row] = await db().query<{ state: string }>('SELECT state FROM bescheide WHERE id = $1', [b.id]);
    expect(row?.state).toBe('entwurf');
    expect(await getBescheid(db(), '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f90')).toBeUndefined();
  });

  it('refuses rows the shared schema rejects, and moving a Bescheid to another Vorgang', async () => {
    const { b } = await addBescheid(db(), { state: 'entwurf' });
    await expect(write({ ...b, submittedHash: 'not-a-hash' })).rejects.toThrow(/SHA-256/);
    const other = await addBescheid(db(), { state: 'entwurf' });
    await expect(write({ ...b, vorgangId: other.v.id })).rejects.toThrow(/belongs to another Vorgang/);
    expect(await getBescheid(db(), b.id)).toEqual(b);
  });

  it('pulls the org unit’s Bescheide after the cursor through the pull branch', async () => {
    const first = await addBescheid(db(), { state: 'entwurf' });
    const second = await addBescheid(db(), { state: 'eingereicht', vorgangStatus: 'zur_freigabe' });
    const pull = (orgUnitId: string, cursor: number, limit = 10) =>
      db().query<{ entity: string; seq: number; doc: Bescheid }>(
        `SELECT entity, seq, doc FROM (${ownerBranch('bescheid')}) AS c (entity, seq, doc)`,
        [orgUnitId, String(cursor), limit],
      );
    const all = await pull(first.v.orgUnitId, 0);
    expect(all.map((r) => [r.entity, r.doc.id])).toEqual([
      ['bescheid', first.b.id],
      ['bescheid', second.b.id],
    ]);
    const [head] = all;
    if (!head) throw new Error('no rows');
    expect((await pull(first.v.orgUnitId, head.seq)).map((r) => r.doc.id)).toEqual([second.b.id]);
    expect((await pull(first.v.orgUnitId, 0, 1)).map((r) => r.doc.id)).toEqual([first.b.id]);
    expect(await pull('oe-buergerservice-2', 0)).toEqual([]);

    // A new change seq (after a rejected push) brings the unchanged row again.
    const seq = await writeTransaction(db(), async (tx) => {
      const s = await nextChangeSeq(tx);
      expect(await touchBescheid(tx, first.b.id, s)).toBe(true);
      return s;
    });
    expect(await pull(first.v.orgUnitId, seq - 1)).toEqual([{ entity: 'bescheid', seq, doc: first.b }]);
  });
});
