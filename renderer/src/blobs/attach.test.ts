import { describe, expect, it } from 'vitest';
import { MAX_DOKUMENT_BYTES, sha256Hex } from '../../../shared/domain/index.ts';
import { clerk, colleague, makeVorgang } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { toVorgangRow, type AmtsplatzDb } from '../db/index.ts';
import { attachDokument } from './attach.ts';
import { readBlobState, readDokumente } from './queries.ts';

const at = new Date('2026-11-23T08:30:00.000Z');
const pdf = new TextEncoder().encode('%PDF-1.7 Nachweis');

async function setup(assigneeId: string | null = clerk.id) {
  const db = await freshDb(clerk);
  const v = makeVorgang({ assigneeId, status: 'in_bearbeitung' });
  await db.vorgaenge.put(toVorgangRow(v));
  return { db, v };
}

async function counts(db: AmtsplatzDb) {
  return {
    blobs: await db.blobs.count(),
    uploads: await db.uploads.count(),
    outbox: await db.outbox.count(),
    dokumente: await db.dokumente.count(),
  };
}

describe('attachDokument', () => {
  it('pins the bytes, queues the upload and adds the Dokument with its outbox entry', async () => {
    const { db, v } = await setup();
    const res = await attachDokument(
      db,
      clerk,
      { vorgangId: v.id, name: 'Nachweis.PDF', mediaType: 'application/pdf', bytes: pdf },
      at,
    );

    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const sha256 = await sha256Hex(pdf);
    expect(res.value.sha256).toBe(sha256);
    const blob = await db.blobs.get(sha256);
    expect(blob).toMatchObject({
      size: pdf.byteLength,
      mediaType: 'application/pdf',
      pinned: 1,
      lastUsed: at.getTime(),
    });
    expect(new Uint8Array((await blob?.bytes.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(pdf);
    expect(await db.uploads.toArray()).toEqual([{ sha256, size: pdf.byteLength, queuedAt: at.getTime(), attempts: 0 }]);
    expect(await readDokumente(db, v.id)).toEqual([
      {
        id: res.value.dokumentId,
        vorgangId: v.id,
        name: 'Nachweis.pdf',
        mediaType: 'application/pdf',
        size: pdf.byteLength,
        sha256,
        source: 'upload',
        uploadedBy: clerk.id,
        createdAt: at.toISOString(),
      },
    ]);
    expect(await db.outbox.toArray()).toEqual([
      {
        seq: 1,
        name: 'addDokument',
        args: {
          vorgangId: v.id,
          dokumentId: res.value.dokumentId,
          name: 'Nachweis.pdf',
          mediaType: 'application/pdf',
          size: pdf.byteLength,
          sha256,
        },
        clientTime: at.toISOString(),
        state: 'pending',
      },
    ]);
    expect(await readBlobState(db, sha256)).toBe('pending-upload');
  });

  it('leaves nothing behind when the mutator refuses', async () => {
    const { db, v } = await setup(colleague.id);
    const res = await attachDokument(db, clerk, {
      vorgangId: v.id,
      name: 'a.pdf',
      mediaType: 'application/pdf',
      bytes: pdf,
    });
    expect(!res.ok && res.error.code).toBe('not_assignee');
    expect(await counts(db)).toEqual({ blobs: 0, uploads: 0, outbox: 0, dokumente: 0 });
    expect(await db.shadows.count()).toBe(0);
  });

  it('refuses empty, oversized and disallowed files before storing anything', async () => {
    const { db, v } = await setup();
    const base = { vorgangId: v.id, name: 'x.pdf', mediaType: 'application/pdf' };
    const empty = await attachDokument(db, clerk, { ...base, bytes: new Uint8Array() });
    const big = await attachDokument(db, clerk, { ...base, bytes: new Uint8Array(MAX_DOKUMENT_BYTES + 1) });
    const html = await attachDokument(db, clerk, { ...base, name: 'x.html', mediaType: 'text/html', bytes: pdf });
    expect([empty, big, html].map((r) => !r.ok && r.error.code)).toEqual([
      'validation_failed',
      'payload_too_large',
      'unsupported_media_type',
    ]);
    expect(await counts(db)).toEqual({ blobs: 0, uploads: 0, outbox: 0, dokumente: 0 });
  });

  it('queues the same bytes once, however often they are attached', async () => {
    const { db, v } = await setup();
    const input = { vorgangId: v.id, name: 'a.pdf', mediaType: 'application/pdf', bytes: pdf };
    const first = await attachDokument(db, clerk, input, at);
    const second = await attachDokument(db, clerk, { ...input, name: 'b.pdf' }, new Date(at.getTime() + 1000));
    expect(first.ok && second.ok && first.value.sha256 === second.value.sha256).toBe(true);
    expect(await counts(db)).toEqual({ blobs: 1, uploads: 1, outbox: 2, dokumente: 2 });
    expect((await db.uploads.toArray())[0]?.queuedAt).toBe(at.getTime());
  });

  it('does not upload bytes again that came from the server', async () => {
    const { db, v } = await setup();
    const sha256 = await sha256Hex(pdf);
    await db.blobs.add({
      sha256,
      bytes: new Blob([pdf]),
      size: pdf.byteLength,
      mediaType: 'application/pdf',
      lastUsed: 1,
      pinned: 0,
    });
    const res = await attachDokument(
      db,
      clerk,
      { vorgangId: v.id, name: 'a.pdf', mediaType: 'application/pdf', bytes: pdf },
      at,
    );
    expect(res.ok).toBe(true);
    expect(await db.uploads.count()).toBe(0);
    expect(await db.blobs.get(sha256)).toMatchObject({ pinned: 0, lastUsed: at.getTime() });
    expect(await readBlobState(db, sha256)).toBe('cached');
  });
});
