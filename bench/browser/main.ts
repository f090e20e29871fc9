import { Dexie } from 'dexie';
import { pullResponse, session, MAX_PULL_LIMIT, type SyncChange } from '../../shared/contracts/http/index.ts';
import { berlinDate, type Bescheid, type User, type Vorgang } from '../../shared/domain/index.ts';
import {
  createDb,
  dbName,
  toVorgangRow,
  type AbsenceRow,
  type AmtsplatzDb,
  type DokumentRow,
  type NoteRow,
  type VorgangRow,
} from '../../renderer/src/db/index.ts';
import { tableOf } from '../../renderer/src/db/entity-tables.ts';
import { byAssignee, byOrgUnit } from '../../renderer/src/db/queries.ts';
import { ENTITY_NAMES } from '../../shared/sync/entities.ts';
import { firstPage } from '../../renderer/src/features/inbox/inbox-source.ts';
import {
  InboxIndex,
  toInboxEntry,
  type InboxQuery,
  type InboxView,
} from '../../renderer/src/features/inbox/inbox-index.ts';
import { mutate } from '../../renderer/src/sync/mutate.ts';
import type { BenchApi, SyncedCounts } from './api.ts';
import { consoleAggregateTimings, reassign } from './console.ts';

let fetched: Vorgang[] = [];
/** Every row the pull stream sent, by entity: what an initial sync writes. */
let pulled: SyncChange[] = [];

async function openAppDb(userId: string): Promise<AmtsplatzDb> {
  const db = createDb(dbName(userId));
  await db.open();
  return db;
}

