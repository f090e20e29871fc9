/*
 * The automatic Veraktung of the Antrag: rendered as PDF/A from the Antragsdaten by a durable
 * job written with the intake, filed once as the Vorgang's document and journaled with its
 * SHA-256 — on both databases.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { qpdfCheck, withPdfFile } from '../../../../scripts/lib/pdf-tools.ts';
import { DEMO_AUTHORITY } from '../../../../shared/bescheid/authority.ts';
import type { LetterAssets } from '../../../../shared/bescheid/letter/index.ts';
import type { Dokument } from '../../../../shared/domain/dokument.ts';
import { describeBackends } from '../../../test/backends.ts';
import { addVorgang, tempBlobStore, TestClock, testVerfahren, useSeededDb } from '../../../test/harness.ts';
import { journalEvents } from '../journal/store.ts';
import { loadLetterAssets } from '../bescheid/seal-service.ts';
import type { BlobStore } from '../blobs/store.ts';
import { JobRegistry } from '../jobs/registry.ts';
import { listJobs } from '../jobs/store.ts';
import { createJobWorker } from '../jobs/worker.ts';
import { localChangeFeed, type ChangeFeed } from '../sync/events.ts';
import {
  antragDokumentId,
  E_AKTE_ACTOR,
  enqueueFileAntraege,
  enqueueFileAntrag,
  fileAntragJobHandler,
  FILE_ANTRAG_JOB_KIND,
} from './antrag-job.ts';

let blobs: BlobStore;
let removeBlobs: () => Promise<void>;
let assets: LetterAssets;
beforeAll(async () => {
  ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
  assets = await loadLetterAssets();
});
afterAll(async () => {
  await removeBlobs();
});

describeBackends('the file-antrag job', (backend) => {
  const db = useSeededDb(backend);
  let changes: ChangeFeed;
  let renders = 0;
  const worker = async () =>
    createJobWorker({
      db: db(),
      registry: new JobRegistry([
        fileAntragJobHandler({
          db: db(),
          blobs,
          clock: new TestClock(),
          changes,
          verfahren: await testVerfahren(),
          authority: DEMO_AUTHORITY,
          assets: async () => {
            renders += 1;
            return assets;
          },
        }),
      ]),
      releaseOrphans: false,
    });
  beforeEach(() => {
    changes = localChangeFeed();
    renders = 0;
  });
  afterEach(async () => {
    await changes.close();
  });

  const antragDokumente = async (vorgangId: string) =>
    (
      await db().query<{ doc: Dokument }>(
        `SELECT doc FROM dokumente WHERE vorgang_id = $1 AND doc->>'source' = 'antrag'`,
        [vorgangId],
      )
    ).map((r) => r.doc);

  it('renders the Antrag as a valid PDF, files it once as the Vorgang’s document, and journals its hash', async () => {
    const v = await addVorgang(db(), {
      antragsdaten: { bewohnerparkzone: 'B', kennzeichen: 'B-AB 1234', hauptwohnsitz: true },
    });
    await db().transaction((tx) => enqueueFileAntrag(tx, v.id));
    await db().transaction((tx) => enqueueFileAntrag(tx, v.id));
    expect(await (await worker()).drain()).toBe(1);

    const [d, ...more] = await antragDokumente(v.id);
    expect(more).toEqual([]);
    expect(d).toMatchObject({
      id: antragDokumentId(v.id),
      vorgangId: v.id,
      name: `Antrag-${v.aktenzeichen.replaceAll('/', '_')}.pdf`,
      mediaType: 'application/pdf',
      source: 'antrag',
      uploadedBy: null,
      createdAt: v.receivedAt,
    });
    if (!d) throw new Error('no Antrag filed');
    const stored = await blobs.read(d.sha256);
    if (!stored) throw new Error('the Antrag’s bytes are not in the blob store');
    const chunks: Buffer[] = [];
    for await (const c of stored.stream) chunks.push(c as Buffer);
    const pdf = new Uint8Array(Buffer.concat(chunks));
    expect(new TextDecoder('latin1').decode(pdf.subarray(0, 8))).toBe('%PDF-1.7');
    withPdfFile(pdf, (path) => expect(qpdfCheck(path).ok).toBe(true));

    const events = await journalEvents(db(), v.id);
    expect(events.filter((e) => e.action === 'fileAntrag')).toMatchObject([
      { actorId: E_AKTE_ACTOR, summary: { dokumentId: d.id, sha256: d.sha256, mediaType: 'application/pdf' } },
    ]);

    // Asked again (a replayed intake): completes without rendering or filing again.
    await db().query(`UPDATE jobs SET state = 'pending', finished_at = NULL WHERE kind = $1`, [FILE_ANTRAG_JOB_KIND]);
    const before = renders;
    expect(await (await worker()).drain()).toBe(1);
    expect(renders).toBe(before);
    expect(await antragDokumente(v.id)).toHaveLength(1);
  }, 60_000);

  it('enqueues a bulk intake in one statement and leaves a concluded Vorgang as it is', async () => {
    const open = await addVorgang(db());
    const closed = await addVorgang(db(), { status: 'abgeschlossen' });
    await db().transaction((tx) => enqueueFileAntraege(tx, [open.id, closed.id, open.id]));
    expect(await (await worker()).drain()).toBe(2);
    expect(await antragDokumente(open.id)).toHaveLength(1);
    expect(await antragDokumente(closed.id)).toEqual([]);
    const jobs = await listJobs(db(), { limit: 10 });
    expect(jobs.map((j) => [j.idempotencyKey, j.state]).sort()).toEqual(
      [
        [open.id, 'done'],
        [closed.id, 'dead'],
      ].sort(),
    );
  }, 60_000);
});
