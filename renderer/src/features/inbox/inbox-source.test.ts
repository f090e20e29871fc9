import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyPrueflisteState, type Vorgang } from '../../../../shared/domain/index.ts';
import { createDb, toVorgangRow, type AmtsplatzDb } from '../../db/index.ts';
import { createInboxSource, firstPage, type InboxSource } from './inbox-source.ts';
import type { InboxQuery } from './inbox-index.ts';

let counter = 0;
function vorgang(p: Partial<Vorgang> = {}): Vorgang {
  counter++;
  const nr = String(counter).padStart(5, '0');
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    aktenzeichen: `32.10.05-2026/${nr}`,
    verfahrenId: 'bewohnerparken',
    status: 'eingegangen',
    applicant: {
      givenName: 'Erika',
      familyName: `Müller${nr}`,
      street: 'Hauptstr. 1',
      postalCode: '10115',
      city: 'Berlin',
    },
    antragsdaten: {},
    receivedAt: '2026-11-02T08:00:00.000Z',
    frist: `2026-12-${String(1 + (counter % 28)).padStart(2, '0')}`,
    assigneeId: null,
    orgUnitId: 'ou-1',
    wiedervorlage: null,
    nachforderung: null,
    versand: null,
    prueflisteVersion: null,
    pruefliste: emptyPrueflisteState(),
    version: 1,
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...p,
  };
}

const team: InboxQuery = {
  view: 'team',
  userId: 'u-anna',
  orgUnitId: 'ou-1',
  status: 'all',
  verfahrenId: null,
  text: '',
};

let db: AmtsplatzDb | null = null;
let source: InboxSource | null = null;

async function setup(
  initial: Vorgang[],
  options: { cacheSize?: number } = {},
): Promise<{ db: AmtsplatzDb; source: InboxSource }> {
  db = createDb(`inbox-source-test-${counter}-${Math.random()}`);
  await db.open();
  await db.vorgaenge.bulkPut(initial.map(toVorgangRow));
  source = createInboxSource(db, { chunkSize: 7, coalesceMs: 1, ...options });
  await source.settled();
  return { db, source };
}

afterEach(async () => {
  source?.stop();
  if (db) {
    db.close();
    await db.delete();
  }
  db = null;
  source = null;
});

describe('createInboxSource', () => {
  it('loads every stored Vorgang in chunks and becomes ready', async () => {
    const rows = Array.from({ length: 20 }, () => vorgang());
    const { source } = await setup(rows);
    expect(source.isReady()).toBe(true);
    expect(source.index.size).toBe(20);
    expect(new Set(source.index.query(team))).toEqual(new Set(rows.map((r) => r.id)));
  });

  it('follows small writes by key: updates, inserts and deletes', async () => {
    const [a, b] = [vorgang(), vorgang()];
    const { db, source } = await setup([a, b]);
    let notified = 0;
    source.subscribe(() => notified++);

    await db.vorgaenge.put(toVorgangRow({ ...a, assigneeId: 'u-anna', updatedAt: '2026-11-24T09:00:00.000Z' }));
    const c = vorgang();
    await db.vorgaenge.put(toVorgangRow(c));
    await db.vorgaenge.delete(b.id);
    await source.settled();

    expect(source.index.query({ ...team, view: 'mine' })).toEqual([a.id]);
    expect(new Set(source.index.query(team))).toEqual(new Set([a.id, c.id]));
    expect(notified).toBeGreaterThan(0);
  });

  it('catches up after bulk writes that Dexie reports without keys (a pulled page)', async () => {
    const first = Array.from({ length: 5 }, () => vorgang());
    const { db, source } = await setup(first);
    const page = Array.from({ length: 120 }, () => vorgang({ updatedAt: '2026-11-23T11:00:00.000Z' }));
    const changedFirst = {
      ...(first[0] as Vorgang),
      status: 'in_bearbeitung' as const,
      updatedAt: '2026-11-23T11:00:01.000Z',
    };
    await db.vorgaenge.bulkPut([...page, changedFirst].map(toVorgangRow));
    await source.settled();

    expect(source.index.size).toBe(125);
    expect(source.index.get(changedFirst.id)?.status).toBe('in_bearbeitung');
  });

  it('drops rows when the table is cleared', async () => {
    const { db, source } = await setup([vorgang(), vorgang()]);
    await db.vorgaenge.clear();
    await source.settled();
    expect(source.index.size).toBe(0);
  });

  it('keeps rows it read in its cache, and loadRows reads missing ones and corrects the index', async () => {
    const [a, b] = [vorgang(), vorgang()];
    const { db, source } = await setup([a, b], { cacheSize: 1 });
    expect(source.cachedRow(a.id)).toBeUndefined(); // the initial load does not fill the cache

    // loadRows reads the current row and brings the index up to date with it
    await db.vorgaenge.put(toVorgangRow({ ...a, status: 'wartet', updatedAt: '2026-11-24T09:00:00.000Z' }));
    await source.loadRows([a.id, b.id], false);
    expect(source.index.get(a.id)?.status).toBe('wartet');
    // LRU of size 1, trimmed before each read: after the next read only the rows of that read stay
    await source.loadRows([b.id], false);
    expect(source.cachedRow(a.id)).toBeUndefined();
    expect(source.cachedRow(b.id)?.id).toBe(b.id);
    await source.loadRows([a.id], true);
    expect(source.cachedRow(a.id)?.status).toBe('wartet');
  });

  it('fills the cache from pulled pages, so the grid can show them without another read', async () => {
    const { db, source } = await setup([]);
    const page = Array.from({ length: 60 }, () => vorgang());
    await db.vorgaenge.bulkPut(page.map(toVorgangRow));
    await source.settled();
    expect(source.cachedRow(page[59]?.id ?? '')?.aktenzeichen).toBe(page[59]?.aktenzeichen);
  });

  it('forgets deleted rows', async () => {
    const a = vorgang();
    const { db, source } = await setup([a]);
    await source.loadRows([a.id], false);
    await db.vorgaenge.delete(a.id);
    await source.settled();
    expect(source.cachedRow(a.id)).toBeUndefined();
    expect(source.index.size).toBe(0);
  });

  it('stops listening after stop()', async () => {
    const { db, source } = await setup([]);
    source.stop();
    await db.vorgaenge.put(toVorgangRow(vorgang()));
    await source.settled();
    expect(source.index.size).toBe(0);
  });
});

