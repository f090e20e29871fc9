/*
 * The Versandvermerk filed automatically after a dispatch, on both databases: the dispatch
 * writes the job, the job renders the PDF/A and files it (journaled with its SHA-256, once), and
 * the z.d.A. waits until it is in the Akte.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEMO_AUTHORITY } from '../../../../shared/bescheid/authority.ts';
import { recordSeal } from '../../../../shared/mutators/server-commands.ts';
import { pdftotext, qpdfCheck, withPdfFile } from '../../../../scripts/lib/pdf-tools.ts';
import { describeBackends } from '../../../test/backends.ts';
import { login, pushAs, tempBlobStore, TestClock, testApp, useSeededDb } from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { addBescheid } from '../bescheid/test-fixture.ts';
import { saveBlob } from '../blobs/blobs.ts';
import type { BlobStore } from '../blobs/store.ts';
import { jobWorkerOf } from '../jobs/index.ts';
import { journalEvents } from '../journal/store.ts';
import { applyCommand } from '../sync/commands.ts';
import { localChangeFeed } from '../sync/events.ts';
import { versandvermerkDokumentId } from './versandvermerk-job.ts';

const SLOW = { timeout: 60_000 };
const TODAY = '2026-11-23';

describeBackends('the Versandvermerk', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let blobs: BlobStore;
  let removeBlobs: () => Promise<void>;
  let app: FastifyInstance;
  const clock = new TestClock();

  beforeEach(async () => {
    db = getDb();
    ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
    app = await testApp(db, clock, { blobs, authority: DEMO_AUTHORITY, jobs: { autoStart: false } });
  });
  afterEach(async () => {
    await app.close();
    await removeBlobs();
  });

  /** An approved Bescheid sealed through the server command, as the seal job would. */
  async function sealed() {
    const { v, b } = await addBescheid(db, { state: 'freigegeben', vorgangStatus: 'freigegeben' });
    const pdf = new TextEncoder().encode('%PDF-1.7\n% gesiegelt\ntrailer <<>>\n%%EOF\n');
    const blob = await saveBlob(db, blobs, pdf, { maxBytes: 1_000_000 }, clock.now());
    const dokument = {
      id: randomUUID(),
      vorgangId: v.id,
      name: 'Bescheid.pdf',
      mediaType: 'application/pdf',
      size: blob.size,
      sha256: blob.sha256,
      source: 'bescheid' as const,
      uploadedBy: null,
      createdAt: clock.now().toISOString(),
    };
    const now = clock.now().toISOString();
    await writeTransaction(db, (tx) =>
      applyCommand(
        tx,
        { changes: localChangeFeed(), verfahren: [] },
        recordSeal,
        { bescheidId: b.id, version: b.version, dokument },
        { actorId: 'system:seal', now },
        { actorId: 'system:seal', deviceTime: null, serverTime: now },
      ),
    );
    return { v, b, dokument };
  }

  it(
    'is filed after the dispatch as a PDF/A naming the Bescheid’s hash, and the z.d.A. waits for it',
    SLOW,
    async () => {
      const { v, b, dokument } = await sealed();
      const clerk = await login(app, 'sachbearbeiter1');
      const push = async (name: string, args: unknown) =>
        (await pushAs(app, clerk, randomUUID(), [{ seq: 1, name, args }])).results[0];
      expect(
        await push('recordDispatch', { vorgangId: v.id, bescheidId: b.id, channel: 'post', date: TODAY }),
      ).toMatchObject({ status: 'applied' });
      const zda = { vorgangId: v.id, grund: 'bescheid_versandt', begruendung: null };
      expect(await push('verfuegeZda', zda)).toMatchObject({ status: 'rejected', error: { code: 'conflict' } });

      expect(await jobWorkerOf(app).drain()).toBe(1);
      const id = versandvermerkDokumentId(v.id);
      const [row] = await db.query<{ sha256: string; doc: { source: string; name: string } }>(
        'SELECT sha256, doc FROM dokumente WHERE id = $1',
        [id],
      );
      expect(row?.doc).toMatchObject({
        source: 'versandvermerk',
        name: expect.stringMatching(/^Versandvermerk-/) as unknown,
      });
      const stored = await blobs.read(row?.sha256 ?? '');
      if (!stored) throw new Error('no bytes');
      const chunks: Buffer[] = [];
      for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
      const pdf = new Uint8Array(Buffer.concat(chunks));
      expect(withPdfFile(pdf, qpdfCheck).ok).toBe(true);
      expect(withPdfFile(pdf, pdftotext).replace(/\s+/g, '')).toContain(dokument.sha256);
      const filed = (await journalEvents(db, v.id)).filter((e) => e.action === 'fileVersandvermerk');
      expect(filed.map((e) => e.summary)).toEqual([expect.objectContaining({ dokumentId: id, sha256: row?.sha256 })]);

      // Filed: the z.d.A. goes through, and a repeated job files nothing twice.
      expect(await push('verfuegeZda', zda)).toMatchObject({ status: 'applied' });
      expect(await db.query('SELECT 1 FROM dokumente WHERE vorgang_id = $1 AND id = $2', [v.id, id])).toHaveLength(1);
    },
  );
});
