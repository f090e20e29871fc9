import { createDb, setMeta, type AmtsplatzDb } from '../src/db/index.ts';
import type { User } from '../../shared/domain/index.ts';

let n = 0;

/** A fresh, empty database of the current schema, owned by `user`. */
export async function freshDb(user: User): Promise<AmtsplatzDb> {
  const db = createDb(`test-${user.id}-${++n}-${Math.random().toString(36).slice(2)}`);
  await db.open();
  await setMeta(db, 'userId', user.id);
  return db;
}