describe('firstPage', () => {
  it('reads the first rows of a view in Frist order from the compound index, with filters', async () => {
    const mine = [
      vorgang({ assigneeId: 'u-anna', frist: '2026-12-03' }),
      vorgang({ assigneeId: 'u-anna', frist: '2026-12-01' }),
      vorgang({ assigneeId: 'u-anna', frist: '2026-12-02', status: 'abgeschlossen' }),
    ];
    const { db } = await setup([...mine, vorgang({ assigneeId: 'u-bert' }), vorgang()]);
    const page = await firstPage(db, { ...team, view: 'mine', status: 'open' }, 10);
    expect(page.map((r) => r.id)).toEqual([mine[1]?.id, mine[0]?.id]);
    const open = await firstPage(db, { ...team, view: 'open' }, 10);
    expect(open).toHaveLength(1);
    const searched = await firstPage(db, { ...team, text: 'müller00' }, 2);
    expect(searched).toHaveLength(2);
    // Closed work sits in its own index range: "all statuses" merges both ranges by Frist.
    const all = await firstPage(db, { ...team, view: 'mine', status: 'all' }, 10);
    expect(all.map((r) => r.id)).toEqual([mine[1]?.id, mine[2]?.id, mine[0]?.id]);
    const closed = await firstPage(db, { ...team, view: 'mine', status: 'abgeschlossen' }, 10);
    expect(closed.map((r) => r.id)).toEqual([mine[2]?.id]);
    expect(await firstPage(db, { ...team, view: 'mine', status: 'all' }, 2)).toHaveLength(2);
  });

  it("overdue reads the org unit's open range up to today; deputy merges the colleagues' ranges", async () => {
    const overdueOld = vorgang({ frist: '2026-11-02', assigneeId: 'u-bert' });
    const overdue = vorgang({ frist: '2026-11-20' });
    const today = vorgang({ frist: '2026-11-23' });
    const closed = vorgang({ frist: '2026-11-01', status: 'abgeschlossen' });
    const carla = vorgang({ frist: '2026-11-25', assigneeId: 'u-carla' });
    const { db } = await setup([today, overdue, closed, overdueOld, carla]);
    const overduePage = await firstPage(db, { ...team, view: 'overdue', status: 'open', today: '2026-11-23' }, 10);
    expect(overduePage.map((r) => r.id)).toEqual([overdueOld.id, overdue.id]);
    const deputyPage = await firstPage(
      db,
      { ...team, view: 'deputy', status: 'open', today: '2026-11-23', deputyFor: ['u-bert', 'u-carla'] },
      10,
    );
    expect(deputyPage.map((r) => r.id)).toEqual([overdueOld.id, carla.id]);
  });

  it('leaves out parked Vorgänge, and has no first page for the views ordered by another date', async () => {
    const parked = vorgang({ assigneeId: 'u-anna', wiedervorlage: { date: '2026-12-01' } });
    const due = vorgang({ assigneeId: 'u-anna', wiedervorlage: { date: '2026-11-23' } });
    const { db } = await setup([parked, due]);
    const mine = await firstPage(db, { ...team, view: 'mine', status: 'open', today: '2026-11-23' }, 10);
    expect(mine.map((r) => r.id)).toEqual([due.id]);
    expect(await firstPage(db, { ...team, view: 'wiedervorlagen', today: '2026-11-23' }, 10)).toEqual([]);
  });
});
