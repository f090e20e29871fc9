import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Akte } from '../../../shared/domain/akte.ts';
import type { Umlauf } from '../../../shared/domain/umlauf.ts';
import type { Bescheid, OrgUnit, User, VerfahrenDef } from '../../../shared/domain/index.ts';
import type { Rejection } from '../../../shared/contracts/http/index.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index.ts';
import { getMeta, setMeta, type MetaRow } from './meta.ts';
import type {
  AbsenceRow,
  BlobRow,
  DokumentRow,
  JournalRow,
  NoteRow,
  OutboxEntry,
  ShadowRow,
  UploadRow,
  VorgangRow,
} from './rows.ts';

export type { MetaKey, MetaRow, MetaValues, StoredSyncState, SyncState } from './meta.ts';
export { getMeta, setMeta } from './meta.ts';
export type {
  AbsenceRow,
  BlobRow,
  DokumentRow,
  JournalRow,
  NoteRow,
  OutboxEntry,
  ShadowRow,
  UploadRow,
  VorgangRow,
} from './rows.ts';
export { fromVorgangRow, isOpen, normalizeSearch, shadowKey, toVorgangRow } from './rows.ts';
export { byAssignee, byOrgUnit } from './queries.ts';
export { SCHEMA_VERSION } from './migrations/index.ts';

export type AmtsplatzDb = Dexie & {
  vorgaenge: EntityTable<VorgangRow, 'id'>;
  notes: EntityTable<NoteRow, 'id'>;
  users: EntityTable<User, 'id'>;
  verfahren: EntityTable<VerfahrenDef, 'id'>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  shadows: EntityTable<ShadowRow, 'key'>;
  rejections: Table<Rejection, [string, number]>;
  meta: EntityTable<MetaRow, 'key'>;
  dokumente: EntityTable<DokumentRow, 'id'>;
  absences: EntityTable<AbsenceRow, 'id'>;
  blobs: EntityTable<BlobRow, 'sha256'>;
  uploads: EntityTable<UploadRow, 'sha256'>;
  journal: Table<JournalRow, [string, number]>;
  bescheide: EntityTable<Bescheid, 'id'>;
  orgUnits: EntityTable<OrgUnit, 'id'>;
  akten: EntityTable<Akte, 'id'>;
  umlaeufe: EntityTable<Umlauf, 'id'>;
};

/**
 * One database per user: a user switch on a shared workstation never shows (or pushes) the
 * previous user's cases and outbox, and each user's offline work survives the other's session.
 */
export function dbName(userId: string): string {
  return `amtsplatz-${userId}`;
}

/** A Dexie instance with the first `version` migrations declared (tests open older versions). */
export function createDb(name: string, version: number = SCHEMA_VERSION): AmtsplatzDb {
  const db = new Dexie(name) as AmtsplatzDb;
  for (const migrate of MIGRATIONS.slice(0, version)) migrate(db);
  return db;
}

/** Opens (creating or upgrading) the user's database and makes sure it belongs to that user. */
export async function openDb(userId: string): Promise<AmtsplatzDb> {
  const db = createDb(dbName(userId));
  await db.open();
  const owner = await getMeta(db, 'userId');
  if (owner === undefined) {
    await setMeta(db, 'userId', userId);
  } else if (owner !== userId) {
    db.close();
    throw new Error(`Database ${db.name} belongs to another user`);
  }
  return db;
}

/** Removes all local data of a user (cases, documents, outbox, rejections). */
export async function deleteDb(userId: string): Promise<void> {
  await Dexie.delete(dbName(userId));
}

/** This database's client id for the sync protocol, created on first use. */
export async function ensureClientId(db: AmtsplatzDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await getMeta(db, 'clientId');
    if (existing !== undefined) return existing;
    const id = crypto.randomUUID();
    await setMeta(db, 'clientId', id);
    return id;
  });
}
