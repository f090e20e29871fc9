/*
 * The 4-eyes Freigabe of a Bescheid as a client drives it: every step is a POST /api/sync/push,
 * the server decides, and the Vorgang's journal (GET /api/journal) records accepted and
 * refused attempts alike. An accepted approval asks for the seal as a durable job, written in
 * the approval's transaction; the job worker (drained by hand here) seals it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { qpdfCheck, withPdfFile } from '../../../../scripts/lib/pdf-tools.ts';
import type { PushResult } from '../../../../shared/contracts/http/sync.ts';
import { bescheidContentHash, type Bescheid, type BescheidContent } from '../../../../shared/domain/bescheid.ts';
import { dokument as dokumentSchema } from '../../../../shared/domain/dokument.ts';
import type { ErrorCode } from '../../../../shared/domain/errors.ts';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import type { Vorgang } from '../../../../shared/domain/vorgang.ts';
import { describeBackends } from '../../../test/backends.ts';
import {
  addVorgang,
  bearer,
  login,
  memoHash,
  OE2,
  pushAs,
  TEST_NOW,
  TestClock,
  testApp,
  testVerfahren,
  useSeededDb,
  vorgangRow,
  type TestMutation,
} from '../../../test/harness.ts';
import type { Database } from '../../db/database.ts';
import { createUser } from '../auth/users.ts';
import { jobWorkerOf } from '../jobs/index.ts';
import { DEMO_AUTHORITY } from './authority.ts';
import { SEAL_ACTOR, createSealService, loadLetterAssets, type SealService } from './seal-service.ts';
import { getBescheid } from './store.ts';
import { CONTENT, testPki, testSealKeys } from './test-fixture.ts';

const CLERK = 'u-sachbearbeiter1';
const LEAD = 'u-teamleitung1';
const EDITED: BescheidContent = { ...CONTENT, anrede: 'Sehr geehrter Herr Dr. Weißmüller,' };

let dir: string;
let service: SealService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-freigabe-'));
  service = createSealService({
    keys: testSealKeys(TEST_NOW),
    authority: DEMO_AUTHORITY,
    assets: await loadLetterAssets(),
  });
  // pdfsig trusts what its NSS database holds: one with the test root, as a recipient would set up.
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  await writeFile(join(dir, 'root.pem'), testPki(TEST_NOW).root.certificatePem);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'test-root', '-t', 'CT,C,C', '-i', join(dir, 'root.pem')]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describeBackends('4-eyes Freigabe through push', (backend) => {
  const getDb = useSeededDb(backend);
  let db: Database;
  let app: FastifyInstance;
  let clerk: string;
  let clerk2: string;
  let lead: string;
  beforeEach(async () => {
    db = getDb();
    app = await testApp(db, new TestClock(), { seal: service, jobs: { autoStart: false } });
    clerk = await login(app, 'sachbearbeiter1');
    clerk2 = await login(app, 'sachbearbeiter2');
    lead = await login(app, 'teamleitung1');
  });
  afterEach(async () => {
    await app.close();
  });

  /** One mutation in one push; a fresh client (seq 1) unless given. */
  async function push(token: string, name: string, args: unknown, clientId: string = randomUUID(), seq = 1) {
    const [result] = (await pushAs(app, token, clientId, [{ seq, name, args }])).results;
    if (!result) throw new Error('no push result');
    return result;
  }
  const rejected = (code: ErrorCode): PushResult => ({
    seq: 1,
    status: 'rejected',
    error: { code, message: expect.any(String) as string },
  });
  const applied: PushResult = { seq: 1, status: 'applied' };

  async function journal(vorgangId: string): Promise<JournalEvent[]> {
    const res = await app.inject({ method: 'GET', url: `/api/journal?vorgangId=${vorgangId}`, headers: bearer(clerk) });
    expect(res.statusCode).toBe(200);
    return res.json<{ events: JournalEvent[] }>().events;
  }
  /** Who did what to the Vorgang since `from` (the journal length before the step under test). */
  const journalSince = async (vorgangId: string, from: number) =>
    (await journal(vorgangId)).slice(from).map((e) => [e.actorId, e.action, e.summary]);

  async function bescheid(id: string): Promise<Bescheid> {
    const b = await getBescheid(db, id);
    if (!b) throw new Error(`Bescheid ${id} missing`);
    return b;
  }

  /** A Vorgang of the clerk, worked to entscheidungsreif with a complete Prüfliste through push. */
  async function entscheidungsreif(): Promise<Vorgang> {
    const template = (await testVerfahren()).find((d) => d.id === 'bewohnerparkausweis')?.pruefliste;
    if (!template) throw new Error('bewohnerparkausweis has no Prüfliste');
    const v = await addVorgang(db, {
      assigneeId: CLERK,
      status: 'in_bearbeitung',
      prueflisteVersion: template.version,
    });
    const work: TestMutation[] = template.items.map((item, i) => ({
      seq: i + 1,
      ...(item.kind === 'manual'
        ? { name: 'decidePruefItem', args: { vorgangId: v.id, itemId: item.id, decision: { decision: 'ok' } } }
        : {
            name: 'overridePruefRule',
            args: { vorgangId: v.id, itemId: item.id, override: { decision: 'ok', reason: 'Nachweis liegt vor' } },
          }),
    }));
    work.push({ seq: work.length + 1, name: 'changeStatus', args: { vorgangId: v.id, to: 'entscheidungsreif' } });
    const { results } = await pushAs(app, clerk, randomUUID(), work);
    expect(results.map((r) => r.status)).toEqual(work.map(() => 'applied'));
    return v;
  }

  interface Submitted {
    v: Vorgang;
    bescheidId: string;
    hash: string;
    /** Journal length after the submission. */
    mark: number;
  }

  /** The clerk drafts and submits; `leadEdits` has the lead revise the draft before that. */
  async function submitted(options: { leadEdits?: boolean } = {}): Promise<Submitted> {
    const v = await entscheidungsreif();
    const bescheidId = randomUUID();
    expect(await push(clerk, 'saveBescheid', { bescheidId, vorgangId: v.id, content: CONTENT })).toEqual(applied);
    let content = CONTENT;
    if (options.leadEdits) {
      content = EDITED;
      expect(await push(lead, 'saveBescheid', { bescheidId, vorgangId: v.id, content })).toEqual(applied);
    }
    const hash = await bescheidContentHash(content);
    expect(await push(clerk, 'submitBescheid', { bescheidId, contentHash: hash })).toEqual(applied);
    expect(await bescheid(bescheidId)).toMatchObject({ state: 'eingereicht', submittedHash: hash, approval: null });
    expect((await vorgangRow(db, v.id)).status).toBe('zur_freigabe');
    return { v, bescheidId, hash, mark: (await journal(v.id)).length };
  }

  /** Still submitted, unapproved, unsealed: a refused approval changed nothing. */
  async function expectStillSubmitted({ v, bescheidId, hash }: Submitted): Promise<void> {
    expect(await bescheid(bescheidId)).toMatchObject({
      state: 'eingereicht',
      submittedHash: hash,
      approval: null,
      dokumentId: null,
      version: 2,
    });
    expect((await vorgangRow(db, v.id)).status).toBe('zur_freigabe');
    expect(await db.query('SELECT 1 FROM dokumente')).toEqual([]);
  }

  it('journals draft and submission with the hash, and refuses the author’s own approval', async () => {
    const s = await submitted();
    const events = await journal(s.v.id);
    expect(events.slice(-2).map((e) => [e.actorId, e.action, e.summary])).toEqual([
      [CLERK, 'saveBescheid', { bescheidId: s.bescheidId, from: 'entscheidungsreif', to: 'entscheidungsreif' }],
      [
        CLERK,
        'submitBescheid',
        { bescheidId: s.bescheidId, contentHash: s.hash, from: 'entscheidungsreif', to: 'zur_freigabe' },
      ],
    ]);

    const own = await push(clerk, 'approveBescheid', { bescheidId: s.bescheidId, contentHash: s.hash });
    expect(own).toEqual(rejected('four_eyes_violation'));
    await expectStillSubmitted(s);
    expect(await journalSince(s.v.id, s.mark)).toEqual([
      [CLERK, 'rejected', { mutation: 'approveBescheid', code: 'four_eyes_violation' }],
    ]);
  });

  it('refuses a second clerk and a lead of another org unit', async () => {
    const s = await submitted();
    const args = { bescheidId: s.bescheidId, contentHash: s.hash };
    expect(await push(clerk2, 'approveBescheid', args)).toEqual(rejected('four_eyes_violation'));
    await createUser(db, {
      username: 'teamleitung2',
      displayName: 'Teamleitung 2',
      roles: ['lead'],
      orgUnitId: OE2,
      passwordHash: await memoHash('demo'),
    });
    // Another unit's lead cannot even see the Bescheid; the owning unit's journal still shows the attempt.
    expect(await push(await login(app, 'teamleitung2'), 'approveBescheid', args)).toEqual(rejected('not_found'));
    await expectStillSubmitted(s);
    expect(await journalSince(s.v.id, s.mark)).toEqual([
      ['u-sachbearbeiter2', 'rejected', { mutation: 'approveBescheid', code: 'four_eyes_violation' }],
      ['u-teamleitung2', 'rejected', { mutation: 'approveBescheid', code: 'not_found' }],
    ]);
  });

  it('refuses the lead who edited the draft before it was submitted', async () => {
    const s = await submitted({ leadEdits: true });
    expect((await bescheid(s.bescheidId)).editorIds).toEqual([CLERK, LEAD]);
    const args = { bescheidId: s.bescheidId, contentHash: s.hash };
    expect(await push(lead, 'approveBescheid', args)).toEqual(rejected('four_eyes_violation'));
    expect(await bescheid(s.bescheidId)).toMatchObject({ state: 'eingereicht', approval: null, version: 3 });
    expect((await vorgangRow(db, s.v.id)).status).toBe('zur_freigabe');
    expect(await journalSince(s.v.id, s.mark)).toEqual([
      [LEAD, 'rejected', { mutation: 'approveBescheid', code: 'four_eyes_violation' }],
    ]);
  });

  it('binds the approval to the submitted hash: a stale hash and an edit after submission void it', async () => {
    const s = await submitted();
    const editedHash = await bescheidContentHash(EDITED);
    expect(await push(lead, 'approveBescheid', { bescheidId: s.bescheidId, contentHash: editedHash })).toEqual(
      rejected('stale_content'),
    );
    await expectStillSubmitted(s);

    // The clerk edits the submitted draft: back to entwurf, the Vorgang back to entscheidungsreif.
    const edit = { bescheidId: s.bescheidId, vorgangId: s.v.id, content: EDITED };
    expect(await push(clerk, 'saveBescheid', edit)).toEqual(applied);
    expect(await bescheid(s.bescheidId)).toMatchObject({ state: 'entwurf', submittedHash: null, approval: null });
    expect((await vorgangRow(db, s.v.id)).status).toBe('entscheidungsreif');
    const oldApproval = { bescheidId: s.bescheidId, contentHash: s.hash };
    expect(await push(lead, 'approveBescheid', oldApproval)).toEqual(rejected('invalid_transition'));

    // Submitted again with the edit: the hash approved must be the new one, not the old.
    expect(await push(clerk, 'submitBescheid', { bescheidId: s.bescheidId, contentHash: editedHash })).toEqual(applied);
    expect(await push(lead, 'approveBescheid', oldApproval)).toEqual(rejected('stale_content'));
    expect(await bescheid(s.bescheidId)).toMatchObject({
      state: 'eingereicht',
      submittedHash: editedHash,
      approval: null,
    });
    expect(await db.query('SELECT 1 FROM dokumente')).toEqual([]);

    expect(await journalSince(s.v.id, s.mark)).toEqual([
      [LEAD, 'rejected', { mutation: 'approveBescheid', code: 'stale_content' }],
      [CLERK, 'saveBescheid', { bescheidId: s.bescheidId, from: 'zur_freigabe', to: 'entscheidungsreif' }],
      [LEAD, 'rejected', { mutation: 'approveBescheid', code: 'invalid_transition' }],
      [
        CLERK,
        'submitBescheid',
        { bescheidId: s.bescheidId, contentHash: editedHash, from: 'entscheidungsreif', to: 'zur_freigabe' },
      ],
      [LEAD, 'rejected', { mutation: 'approveBescheid', code: 'stale_content' }],
    ]);
  });

  /** Submitted, then approved by the lead over exactly the submitted hash (and sealed). */
  async function approved(): Promise<Submitted & { clientId: string; dokumentId: string }> {
    const s = await submitted();
    const clientId = randomUUID();
    const args = { bescheidId: s.bescheidId, contentHash: s.hash };
    expect(await push(lead, 'approveBescheid', args, clientId)).toEqual(applied);
    // The push answered before any seal: approved, one seal job waiting for the worker.
    expect(await bescheid(s.bescheidId)).toMatchObject({ state: 'freigegeben', dokumentId: null });
    expect(await db.query(`SELECT kind, idempotency_key, state FROM jobs`)).toEqual([
      { kind: 'seal-bescheid', idempotency_key: s.bescheidId, state: 'pending' },
    ]);
    expect(await jobWorkerOf(app).drain()).toBe(1);
    const { dokumentId } = await bescheid(s.bescheidId);
    if (dokumentId === null) throw new Error('the approved Bescheid was not sealed');
    return { ...s, clientId, dokumentId };
  }

  it('accepts the lead’s approval of the submitted hash and seals it: a valid signed PDF', async () => {
    const s = await approved();
    const b = await bescheid(s.bescheidId);
    expect(b).toMatchObject({
      state: 'gesiegelt',
      submittedHash: s.hash,
      approval: { by: LEAD, at: TEST_NOW.toISOString(), hash: s.hash },
      content: CONTENT,
    });
    expect((await vorgangRow(db, s.v.id)).status).toBe('bescheid_erstellt');
    const rows = await db.query<{ doc: unknown }>('SELECT doc FROM dokumente WHERE vorgang_id = $1', [s.v.id]);
    expect(rows).toHaveLength(1);
    const d = dokumentSchema.parse(rows[0]?.doc);
    expect(d).toMatchObject({ id: s.dokumentId, source: 'bescheid', mediaType: 'application/pdf', uploadedBy: null });

    expect(await journalSince(s.v.id, s.mark)).toEqual([
      [
        LEAD,
        'approveBescheid',
        { bescheidId: s.bescheidId, contentHash: s.hash, from: 'zur_freigabe', to: 'freigegeben' },
      ],
      [
        SEAL_ACTOR,
        'sealBescheid',
        { bescheidId: s.bescheidId, contentHash: s.hash, pdfSha256: d.sha256, dokumentId: d.id, approvedBy: LEAD },
      ],
    ]);
    const verify = await app.inject({
      method: 'GET',
      url: `/api/journal/verify?vorgangId=${s.v.id}`,
      headers: bearer(clerk),
    });
    expect(verify.json()).toEqual({ ok: true, count: s.mark + 2 });

    // The author downloads the sealed letter; independent tools check structure and signature.
    const download = await app.inject({ method: 'GET', url: `/api/blobs?sha256=${d.sha256}`, headers: bearer(clerk) });
    expect(download.statusCode).toBe(200);
    const pdf = download.rawPayload;
    expect(pdf).toHaveLength(d.size);
    const { check, sig } = withPdfFile(pdf, (path) => ({
      check: qpdfCheck(path),
      sig: spawnSync('pdfsig', ['-nssdir', `sql:${dir}`, path], { encoding: 'utf8' }).stdout,
    }));
    expect(check).toMatchObject({ ok: true });
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Certificate Validation: Certificate is Trusted.');
    expect(sig).toContain('Total document signed');
  });

  it('refuses a replayed approval from the same and from another client, and changes nothing', async () => {
    const s = await approved();
    const before = { b: await bescheid(s.bescheidId), v: await vorgangRow(db, s.v.id) };
    const mark = (await journal(s.v.id)).length;
    const args = { bescheidId: s.bescheidId, contentHash: s.hash };

    // The same mutation again under its processed seq is skipped (exactly once), not re-run.
    expect(await push(lead, 'approveBescheid', args, s.clientId, 1)).toEqual({ seq: 1, status: 'skipped' });
    const again = await push(lead, 'approveBescheid', args, s.clientId, 2);
    expect(again).toEqual({ ...rejected('conflict'), seq: 2 });
    expect(await push(lead, 'approveBescheid', args)).toEqual(rejected('conflict'));

    expect(await bescheid(s.bescheidId)).toEqual(before.b);
    const { changeSeq: _after, ...v } = await vorgangRow(db, s.v.id);
    const { changeSeq: _before, ...expected } = before.v;
    expect(v).toEqual(expected);
    expect(await db.query('SELECT id FROM dokumente')).toEqual([{ id: s.dokumentId }]);
    expect(await journalSince(s.v.id, mark)).toEqual([
      [LEAD, 'rejected', { mutation: 'approveBescheid', code: 'conflict' }],
      [LEAD, 'rejected', { mutation: 'approveBescheid', code: 'conflict' }],
    ]);
  });
});
