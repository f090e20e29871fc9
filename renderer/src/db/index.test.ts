import { describe, expect, it } from 'vitest';
import { clerk, colleague, makeVorgang } from '../../test/fixtures.ts';
import { dbName, deleteDb, ensureClientId, getMeta, openDb, toVorgangRow } from './index.ts';

describe('openDb', () => {
  it('opens one database per user and refuses a database of another user', async () => {
    const db = await openDb(clerk.id);
    expect(db.name).toBe(dbName(clerk.id));
    expect(await getMeta(db, 'userId')).toBe(clerk.id);
    db.close();

    const other = await openDb(colleague.id);
    expect(other.name).not.toBe(db.name);
    other.close();
  });

  it('keeps the client id across reopening and forgets everything on deleteDb', async () => {
    const db = await openDb(clerk.id);
    const id = await ensureClientId(db);
    expect(await ensureClientId(db)).toBe(id);
    await db.vorgaenge.put(toVorgangRow(makeVorgang()));
    db.close();

    const again = await openDb(clerk.id);
    expect(await ensureClientId(again)).toBe(id);
    again.close();

    await deleteDb(clerk.id);
    const fresh = await openDb(clerk.id);
    expect(await fresh.vorgaenge.count()).toBe(0);
    expect(await ensureClientId(fresh)).not.toBe(id);
    fresh.close();
  });
});
