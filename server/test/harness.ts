import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { PullResponse, PushResponse } from '../../shared/contracts/http/sync.ts';
import type { VerfahrenDef } from '../../shared/domain/verfahren.ts';
import type { Vorgang } from '../../shared/domain/vorgang.ts';
import { type AppOptions, buildApp } from '../src/app.ts';
import { openMigrated, resetDatabase, type TestBackend } from './backends.ts';
import type { Database } from '../src/db/database.ts';
import { nextChangeSeq, writeTransaction } from '../src/db/write.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { hashPassword } from '../src/modules/auth/passwords.ts';
import { BlobStore } from '../src/modules/blobs/store.ts';
import { loadVerfahren } from '../src/modules/verfahren/load.ts';
import { writeVorgang } from '../src/modules/vorgaenge/store.ts';

export const TEST_NOW = new Date('2026-11-23T09:00:00.000Z');
export const OE1 = 'oe-buergerservice-1';
export const OE2 = 'oe-buergerservice-2';

/** A clock the test moves by hand. */
export class TestClock {
  #ms: number;
  constructor(start: Date = TEST_NOW) {
    this.#ms = start.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

let demoHash: Promise<string> | undefined;
/** argon2id costs ~0.1 s: hash "demo" once per test file. */
export const memoHash = (password: string): Promise<string> => {
  if (password !== 'demo') return hashPassword(password);
  demoHash ??= hashPassword('demo');
  return demoHash;
};

let verfahrenCache: Promise<VerfahrenDef[]> | undefined;
export const testVerfahren = (): Promise<VerfahrenDef[]> => (verfahrenCache ??= loadVerfahren());

/** The demo org units and accounts (password "demo"), no Vorgänge. */
export async function seedAccounts(db: Database): Promise<void> {
  const result = await seedDemo(db, {
    count: 0,
    now: TEST_NOW,
    verfahren: await testVerfahren(),
    hashPassword: memoHash,
  });
  if (!result.seeded) throw new Error('seedAccounts needs an empty database');
}

let counter = 0;
/** Inserts one valid Vorgang (defaults: org unit 1, unassigned, eingegangen). */
export async function addVorgang(db: Database, patch: Partial<Vorgang> = {}): Promise<Vorgang> {
  counter += 1;
  const v: Vorgang = {
    id: randomUUID(),
    aktenzeichen: `32.10.05-2026/T${String(counter).padStart(5, '0')}-${randomUUID().slice(0, 4)}`,
    verfahrenId: 'bewohnerparkausweis',
    status: 'eingegangen',
    applicant: {
      givenName: 'Erika',
      familyName: 'Mustermann',
      street: 'Hauptstr. 1',
      postalCode: '10115',
      city: 'Berlin',
    },
    antragsdaten: {},
    receivedAt: '2026-11-20T08:00:00.000Z',
    frist: '2026-12-04',
    assigneeId: null,
    orgUnitId: OE1,
    wiedervorlage: null,
    nachforderung: null,
    versand: null,
    prueflisteVersion: null,
    pruefliste: { manual: {}, overrides: {} },
    version: 1,
    updatedAt: '2026-11-20T08:00:00.000Z',
    ...patch,
  };
  await writeTransaction(db, async (tx) => writeVorgang(tx, v, await nextChangeSeq(tx)));
  return v;
}

/** A blob store in a fresh temp directory; remove() deletes it. */
export async function tempBlobStore(): Promise<{ store: BlobStore; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-blobs-'));
  return { store: await BlobStore.open(dir), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The app as tests use it; without `blobs`, a temp blob store that goes with the app. */
export async function testApp(
  db: Database,
  clock: TestClock,
  options: Partial<AppOptions> = {},
): Promise<FastifyInstance> {
  let blobs = options.blobs;
  let remove: (() => Promise<void>) | undefined;
  if (!blobs) ({ store: blobs, remove } = await tempBlobStore());
  const app = await buildApp({
    db,
    verfahren: await testVerfahren(),
    clock,
    demoMode: true,
    logger: false,
    validateResponses: true,
    ...options,
    blobs,
  });
  if (remove) app.addHook('onClose', remove);
  return app;
}

export async function login(app: FastifyInstance, username: string, password = 'demo'): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function pullAs(
  app: FastifyInstance,
  token: string,
  query: { clientId: string; cursor?: string; limit?: number },
): Promise<PullResponse> {
  const params = new URLSearchParams({ clientId: query.clientId });
  if (query.cursor !== undefined) params.set('cursor', query.cursor);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  const res = await app.inject({ method: 'GET', url: `/api/sync/pull?${params.toString()}`, headers: bearer(token) });
  if (res.statusCode !== 200) throw new Error(`pull failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export interface TestMutation {
  seq: number;
  name: string;
  args: unknown;
}

export function pushPayload(clientId: string, mutations: TestMutation[]) {
  return { clientId, mutations: mutations.map((m) => ({ ...m, clientTime: TEST_NOW.toISOString() })) };
}

export async function pushAs(
  app: FastifyInstance,
  token: string,
  clientId: string,
  mutations: TestMutation[],
): Promise<PushResponse> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: bearer(token),
    payload: pushPayload(clientId, mutations),
  });
  if (res.statusCode !== 200) throw new Error(`push failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function vorgangRow(db: Database, id: string): Promise<Vorgang & { changeSeq: number }> {
  const [row] = await db.query<{ doc: Vorgang; change_seq: number }>(
    'SELECT doc, change_seq FROM vorgaenge WHERE id = $1',
    [id],
  );
  if (!row) throw new Error(`Vorgang ${id} not in the database`);
  return { ...row.doc, changeSeq: row.change_seq };
}

/**
 * The database lifecycle of a describeBackends suite: one migrated database per suite, reset
 * and seeded with the demo accounts before every test (this hook runs before the suite's own
 * beforeEach). Returns the database, which exists once the suite has started.
 */
export function useSeededDb(backend: TestBackend): () => Database {
  let db: Database | undefined;
  const current = (): Database => {
    if (!db) throw new Error('the suite’s database is not open yet');
    return db;
  };
  beforeAll(async () => {
    db = await openMigrated(backend);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await resetDatabase(current());
    await seedAccounts(current());
  });
  return current;
}
