import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_JSON_BODY_BYTES } from '../../../../shared/contracts/http/common.ts';
import { MAX_DOKUMENT_BYTES } from '../../../../shared/domain/dokument.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  pushAs,
  tempBlobStore,
  TestClock,
  testApp,
  useSeededDb,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import type { BlobStore } from './store.ts';

const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');
const PDF = Buffer.from('%PDF-1.7\n% Bauzeichnung\n%%EOF\n');
const HASH = sha256(PDF);
const octets = { 'content-type': 'application/octet-stream' };

describeBackends('blob endpoints', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let blobs: BlobStore;
  let removeBlobs: () => Promise<void>;
  let log: string[];
  let anna: string;
  beforeEach(async () => {
    db = getDb();
    ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
    log = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        log.push(chunk.toString());
        done();
      },
    });
    app = await testApp(db, new TestClock(), { blobs, logger: { level: 'trace', stream } });
    anna = await login(app, 'sachbearbeiter1');
  });
  afterEach(async () => {
    await app.close();
    await removeBlobs();
  });

  const upload = (body: Buffer | string, hash = HASH, headers: Record<string, string> = octets, token = anna) =>
    app.inject({ method: 'PUT', url: `/api/blobs?sha256=${hash}`, headers: { ...bearer(token), ...headers }, body });
  const download = (hash = HASH, token = anna) =>
    app.inject({ method: 'GET', url: `/api/blobs?sha256=${hash}`, headers: bearer(token) });
  const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;
  const blobRows = () => db.query<{ sha256: string; size: number }>('SELECT sha256, size FROM blobs');

  async function attach(vorgangId: string, name: string, token = anna, hash = HASH) {
    return pushAs(app, token, randomUUID(), [
      {
        seq: 1,
        name: 'addDokument',
        args: {
          vorgangId,
          dokumentId: randomUUID(),
          name,
          mediaType: 'application/pdf',
          size: PDF.length,
          sha256: hash,
        },
      },
    ]);
  }

  it('stores bytes once under their hash: the same upload again answers created false', async () => {
    const first = await upload(PDF);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ sha256: HASH, size: PDF.length, created: true });
    const again = await upload(PDF);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ sha256: HASH, size: PDF.length, created: false });
    expect(await blobRows()).toEqual([{ sha256: HASH, size: PDF.length }]);
    expect(existsSync(blobs.pathOf(HASH))).toBe(true);
  });

  it('refuses bytes that do not match the hash, keeping nothing', async () => {
    const res = await upload(Buffer.from('etwas anderes'));
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('hash_mismatch');
    expect(await blobRows()).toEqual([]);
    expect(existsSync(blobs.pathOf(HASH))).toBe(false);
    // A known hash with wrong bytes is refused too.
    await upload(PDF);
    expect(errorCode(await upload(Buffer.from('etwas anderes')))).toBe('hash_mismatch');
  });

  it('takes only application/octet-stream, and a session first', async () => {
    for (const type of ['application/json', 'text/plain', 'application/pdf']) {
      const res = await upload(type === 'application/json' ? '{}' : 'x', HASH, { 'content-type': type });
      expect(res.statusCode).toBe(415);
      expect(errorCode(res)).toBe('unsupported_media_type');
    }
    const anonymous = await app.inject({ method: 'PUT', url: `/api/blobs?sha256=${HASH}`, headers: octets, body: PDF });
    expect(anonymous.statusCode).toBe(401);
    expect(errorCode(await upload(PDF, 'not-a-hash'))).toBe('validation_failed');
    expect(errorCode(await upload(Buffer.alloc(0), sha256('')))).toBe('validation_failed');
    expect(await blobRows()).toEqual([]);
  });

  it('takes bodies above the JSON limit, which still holds for JSON routes', async () => {
    const big = Buffer.alloc(MAX_JSON_BODY_BYTES * 2, 7);
    const res = await upload(big, sha256(big));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ size: big.length, created: true });
    const json = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: bearer(anna),
      payload: { clientId: randomUUID(), mutations: [], pad: 'x'.repeat(MAX_JSON_BODY_BYTES) },
    });
    expect(json.statusCode).toBe(413);
  });

  it('answers 413 to an announced size over the limit without reading the body, and closes the connection', async () => {
    const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    const answer = await new Promise<string>((resolve, reject) => {
      let received = '';
      const socket = connect(Number(url.port), '127.0.0.1', () => {
        socket.write(
          [
            `PUT /api/blobs?sha256=${HASH} HTTP/1.1`,
            `Host: ${url.host}`,
            `Authorization: Bearer ${anna}`,
            'Content-Type: application/octet-stream',
            `Content-Length: ${MAX_DOKUMENT_BYTES + 1}`,
            '',
            'only a few bytes',
          ].join('\r\n'),
        );
      });
      socket.on('data', (d: Buffer) => (received += d.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('"payload_too_large"');
  });

  it('serves the bytes only to the org unit of a Dokument that references them', async () => {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1' });
    await upload(PDF);
    // Stored but not referenced: looks exactly like an unknown hash.
    const unreferenced = await download();
    expect(unreferenced.statusCode).toBe(404);
    expect(unreferenced.json()).toEqual((await download(sha256('unbekannt'))).json());

    expect((await attach(v.id, 'Bauzeichnung.pdf')).results[0]?.status).toBe('applied');
    const res = await download();
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(PDF);
    expect(res.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': String(PDF.length),
      'x-content-sha256': HASH,
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    // A colleague of the same org unit may read it; the other org unit may not.
    expect((await download(HASH, await login(app, 'sachbearbeiter2'))).statusCode).toBe(200);
    const foreign = await download(HASH, await login(app, 'sachbearbeiter3'));
    expect(foreign.statusCode).toBe(404);
    expect(errorCode(foreign)).toBe('not_found');
    expect((await app.inject({ method: 'GET', url: `/api/blobs?sha256=${HASH}` })).statusCode).toBe(401);
    // No file names in the log (hashes appear only in request URLs, never beside a name).
    expect(log.join('')).not.toContain('Bauzeichnung');
  });

  it('rejects a Dokument whose bytes were not uploaded', async () => {
    const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1' });
    const res = await attach(v.id, 'Bauzeichnung.pdf');
    expect(res.results[0]).toMatchObject({ status: 'rejected', error: { code: 'blob_missing' } });
    expect(await db.query('SELECT 1 FROM dokumente')).toEqual([]);
  });

  it('describes both endpoints as bytes in the OpenAPI document and allows PUT cross-origin', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: { content: object }; responses: Record<string, unknown> }>>;
    }>();
    const put = doc.paths['/api/blobs']?.put;
    expect(Object.keys(put?.requestBody?.content ?? {})).toEqual(['application/octet-stream']);
    expect(put?.responses).toHaveProperty('413');
    expect(put?.responses).toHaveProperty('415');
    const get = doc.paths['/api/blobs']?.get?.responses['200'] as { content: object };
    expect(Object.keys(get.content)).toEqual(['application/octet-stream']);

    const cors = await testApp(db, new TestClock(), { corsOrigins: ['app://amtsplatz'] });
    const preflight = await cors.inject({
      method: 'OPTIONS',
      url: '/api/blobs',
      headers: { origin: 'app://amtsplatz', 'access-control-request-method': 'PUT' },
    });
    await cors.close();
    expect(preflight.headers['access-control-allow-methods']).toContain('PUT');
    expect(preflight.headers['access-control-expose-headers']).toContain('x-content-sha256');
  });

  describe('possession and types (findings of the probe run)', () => {
    it('a clerk of another unit cannot attach, or then download, bytes by their hash alone', async () => {
      expect((await upload(PDF)).statusCode).toBe(200);
      const own = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1' });
      expect((await attach(own.id, 'Bauzeichnung.pdf')).results[0]).toMatchObject({ status: 'applied' });

      const mehmet = await login(app, 'sachbearbeiter3');
      const theirs = await addVorgang(db, { orgUnitId: 'oe-buergerservice-2', assigneeId: 'u-sachbearbeiter3' });
      expect((await attach(theirs.id, 'gestohlen.pdf', mehmet)).results[0]).toMatchObject({
        status: 'rejected',
        error: { code: 'blob_missing' },
      });
      expect((await download(HASH, mehmet)).statusCode).toBe(404);
    });

    it('an upload answers alike whether or not another user had the bytes (no confirmation oracle)', async () => {
      expect((await upload(PDF)).json()).toMatchObject({ created: true });
      const mehmet = await login(app, 'sachbearbeiter3');
      // New to this uploader: `created` says nothing about anna's copy.
      expect((await upload(PDF, HASH, octets, mehmet)).json()).toMatchObject({ created: true });
      // Having uploaded them, they may attach them.
      const theirs = await addVorgang(db, { orgUnitId: 'oe-buergerservice-2', assigneeId: 'u-sachbearbeiter3' });
      expect((await attach(theirs.id, 'Plan.pdf', mehmet)).results[0]).toMatchObject({ status: 'applied' });
    });

    it('the server takes the type from the bytes and makes the name safe', async () => {
      const v = await addVorgang(db, { assigneeId: 'u-sachbearbeiter1' });
      const push = (args: Record<string, unknown>) =>
        pushAs(app, anna, randomUUID(), [
          { seq: 1, name: 'addDokument', args: { vorgangId: v.id, dokumentId: randomUUID(), ...args } },
        ]);
      expect((await upload(PDF)).statusCode).toBe(200);
      const exe = await push({
        name: 'rechnung.exe',
        mediaType: 'application/x-msdownload',
        size: PDF.length,
        sha256: HASH,
      });
      expect(exe.results[0]).toMatchObject({ status: 'rejected', error: { code: 'unsupported_media_type' } });

      const html = Buffer.from('<html><script>alert(1)</script></html>');
      const htmlHash = sha256(html);
      expect((await upload(html, htmlHash)).statusCode).toBe(200);
      const disguised = await push({
        name: 'Bescheid.pdf',
        mediaType: 'application/pdf',
        size: html.length,
        sha256: htmlHash,
      });
      expect(disguised.results[0]).toMatchObject({ status: 'rejected', error: { code: 'unsupported_media_type' } });

      const tricky = await push({
        name: '../../..\\Autostart\\rechnung.pdf.exe',
        mediaType: 'application/pdf',
        size: PDF.length,
        sha256: HASH,
      });
      expect(tricky.results[0]).toMatchObject({ status: 'applied' });
      const [row] = await db.query<{ doc: { name: string; mediaType: string } }>(
        'SELECT doc FROM dokumente WHERE vorgang_id = $1',
        [v.id],
      );
      expect(row?.doc.mediaType).toBe('application/pdf');
      expect(row?.doc.name).not.toMatch(/[\\/]/);
      expect(row?.doc.name.endsWith('.pdf')).toBe(true);
    });
  });
});