async function withAppDb<T>(userId: string, fn: (db: AmtsplatzDb) => Promise<T>): Promise<T> {
  const db = await openAppDb(userId);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

function query(view: InboxView, userId: string, orgUnitId: string, text = ''): InboxQuery {
  return { view, userId, orgUnitId, status: 'open', verfahrenId: null, text };
}

const VIEWS: readonly InboxView[] = ['mine', 'team', 'open'];

/** A calendar date `offset` days after 2030-01-01 (far from demo Fristen, always valid). */
function dateAfter(offset: number): string {
  return new Date(Date.UTC(2030, 0, 1 + (offset % 3000))).toISOString().slice(0, 10);
}

const bench: BenchApi = {
  async login(username, password) {
    const res = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login failed: HTTP ${res.status}`);
    const s = session.parse(await res.json());
    return { token: s.token, userId: s.user.id, orgUnitId: s.user.orgUnitId };
  },

  async fetchAllRows(token) {
    const changes: SyncChange[] = [];
    const clientId = crypto.randomUUID();
    let cursor: string | undefined;
    for (;;) {
      const params = new URLSearchParams({ clientId, limit: String(MAX_PULL_LIMIT) });
      if (cursor !== undefined) params.set('cursor', cursor);
      const res = await fetch(`/api/sync/pull?${params}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`pull failed: HTTP ${res.status}`);
      const page = pullResponse.parse(await res.json());
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    pulled = changes;
    fetched = changes.flatMap((c) => (c.entity === 'vorgang' ? [c.value] : []));
    const counts: SyncedCounts = {};
    for (const c of changes) counts[c.entity] = (counts[c.entity] ?? 0) + 1;
    return counts;
  },

  async baselineBulkPut(entities) {
    // Derived index fields are part of the stored row; computing them is not the write being measured.
    const vorgaenge: VorgangRow[] = [];
    const notes: NoteRow[] = [];
    const dokumente: DokumentRow[] = [];
    const absences: AbsenceRow[] = [];
    const bescheide: Bescheid[] = [];
    const users: User[] = [];
    for (const c of pulled) {
      if (c.entity === 'vorgang') vorgaenge.push(toVorgangRow(c.value));
      else if (entities === 'vorgaenge') continue;
      else if (c.entity === 'note') notes.push(c.value);
      else if (c.entity === 'dokument') dokumente.push(c.value);
      else if (c.entity === 'absence') absences.push(c.value);
      else if (c.entity === 'bescheid') bescheide.push(c.value);
      else if (c.entity === 'user') users.push(c.value);
    }
    const rows = vorgaenge.length + notes.length + dokumente.length + absences.length + bescheide.length + users.length;
    const name = `amtsplatz-bench-baseline-${crypto.randomUUID()}`;
    const db = createDb(name);
    await db.open();
    try {
      const t0 = performance.now();
      // One bulkPut per table, each in its own transaction: the plain write of the rows, without paging.
      await db.vorgaenge.bulkPut(vorgaenge);
      await db.notes.bulkPut(notes);
      await db.dokumente.bulkPut(dokumente);
      await db.absences.bulkPut(absences);
      await db.bescheide.bulkPut(bescheide);
      await db.users.bulkPut(users);
      return { ms: performance.now() - t0, rows };
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  },

  countAppRows(userId) {
    // Every entity of the registry, so a new one is compared with what the server sent.
    return withAppDb(userId, async (db) => {
      const counts: SyncedCounts = {};
      for (const entity of ENTITY_NAMES) counts[entity] = await tableOf(db, entity).count();
      return counts;
    });
  },

  sampleSearchTexts(n) {
    if (fetched.length === 0) throw new Error('fetch the rows first');
    const texts: string[] = [];
    for (let i = 0; i < n; i++) {
      // A fixed stride keeps runs comparable without a seeded random generator.
      const v = fetched[Math.floor((i * 7919) % fetched.length)] as Vorgang;
      const kind = i % 3;
      if (kind === 0) texts.push(v.applicant.familyName);
      else if (kind === 1) texts.push(v.applicant.familyName.slice(0, 3));
      else texts.push(v.aktenzeichen.slice(-5));
    }
    return texts;
  },

  readRows(userId, ids) {
    return withAppDb(userId, async (db) => {
      const rows = await db.vorgaenge.bulkGet([...ids]);
      return rows.flatMap((r) => (r ? [{ id: r.id, assigneeId: r.assigneeId, version: r.version }] : []));
    });
  },

  inboxQueryTimings(userId, orgUnitId, iterations) {
    return withAppDb(userId, async (db) => {
      const out: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const q = query(VIEWS[i % VIEWS.length] ?? 'team', userId, orgUnitId);
        const t0 = performance.now();
        const rows = await firstPage(db, q, 50);
        out.push(performance.now() - t0);
        if (q.view === 'team' && rows.length === 0) throw new Error('team inbox is empty: nothing was measured');
      }
      return out;
    });
  },

  indexSearchTimings(userId, orgUnitId, texts) {
    return withAppDb(userId, async (db) => {
      const index = new InboxIndex();
      index.replaceAll((await db.vorgaenge.toArray()).map(toInboxEntry));
      return texts.map((text) => {
        const t0 = performance.now();
        index.query(query('team', userId, orgUnitId, text));
        return performance.now() - t0;
      });
    });
  },

  consoleAggregateTimings(userId, orgUnitId, iterations) {
    return withAppDb(userId, (db) => consoleAggregateTimings(db, orgUnitId, berlinDate(new Date()), iterations));
  },

  reassign(userId, vorgangId, assigneeId) {
    return withAppDb(userId, (db) => reassign(db, userId, vorgangId, assigneeId));
  },

  teamVorgaenge(userId, orgUnitId, n) {
    return withAppDb(userId, async (db) => {
      const rows = await byOrgUnit(db, orgUnitId).limit(n).toArray();
      return rows.map((r) => ({ id: r.id, assigneeId: r.assigneeId }));
    });
  },

  async rawPutTimings(iterations) {
    const sample = fetched.slice(0, 50).map(toVorgangRow);
    if (sample.length === 0) throw new Error('fetch the rows first');
    const name = `amtsplatz-bench-put-${crypto.randomUUID()}`;
    const db = createDb(name);
    await db.open();
    try {
      await db.vorgaenge.bulkPut(sample);
      const out: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const row = sample[i % sample.length] as VorgangRow;
        const date = dateAfter(i);
        const t0 = performance.now();
        await db.vorgaenge.put({ ...row, wiedervorlage: { date } });
        const back = await db.vorgaenge.get(row.id);
        out.push(performance.now() - t0);
        if (back?.wiedervorlage?.date !== date) throw new Error('raw put not visible');
      }
      return out;
    } finally {
      db.close();
      await Dexie.delete(name);
    }
  },

  localWriteTimings(userId, iterations, pauseMs) {
    return withAppDb(userId, async (db) => {
      const actor = await db.users.get(userId);
      if (!actor) throw new Error('the app database has no row for the logged-in user');
      const mine = await byAssignee(db, userId).limit(50).primaryKeys();
      if (mine.length === 0) throw new Error('the user has no assigned Vorgänge to write to');
      const out: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const vorgangId = mine[i % mine.length] as string;
        const date = dateAfter(i);
        const t0 = performance.now();
        const r = await mutate(db, actor, 'setWiedervorlage', { vorgangId, date });
        const row = await db.vorgaenge.get(vorgangId);
        const ms = performance.now() - t0;
        if (!r.ok) throw new Error(`local write rejected: ${r.error.code}`);
        if (row?.wiedervorlage?.date !== date) throw new Error('local write not visible in Dexie');
        out.push(ms);
        // A clerk does not write back to back: let the open app finish reacting to this write first.
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
      return out;
    });
  },
};

window.bench = bench;
