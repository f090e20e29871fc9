import type { Land } from '../../../shared/domain/feiertage.ts';
import { type Vorgang, vorgang as vorgangSchema } from '../../../shared/domain/vorgang.ts';
import type { VerfahrenDef } from '../../../shared/domain/verfahren.ts';
import type { Database } from '../db/database.ts';
import { nextChangeSeq, writeTransaction } from '../db/write.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { saveBlob } from '../modules/blobs/blobs.ts';
import type { BlobStore } from '../modules/blobs/store.ts';
import { insertDokumente, type DokumentRow } from '../modules/dokumente/store.ts';
import { DEMO_ORG_UNITS, DEMO_USERS, demoIntakeOrgUnits } from '../modules/intake/demo-accounts.ts';
import { DemoAttachments, demoAttachmentFiles, type StoredDemoFile } from '../modules/intake/demo-attachments.ts';
import { DEFAULT_DEMO_SEED, generateDemoVorgaenge } from '../modules/intake/demo.ts';
import { insertVorgaenge } from '../modules/vorgaenge/store.ts';
import { enqueueFileAntraege } from '../modules/akte/antrag-job.ts';

export const DEMO_PASSWORD = 'demo';

export interface SeedDemoOptions {
  count: number;
  now: Date;
  verfahren: readonly VerfahrenDef[];
  seed?: number;
  /** Whose public holidays the Fristen skip (the server's --land). */
  land?: Land;
  /** Where the Antrag attachments of open Vorgänge are stored; without it they get none. */
  blobs?: BlobStore;
  /** Tests pass a memoised hasher; argon2id costs ~0.1 s per call. */
  hashPassword?: (password: string) => Promise<string>;
  batchSize?: number;
  /**
   * How many of the newest Vorgänge get a file-antrag job (their Antrag rendered as PDF and
   * filed in the background, as intake does); default none.
   */
  antraege?: number;
}

export type SeedDemoResult =
  { seeded: false } | { seeded: true; users: number; vorgaenge: number; dokumente: number; ms: number };

async function isEmpty(db: Pick<Database, 'query'>): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM vorgaenge) + (SELECT count(*) FROM org_units) AS n',
  );
  return row?.n === 0;
}

/** The demo files in the blob store (idempotent: the same bytes every time). */
async function storeDemoFiles(db: Database, blobs: BlobStore, now: Date): Promise<StoredDemoFile[]> {
  const stored: StoredDemoFile[] = [];
  for (const f of await demoAttachmentFiles()) {
    const blob = await saveBlob(db, blobs, f.bytes, { maxBytes: f.bytes.length }, now);
    stored.push({ name: f.name, mediaType: f.mediaType, sha256: blob.sha256, size: blob.size });
  }
  return stored;
}

/**
 * Seeds the demo org units, accounts (password "demo", flagged as demo accounts), Vorgänge and
 * the Antrag attachments of the open ones, atomically and only into an empty database, so
 * restarting with --demo is a no-op. The attachment files are stored once and shared by hash.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  if (!(await isEmpty(db))) return { seeded: false };
  const started = performance.now();
  const hasher = options.hashPassword ?? hashPassword;
  const hashes = await Promise.all(DEMO_USERS.map(() => hasher(DEMO_PASSWORD)));
  const batchSize = options.batchSize ?? 1000;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const attachments =
    options.blobs && options.count > 0
      ? new DemoAttachments(await storeDemoFiles(db, options.blobs, options.now), seed)
      : undefined;

  const inserted = await writeTransaction(db, async (tx) => {
    // Re-checked under the write lock: two servers starting at once must not both seed.
    if (!(await isEmpty(tx))) return undefined;
    for (const oe of DEMO_ORG_UNITS) {
      await tx.query('INSERT INTO org_units (id, name) VALUES ($1, $2)', [oe.id, oe.name]);
    }
    for (const [i, u] of DEMO_USERS.entries()) {
      await tx.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles, org_unit_id, is_demo, change_seq)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, true, $7)`,
        [u.id, u.username, u.displayName, hashes[i], JSON.stringify(u.roles), u.orgUnitId, await nextChangeSeq(tx)],
      );
    }
    const generated = generateDemoVorgaenge({
      count: options.count,
      now: options.now,
      verfahren: [...options.verfahren],
      orgUnits: demoIntakeOrgUnits(),
      seed,
      ...(options.land === undefined ? {} : { land: options.land }),
    });
    let batch: Vorgang[] = [];
    let dokumente: DokumentRow[] = [];
    const total = { vorgaenge: 0, dokumente: 0 };
    const flush = async () => {
      await insertVorgaenge(tx, batch);
      // After their Vorgänge, which they reference.
      await insertDokumente(tx, dokumente);
      total.vorgaenge += batch.length;
      total.dokumente += dokumente.length;
      batch = [];
      dokumente = [];
    };
    for (const v of generated) {
      // Clients reject rows that violate the shared schema; catch a generator bug here instead.
      batch.push(vorgangSchema.parse(v));
      for (const d of attachments?.of(v) ?? []) dokumente.push({ dokument: d, orgUnitId: v.orgUnitId });
      if (batch.length === batchSize) await flush();
    }
    await flush();
    const newest = await tx.query<{ id: string }>(
      `SELECT id FROM vorgaenge ORDER BY doc->>'receivedAt' DESC, id LIMIT $1`,
      [options.antraege ?? 0],
    );
    await enqueueFileAntraege(
      tx,
      newest.map((r) => r.id),
    );
    return total;
  });
  if (inserted === undefined) return { seeded: false };
  return { seeded: true, users: DEMO_USERS.length, ...inserted, ms: Math.round(performance.now() - started) };
}
