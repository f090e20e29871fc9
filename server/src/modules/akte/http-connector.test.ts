/*
 * The HTTP connector against a real HTTP server playing the DMS adapter: the z.d.A.'s
 * delivery job files the 0605 over HTTP, the DMS's answers are listed, read and acknowledged,
 * a DMS that fails is retried without filing twice, and oversized or malformed answers and
 * unsafe URLs are refused.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_AUTHORITY } from '../../../../shared/bescheid/authority.ts';
import { describeBackends } from '../../../test/backends.ts';
import { addVorgang, login, pushAs, tempBlobStore, TestClock, testApp, useSeededDb } from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import type { BlobStore } from '../blobs/store.ts';
import { jobWorkerOf } from '../jobs/index.ts';
import { localChangeFeed } from '../sync/events.ts';
import { unpackXdomeaMessage, type SentXdomeaMessage } from '../xdomea/index.ts';
import { erfolg, replyTo, rueckgabe } from '../xdomea/test-fixture.ts';
import { validateXdomea } from '../xdomea/validate.ts';
import { x } from '../xdomea/xml.ts';
import { loadAktenplan } from './aktenplan.ts';
import { dmsAblageJobHandler, dmsParties, dmsProzessId, readDmsAnswers, type DmsDeps } from './dms.ts';
import { checkConnectorUrl, httpConnector } from './http-connector.ts';

const CLERK = 'u-sachbearbeiter1';
const SLOW = { timeout: 60_000 };
const TOKEN = 'geheim-token-1';

/** A DMS adapter speaking the connector's four calls; answers are put in by the test. */
class FakeDms {
  readonly received = new Map<string, Buffer>();
  readonly answers = new Map<string, Buffer>();
  readonly quittungen: { name: string; body: unknown }[] = [];
  readonly authorizations = new Set<string>();
  failNext = 0;
  server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, body, type }) => {
          res.writeHead(status, { 'content-type': type ?? 'text/plain' });
          res.end(body);
        },
        () => {
          res.writeHead(500);
          res.end('boom');
        },
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/xdomea`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body?: string | Buffer | undefined; type?: string }> {
    this.authorizations.add(req.headers.authorization ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      .split('/')
      .slice(2);
    if (this.failNext > 0) {
      this.failNext -= 1;
      return { status: 503, body: 'Wartung' };
    }
    const [kind, name, sub] = path;
    if (req.method === 'POST' && kind === 'nachrichten' && name) {
      if (this.received.has(name)) return { status: 409 };
      this.received.set(name, body);
      return { status: 201 };
    }
    if (req.method === 'GET' && kind === 'antworten' && !name) {
      return { status: 200, type: 'application/json', body: JSON.stringify({ antworten: [...this.answers.keys()] }) };
    }
    if (req.method === 'GET' && kind === 'antworten' && name && this.answers.has(name)) {
      return { status: 200, type: 'application/xml', body: this.answers.get(name) };
    }
    if (req.method === 'POST' && kind === 'antworten' && name && sub === 'quittung') {
      this.quittungen.push({ name, body: JSON.parse(body.toString('utf8')) });
      this.answers.delete(name);
      return { status: 204 };
    }
    return { status: 404 };
  }
}

describe('the HTTP connector', () => {
  const dms = new FakeDms();
  beforeEach(() => dms.start());
  afterEach(() => dms.stop());

  it('delivers idempotently by name with the bearer token, and retries nothing itself', async () => {
    const c = httpConnector(dms.url, { token: TOKEN });
    const name = `${randomUUID()}_FVDaten.SGOAblegen.0605.zip`;
    await c.deliver(name, new Uint8Array([1, 2, 3]));
    await c.deliver(name, new Uint8Array([1, 2, 3]));
    expect([...dms.received.keys()]).toEqual([name]);
    expect([...dms.authorizations]).toEqual([`Bearer ${TOKEN}`]);
    dms.failNext = 1;
    await expect(c.deliver(`${randomUUID()}_FVDaten.SGOAblegen.0605.zip`, new Uint8Array([4]))).rejects.toThrow(
      'HTTP 503 Wartung',
    );
    await expect(c.deliver('../etc/passwd', new Uint8Array([4]))).rejects.toThrow('no xdomea message name');
  });

  it('refuses oversized answers and a malformed listing', async () => {
    const c = httpConnector(dms.url);
    const big = `${randomUUID()}_FVDaten.ImportBestaetigen.0630.xml`;
    dms.answers.set(big, Buffer.alloc(5 * 1024 * 1024, 0x20));
    await expect(c.read(big)).rejects.toThrow('bytes');
    const fetchJunk: typeof fetch = async () => new Response(JSON.stringify({ files: 3 }), { status: 200 });
    await expect(httpConnector(dms.url, { fetch: fetchJunk }).answers()).rejects.toThrow('not {"antworten"');
  });

  it('takes https, and http only on loopback, without credentials in the URL', () => {
    expect(checkConnectorUrl('https://dms.example.de/amtsplatz').href).toBe('https://dms.example.de/amtsplatz/');
    expect(checkConnectorUrl('http://127.0.0.1:9000/x/').href).toBe('http://127.0.0.1:9000/x/');
    expect(() => checkConnectorUrl('http://dms.example.de/')).toThrow('https');
    expect(() => checkConnectorUrl('https://user:pw@dms.example.de/')).toThrow('credentials');
    expect(() => checkConnectorUrl('dms')).toThrow('not a URL');
  });
});

describeBackends('DMS filing over HTTP', (backend) => {
  const getDb = useSeededDb(backend);
  const dms = new FakeDms();
  let db: Database;
  let blobs: BlobStore;
  let removeBlobs: () => Promise<void>;
  let app: FastifyInstance;
  const clock = new TestClock();

  beforeEach(async () => {
    await dms.start();
    db = getDb();
    ({ store: blobs, remove: removeBlobs } = await tempBlobStore());
    app = await testApp(db, clock, {
      blobs,
      authority: DEMO_AUTHORITY,
      dms: httpConnector(dms.url, { token: TOKEN }),
      jobs: { autoStart: false },
    });
  });
  afterEach(async () => {
    await app.close();
    await removeBlobs();
    await dms.stop();
  });

  const deps = async (): Promise<DmsDeps> => ({
    db,
    blobs,
    clock,
    changes: localChangeFeed(),
    verfahren: [],
    aktenplan: await loadAktenplan(),
    authority: DEMO_AUTHORITY,
    connector: httpConnector(dms.url, { token: TOKEN }),
  });

  it('files the 0605 over HTTP once, through a DMS outage, and reads its answers back', SLOW, async () => {
    const v = await addVorgang(db, {
      status: 'versandt',
      assigneeId: CLERK,
      versand: { channel: 'post', date: '2026-11-20', recordedAt: '2026-11-20T10:00:00.000Z', recordedBy: CLERK },
    });
    const clerk = await login(app, 'sachbearbeiter1');
    const res = await pushAs(app, clerk, randomUUID(), [
      { seq: 1, name: 'verfuegeZda', args: { vorgangId: v.id, grund: 'bescheid_versandt', begruendung: null } },
    ]);
    expect(res.results[0]).toMatchObject({ status: 'applied' });
    const [akte] = await db.query<{ version: number }>(
      `SELECT (doc->>'version')::int AS version FROM akten WHERE id = $1`,
      [v.id],
    );
    const version = akte?.version ?? -1;
    const prozessId = dmsProzessId(v.id, version);
    const d = await deps();
    const handler = dmsAblageJobHandler(d);
    const signal = new AbortController().signal;

    // The DMS is down: the run fails (the worker retries it later), nothing is recorded.
    dms.failNext = 1;
    await expect(handler.run({ db, clock, jobId: 1, attempt: 1, signal }, { akteId: v.id, version })).rejects.toThrow(
      'HTTP 503',
    );
    expect(dms.received.size).toBe(0);
    await handler.run({ db, clock, jobId: 1, attempt: 2, signal }, { akteId: v.id, version });
    const file = `${prozessId}_FVDaten.SGOAblegen.0605.zip`;
    expect([...dms.received.keys()]).toEqual([file]);
    const message = unpackXdomeaMessage(new Uint8Array(dms.received.get(file) ?? Buffer.alloc(0)));
    expect(await validateXdomea(message.xml)).toEqual({ ok: true });
    // The queued job finds it recorded and delivers nothing again.
    await jobWorkerOf(app).drain();
    expect(dms.received.size).toBe(1);

    const [row] = await db.query<{ sent: SentXdomeaMessage }>('SELECT sent FROM dms_ablagen WHERE prozess_id = $1', [
      prozessId,
    ]);
    if (!row) throw new Error('no delivery recorded');
    const imported = replyTo(
      'FVDaten.ImportBestaetigen.0630',
      row.sent,
      [x('ErfolgOderMisserfolg', erfolg(), rueckgabe({ nummer: 1, dmsId: 'd0d0d0d0-1111-4222-8333-444455556666' }))],
      { absender: dmsParties(DEMO_AUTHORITY).empfaenger },
    );
    dms.answers.set(`${prozessId}_FVDaten.ImportBestaetigen.0630.xml`, Buffer.from(imported));
    dms.answers.set(`${randomUUID()}_FVDaten.ImportBestaetigen.0630.xml`, Buffer.from('<kaputt/>'));
    expect(await readDmsAnswers(d)).toBe(1);
    const [state] = await db.query<{ state: string }>('SELECT state FROM dms_ablagen WHERE prozess_id = $1', [
      prozessId,
    ]);
    expect(state).toEqual({ state: 'abgelegt' });
    expect(dms.quittungen.map((q) => q.body)).toEqual(
      expect.arrayContaining([{ ok: true }, expect.objectContaining({ ok: false })]),
    );
    expect(dms.answers.size).toBe(0);
  });
});
