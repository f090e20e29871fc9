import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { NachreichungResponse } from '../../../../shared/contracts/http/intake.ts';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  memoHash,
  OE1,
  OE2,
  pullAs,
  TEST_NOW,
  TestClock,
  testApp,
  useSeededDb,
  vorgangRow,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { createUser } from '../auth/users.ts';

const PDF = Buffer.from('%PDF-1.7\n% Meldebescheinigung\n%%EOF\n');
const HASH = createHash('sha256').update(PDF).digest('hex');
const WAITING = {
  status: 'wartet' as const,
  assigneeId: 'u-sachbearbeiter1',
  nachforderung: { frist: '2026-12-07', requestedAt: '2026-11-21T10:00:00.000Z', text: 'Meldebescheinigung' },
};

describeBackends('intake of a Nachreichung', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let connector: string;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock());
    // The online-service connector's account; the demo has none.
    await createUser(db, {
      username: 'ozg-connector',
      displayName: 'OZG-Anbindung',
      roles: ['registry'],
      orgUnitId: OE1,
      passwordHash: await memoHash('demo'),
    });
    connector = await login(app, 'ozg-connector');
  });
  afterEach(async () => {
    await app.close();
  });

  const deliver = (vorgangId: string, name: string, mediaType = 'application/pdf', token = connector) =>
    app.inject({
      method: 'POST',
      url: `/api/intake/nachreichung?${new URLSearchParams({ vorgangId, name, mediaType }).toString()}`,
      headers: { ...bearer(token), 'content-type': 'application/octet-stream' },
      body: PDF,
    });
  const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;
  const blobCount = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM blobs'))[0]?.n;

  it('adds the document and ends the Nachforderung: back in progress, journaled by intake', async () => {
    const v = await addVorgang(db, WAITING);
    const anna = await login(app, 'sachbearbeiter1');
    const clientId = randomUUID();
    const start = await pullAs(app, anna, { clientId });

    const res = await deliver(v.id, 'Meldebescheinigung.exe');
    expect(res.statusCode).toBe(200);
    const body = res.json<NachreichungResponse>();
    expect(body).toEqual({
      dokument: {
        id: expect.any(String) as unknown,
        vorgangId: v.id,
        name: 'Meldebescheinigung.exe.pdf',
        mediaType: 'application/pdf',
        size: PDF.length,
        sha256: HASH,
        source: 'nachreichung',
        uploadedBy: null,
        createdAt: TEST_NOW.toISOString(),
      },
      status: 'in_bearbeitung',
      nachforderungEnded: true,
    });
    const row = await vorgangRow(db, v.id);
    expect(row).toMatchObject({ status: 'in_bearbeitung', nachforderung: null, version: v.version + 1 });

    const journal = await app.inject({ method: 'GET', url: `/api/journal?vorgangId=${v.id}`, headers: bearer(anna) });
    const events = journal.json<{ events: JournalEvent[] }>().events;
    expect(
      events.map(({ actorId, action, deviceTime, summary }) => ({ actorId, action, deviceTime, summary })),
    ).toEqual([
      {
        actorId: 'system:intake',
        action: 'receiveNachreichung',
        deviceTime: null,
        summary: {
          dokumentId: body.dokument.id,
          sha256: HASH,
          size: PDF.length,
          mediaType: 'application/pdf',
          from: 'wartet',
          to: 'in_bearbeitung',
        },
      },
    ]);

    // The clerks pull both changes and may download the bytes.
    const pulled = await pullAs(app, anna, { clientId, cursor: start.cursor });
    expect(pulled.changes.map((c) => c.entity).sort()).toEqual(['dokument', 'vorgang']);
    const download = await app.inject({ method: 'GET', url: `/api/blobs?sha256=${HASH}`, headers: bearer(anna) });
    expect(download.rawPayload).toEqual(PDF);
  });

  it('only adds the document to a Vorgang that waits on nothing', async () => {
    const v = await addVorgang(db, { status: 'in_bearbeitung', assigneeId: 'u-sachbearbeiter1' });
    const res = await deliver(v.id, 'Nachweis.pdf');
    expect(res.json()).toMatchObject({ status: 'in_bearbeitung', nachforderungEnded: false });
    expect(await vorgangRow(db, v.id)).toMatchObject({ status: 'in_bearbeitung', version: v.version });
    const second = await deliver(v.id, 'Nachweis.pdf');
    expect(second.statusCode).toBe(200);
    // Two documents, one blob.
    expect(await db.query('SELECT 1 FROM dokumente WHERE vorgang_id = $1', [v.id])).toHaveLength(2);
    expect(await blobCount()).toBe(1);
  });

  it('refuses clerks, foreign or unknown Vorgänge and disallowed types, storing nothing', async () => {
    const v = await addVorgang(db, WAITING);
    const clerk = await deliver(v.id, 'x.pdf', 'application/pdf', await login(app, 'sachbearbeiter1'));
    expect(clerk.statusCode).toBe(403);
    const foreign = await addVorgang(db, { orgUnitId: OE2 });
    for (const id of [foreign.id, randomUUID()]) {
      const res = await deliver(id, 'x.pdf');
      expect(res.statusCode).toBe(404);
      expect(errorCode(res)).toBe('not_found');
    }
    const exe = await deliver(v.id, 'setup.exe', 'application/x-msdownload');
    expect(exe.statusCode).toBe(415);
    expect(errorCode(exe)).toBe('unsupported_media_type');
    expect(await blobCount()).toBe(0);
    expect(await vorgangRow(db, v.id)).toMatchObject({ status: 'wartet', version: v.version });
  });
});
