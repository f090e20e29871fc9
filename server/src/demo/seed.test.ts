import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeFrist } from '../../../shared/domain/fristen.ts';
import { OPEN_STATUSES } from '../../../shared/domain/status.ts';
import type { Vorgang } from '../../../shared/domain/vorgang.ts';
import { describeBackends, openMigrated } from '../../test/backends.ts';
import { memoHash, TEST_NOW, tempBlobStore, testVerfahren } from '../../test/harness.ts';
import type { Database } from '../db/database.ts';
import type { BlobStore } from '../modules/blobs/store.ts';
import { seedDemo } from './seed.ts';

describeBackends('demo seed', (backend) => {
  let db: Database;
  let blobs: BlobStore;
  let removeBlobs: () => Promise<void>;
  beforeAll(async () => {
    db = await openMigrated(backend);
    ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
  });
  afterAll(async () => {
    await db.close();
    await removeBlobs();
  });

  it('seeds accounts, Vorgänge and their Antrag attachments in batches, once', async () => {
    const verfahren = await testVerfahren();
    const result = await seedDemo(db, {
      count: 250,
      now: TEST_NOW,
      verfahren,
      blobs,
      land: 'BY',
      hashPassword: memoHash,
      batchSize: 100,
      antraege: 20,
    });
    expect(result).toMatchObject({ seeded: true, users: 5, vorgaenge: 250 });

    // Every Vorgang is filed in its Fallakte; the 20 newest get their Antrag rendered by a job.
    const [akten] = await db.query<{ n: number; zda: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE a.status = 'zda')::int AS zda
         FROM akten a JOIN vorgaenge v ON v.id = a.vorgang_id AND v.aktenzeichen = a.doc->>'aktenzeichen'`,
    );
    const [closed] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM vorgaenge WHERE status = 'abgeschlossen'`,
    );
    expect(akten).toEqual({ n: 250, zda: closed?.n });
    const jobs = await db.query<{ key: string }>(
      `SELECT idempotency_key AS key FROM jobs WHERE kind = 'file-antrag' AND state = 'pending'`,
    );
    const newest = await db.query<{ id: string }>(
      `SELECT id FROM vorgaenge ORDER BY doc->>'receivedAt' DESC, id LIMIT 20`,
    );
    expect(jobs.map((j) => j.key).sort()).toEqual(newest.map((r) => r.id).sort());

    const users = await db.query<{ username: string; is_demo: boolean; org_unit_id: string }>(
      'SELECT username, is_demo, org_unit_id FROM users ORDER BY username',
    );
    expect(users.map((u) => u.username)).toEqual([
      'admin',
      'sachbearbeiter1',
      'sachbearbeiter2',
      'sachbearbeiter3',
      'teamleitung1',
    ]);
    expect(users.every((u) => u.is_demo)).toBe(true);

    const [stats] = await db.query<{ n: number; seqs: number; ids: number; mismatched: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT change_seq)::int AS seqs, count(DISTINCT doc->>'id')::int AS ids,
              count(*) FILTER (WHERE doc->>'status' <> status OR doc->>'orgUnitId' <> org_unit_id
                               OR doc->>'frist' <> frist::text)::int AS mismatched
         FROM vorgaenge`,
    );
    expect(stats).toEqual({ n: 250, seqs: 250, ids: 250, mismatched: 0 });
    // Fristen count the configured Land's holidays.
    const docs = await db.query<{ doc: Vorgang }>('SELECT doc FROM vorgaenge');
    for (const { doc: v } of docs) {
      const arbeitstage = verfahren.find((d) => d.id === v.verfahrenId)?.fristArbeitstage ?? 0;
      expect(v.frist).toBe(computeFrist({ received: v.receivedAt.slice(0, 10), arbeitstage, land: 'BY' }));
    }

    // Open Vorgänge have one or two attachments, in their org unit; three files stored once.
    const perVorgang = await db.query<{ status: string; n: number; misplaced: number }>(
      `SELECT v.status, count(d.id)::int AS n, count(d.id) FILTER (WHERE d.org_unit_id <> v.org_unit_id)::int AS misplaced
         FROM vorgaenge v LEFT JOIN dokumente d ON d.vorgang_id = v.id GROUP BY v.id, v.status`,
    );
    for (const row of perVorgang) {
      expect(row.misplaced).toBe(0);
      if ((OPEN_STATUSES as readonly string[]).includes(row.status)) expect([1, 2]).toContain(row.n);
      else expect(row.n).toBe(0);
    }
    expect(result).toMatchObject({ dokumente: perVorgang.reduce((sum, r) => sum + r.n, 0) });
    const [dokumentSeqs] = await db.query<{ seqs: number; n: number }>(
      'SELECT count(DISTINCT change_seq)::int AS seqs, count(*)::int AS n FROM dokumente',
    );
    expect(dokumentSeqs?.seqs).toBe(dokumentSeqs?.n);
    const stored = await db.query<{ sha256: string; size: number }>('SELECT sha256, size FROM blobs ORDER BY sha256');
    expect(stored).toHaveLength(3);
    for (const b of stored) {
      const bytes = await readFile(blobs.pathOf(b.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(b.sha256);
      expect(bytes.length).toBe(b.size);
    }
    const [referenced] = await db.query<{ n: number }>(
      'SELECT count(DISTINCT sha256)::int AS n FROM dokumente WHERE sha256 IN (SELECT sha256 FROM blobs)',
    );
    expect(referenced?.n).toBe(3);

    expect(await seedDemo(db, { count: 250, now: TEST_NOW, verfahren, blobs, hashPassword: memoHash })).toEqual({
      seeded: false,
    });
    const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM vorgaenge');
    expect(count?.n).toBe(250);
  });
});
