import type { Bescheid, User } from '../../../shared/domain/index.ts';
import type { PullResponse, SyncChange } from '../../../shared/contracts/http/index.ts';
import {
  getMeta,
  setMeta,
  shadowKey,
  toVorgangRow,
  type AbsenceRow,
  type AmtsplatzDb,
  type DokumentRow,
  type NoteRow,
  type ShadowRow,
  type VorgangRow,
} from '../db/index.ts';
import { mutationTables } from './mutate.ts';
import { rebase } from './rebase.ts';

/** Tables one pulled page writes. */
function pageTables(db: AmtsplatzDb) {
  return [...mutationTables(db), db.rejections];
}

/** A pulled change of an entity that local mutations write (and so may be shadowed). */
type MutableChange = Exclude<SyncChange, { entity: 'user' }>;

function shadowOf(key: string, c: MutableChange): ShadowRow {
  switch (c.entity) {
    case 'vorgang':
      return { key, entity: c.entity, value: c.value };
    case 'note':
      return { key, entity: c.entity, value: c.value };
    case 'dokument':
      return { key, entity: c.entity, value: c.value };
    case 'absence':
      return { key, entity: c.entity, value: c.value };
    case 'bescheid':
      return { key, entity: c.entity, value: c.value };
  }
}

/**
 * Stores one pulled page in one transaction. A row that pending mutations have changed keeps
 * its optimistic version; the server's version goes into its shadow and shows after the
 * rebase. The last page (hasMore=false) rebases the outbox in the same transaction.
 */
export async function applyPage(db: AmtsplatzDb, actor: User, page: PullResponse): Promise<void> {
  await db.transaction('rw', pageTables(db), async () => {
    const shadowed = new Set((await db.shadows.count()) > 0 ? await db.shadows.toCollection().primaryKeys() : []);
    const vorgaenge: VorgangRow[] = [];
    const notes: NoteRow[] = [];
    const dokumente: DokumentRow[] = [];
    const absences: AbsenceRow[] = [];
    const bescheide: Bescheid[] = [];
    const users = [];
    const shadows: ShadowRow[] = [];
    const store = (c: MutableChange): void => {
      switch (c.entity) {
        case 'vorgang':
          return void vorgaenge.push(toVorgangRow(c.value));
        case 'note':
          return void notes.push(c.value);
        case 'dokument':
          return void dokumente.push(c.value);
        case 'absence':
          return void absences.push(c.value);
        case 'bescheid':
          return void bescheide.push(c.value);
      }
    };
    for (const c of page.changes) {
      if (c.entity === 'user') {
        users.push(c.value);
        continue;
      }
      const key = shadowKey(c.entity, c.value.id);
      if (shadowed.has(key)) shadows.push(shadowOf(key, c));
      else store(c);
    }
    if (vorgaenge.length > 0) await db.vorgaenge.bulkPut(vorgaenge);
    if (notes.length > 0) await db.notes.bulkPut(notes);
    if (dokumente.length > 0) await db.dokumente.bulkPut(dokumente);
    if (absences.length > 0) await db.absences.bulkPut(absences);
    if (bescheide.length > 0) await db.bescheide.bulkPut(bescheide);
    if (users.length > 0) await db.users.bulkPut(users);
    if (shadows.length > 0) await db.shadows.bulkPut(shadows);
    if (page.rejections.length > 0) await db.rejections.bulkPut(page.rejections);
    await setMeta(db, 'cursor', page.cursor);
    if (page.hasMore) return;

    // A restored database must never hand out seqs the server already counts as processed.
    const lastSeq = (await getMeta(db, 'lastSeq')) ?? 0;
    if (page.lastMutationSeq > lastSeq) await setMeta(db, 'lastSeq', page.lastMutationSeq);
    await rebase(db, actor, page.lastMutationSeq);
  });
}
