import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { pdffonts, pdftotext, qpdfCheck } from '../../../../scripts/lib/pdf-tools.ts';
import { startTestTsa, type TestTsa } from '../../../../scripts/lib/tsa.ts';
import { readDer } from '../../../../shared/bescheid/pades/der.ts';
import { parseCadesSignature, verifyPdfSignature } from '../../../../shared/bescheid/pades/index.ts';
import { bescheidContentHash, type Bescheid } from '../../../../shared/domain/bescheid.ts';
import { dokument as dokumentSchema, type Dokument } from '../../../../shared/domain/dokument.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import type { JournalEvent } from '../../../../shared/domain/journal.ts';
import { verifyChain } from '../../../../shared/domain/journal.ts';
import { describeBackends } from '../../../test/backends.ts';
import { TEST_NOW, TestClock, useSeededDb, vorgangRow } from '../../../test/harness.ts';
import { BlobStore } from '../blobs/store.ts';
import { journalEvents } from '../journal/store.ts';
import { localChangeFeed, type ChangeEvent } from '../sync/events.ts';
import { DEMO_AUTHORITY } from './authority.ts';
import {
  SEAL_ACTOR,
  createSealService,
  loadLetterAssets,
  sealedFileName,
  type SealDeps,
  type SealService,
} from './seal-service.ts';
import { getBescheid } from './store.ts';
import { APPROVED_AT, APPROVER_ID, CONTENT, addBescheid, testPki, testSealKeys } from './test-fixture.ts';
import { createHttpTimeStamper } from './tsa-client.ts';

let dir: string;
let service: SealService;
let tsa: TestTsa;
let refusingTsa: TestTsa;
/** PAdES B-T through the real TSA client and a local `openssl ts` TSA. */
let btService: SealService;
/** B-T against a TSA that refuses every request (configured for SHA-1 only). */
let refusedService: SealService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-seal-'));
  service = createSealService({
    keys: testSealKeys(TEST_NOW),
    authority: DEMO_AUTHORITY,
    assets: await loadLetterAssets(),
  });
  tsa = await startTestTsa();
  refusingTsa = await startTestTsa({ digests: 'sha1' });
  const limits = { timeoutMs: 10_000, maxBytes: 65_536 };
  for (const [target, url] of [
    ['bt', tsa.url],
    ['refused', refusingTsa.url],
  ] as const) {
    const created = createSealService({
      keys: testSealKeys(TEST_NOW),
      authority: DEMO_AUTHORITY,
      assets: await loadLetterAssets(),
      timeStamper: createHttpTimeStamper(url, limits),
    });
    if (target === 'bt') btService = created;
    else refusedService = created;
  }
  // pdfsig trusts what is in its NSS database: one with the test root, as a recipient would set up.
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  await writeFile(join(dir, 'root.pem'), testPki(TEST_NOW).root.certificatePem);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'test-root', '-t', 'CT,C,C', '-i', join(dir, 'root.pem')]);
});
afterAll(async () => {
  await tsa.close();
  await refusingTsa.close();
  await rm(dir, { recursive: true, force: true });
});

/** The CMS in /Contents without its zero padding. */
function cmsOf(pdf: Uint8Array): Uint8Array {
  const match = /\/ByteRange \[ ?0 (\d+) (\d+)/.exec(Buffer.from(pdf).toString('latin1'));
  const padded = Buffer.from(
    Buffer.from(pdf.subarray(Number(match?.[1]) + 1, Number(match?.[2]) - 1)).toString('latin1'),
    'hex',
  );
  return padded.subarray(0, readDer(padded).end);
}

const pdfsig = (pdf: string) => spawnSync('pdfsig', ['-nssdir', `sql:${dir}`, pdf], { encoding: 'utf8' }).stdout;

describeBackends('seal service', (backend) => {
  const db = useSeededDb(backend);
  let deps: SealDeps & { clock: TestClock };
  let committed: ChangeEvent[];

  beforeEach(async () => {
    committed = [];
    const changes = localChangeFeed();
    changes.subscribe((e) => committed.push(e));
    deps = {
      db: db(),
      blobs: await BlobStore.open(await mkdtemp(join(dir, 'blobs-'))),
      clock: new TestClock(),
      changes,
    };
  });

  const count = async (table: string) =>
    (await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;
  const bescheid = async (id: string): Promise<Bescheid> => {
    const b = await getBescheid(db(), id);
    if (!b) throw new Error(`Bescheid ${id} missing`);
    return b;
  };
  const pdfOf = async (d: Dokument): Promise<Uint8Array> => {
    const stored = await deps.blobs.read(d.sha256);
    if (!stored) throw new Error('sealed PDF missing from the blob store');
    const chunks: Buffer[] = [];
    for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const actions = (events: JournalEvent[]) => events.map((e) => `${e.actorId}:${e.action}`);

  it('seals an approved Bescheid: Dokument, state gesiegelt, Vorgang bescheid_erstellt, one journal event', async () => {
    const { v, b } = await addBescheid(db());
    const outcome = await service.sealApproved(deps, b.id);

    expect(outcome.sealed).toBe(true);
    const d = outcome.dokument;
    expect(dokumentSchema.parse(d)).toEqual(d);
    expect(d).toMatchObject({
      vorgangId: v.id,
      name: sealedFileName(v.aktenzeichen),
      mediaType: 'application/pdf',
      source: 'bescheid',
      uploadedBy: null,
      createdAt: TEST_NOW.toISOString(),
    });
    expect(d.name).toMatch(/^Bescheid-32\.10\.05-2026_BPA\d{6}-[0-9a-f]{4}\.pdf$/);
    const [row] = await db().query<{ doc: unknown; org_unit_id: string }>(
      'SELECT doc, org_unit_id FROM dokumente WHERE id = $1',
      [d.id],
    );
    expect(row).toEqual({ doc: d, org_unit_id: v.orgUnitId });

    const sealed = await bescheid(b.id);
    expect(sealed).toMatchObject({ state: 'gesiegelt', dokumentId: d.id, version: b.version + 1 });
    expect(sealed.content).toEqual(b.content);
    const after = await vorgangRow(db(), v.id);
    expect(after).toMatchObject({ status: 'bescheid_erstellt', version: v.version + 1 });

    const events = await journalEvents(db(), v.id);
    expect(actions(events)).toEqual([`${SEAL_ACTOR}:sealBescheid`]);
    expect(events[0]?.deviceTime).toBeNull();
    expect(events[0]?.summary).toEqual({
      bescheidId: b.id,
      contentHash: await bescheidContentHash(CONTENT),
      pdfSha256: d.sha256,
      dokumentId: d.id,
      approvedBy: APPROVER_ID,
    });
    expect(await verifyChain(events, { vorgangId: v.id })).toEqual({ ok: true, count: 1 });
    // Clients of the org unit are poked up to the Vorgang's new change seq.
    expect(committed).toEqual([{ cursor: after.changeSeq, orgUnitIds: [v.orgUnitId], userIds: [] }]);
  });

  it('produces a PDF that independent tools accept: structure, signature, trust, text, fonts, PDF/A', async () => {
    const { v, b } = await addBescheid(db());
    const { dokument } = await service.sealApproved(deps, b.id);
    const pdf = await pdfOf(dokument);
    expect(pdf.length).toBe(dokument.size);
    const path = join(dir, `${backend.kind}-sealed.pdf`);
    await writeFile(path, pdf);

    expect(qpdfCheck(path)).toMatchObject({ ok: true });
    const sig = pdfsig(path);
    expect(sig).toContain('Signature Type: ETSI.CAdES.detached');
    expect(sig).toContain('Signer Certificate Common Name: Stadt Musterstadt – Bürgerservice (Siegel)');
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Certificate Validation: Certificate is Trusted.');
    expect(sig).toContain('Total document signed');

    const text = pdftotext(path);
    expect(text).toContain(v.aktenzeichen);
    expect(text).toContain('Jörg Weißmüller');
    expect(text).toContain('Gänseblümchenweg 17 a');
    expect(text).toContain('Bewohnerparkzone B (Gänsemarkt)');
    // Info block and seal box: the author as Sachbearbeitung, the lead as approver, the Datum of sealing.
    expect(text).toContain('Anna Schäfer');
    expect(text).toContain('Dr. Sabine Köhler');
    expect(text).toContain('23.11.2026');
    expect(text).toContain('Elektronisch gesiegelt');

    const fonts = pdffonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);

    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(raw).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);

    const ours = await verifyPdfSignature(pdf, {
      trustedRoots: [testPki(TEST_NOW).root.certificateDer],
      validationTime: TEST_NOW,
    });
    expect(ours).toMatchObject({ valid: true, intact: true, chainTrusted: true, coversWholeDocument: true });
  });

  it('is reported broken by pdfsig after a one-byte change', async () => {
    const { b } = await addBescheid(db());
    const pdf = Uint8Array.from(await pdfOf((await service.sealApproved(deps, b.id)).dokument));
    // A letter of the title in the (unfiltered) XMP packet: inside the signed range, harmless to the structure.
    const at = Buffer.from(pdf).indexOf('Bewohnerparkausweises');
    expect(at).toBeGreaterThan(0);
    pdf[at] = 'b'.charCodeAt(0);
    const path = join(dir, `${backend.kind}-tampered.pdf`);
    await writeFile(path, pdf);
    expect(pdfsig(path)).toContain('Signature Validation: Digest Mismatch.');
    expect(await readFile(path)).toHaveLength(pdf.length);
  });

  it('does nothing the second time (idempotent), also for concurrent calls', async () => {
    const { v, b } = await addBescheid(db());
    const [first, second] = await Promise.all([service.sealApproved(deps, b.id), service.sealApproved(deps, b.id)]);
    expect(first).toEqual(second);
    const again = await service.sealApproved(deps, b.id);
    expect(again).toEqual({ sealed: false, dokument: first.dokument });
    expect(await count('dokumente')).toBe(1);
    expect(await count('blobs')).toBe(1);
    expect(actions(await journalEvents(db(), v.id))).toEqual([`${SEAL_ACTOR}:sealBescheid`]);
    expect((await bescheid(b.id)).version).toBe(b.version + 1);
  });

  it('refuses content that differs from the approved hash, journals the refusal and writes nothing else', async () => {
    const tampered = { ...CONTENT, betreff: `${CONTENT.betreff} – geändert` };
    const { v, b } = await addBescheid(db(), { content: tampered });
    const error = await service.sealApproved(deps, b.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'stale_content' });

    expect(await count('dokumente')).toBe(0);
    expect(await count('blobs')).toBe(0);
    expect(await bescheid(b.id)).toEqual(b);
    expect(await vorgangRow(db(), v.id)).toMatchObject({ status: 'freigegeben', version: v.version });
    const events = await journalEvents(db(), v.id);
    expect(events.map((e) => [e.actorId, e.action, e.summary])).toEqual([
      [SEAL_ACTOR, 'rejected', { mutation: 'sealBescheid', code: 'stale_content', bescheidId: b.id }],
    ]);
    expect(committed).toEqual([]);
  });

  it('refuses a Bescheid that is not approved, and an unknown one, without writing', async () => {
    const { v, b } = await addBescheid(db(), { state: 'eingereicht', vorgangStatus: 'zur_freigabe' });
    await expect(service.sealApproved(deps, b.id)).rejects.toMatchObject({ code: 'invalid_transition' });
    await expect(service.sealApproved(deps, '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f90')).rejects.toMatchObject({
      code: 'not_found',
    });
    // Approved, but the Vorgang is not at freigegeben (the status machine has no way to bescheid_erstellt).
    const odd = await addBescheid(db(), { vorgangStatus: 'entscheidungsreif' });
    await expect(service.sealApproved(deps, odd.b.id)).rejects.toMatchObject({ code: 'invalid_transition' });
    expect(await count('dokumente')).toBe(0);
    expect(await count('journal_events')).toBe(0);
    expect(await bescheid(b.id)).toEqual(b);
    expect((await vorgangRow(db(), v.id)).status).toBe('zur_freigabe');
  });

  it('prints the approval time the seal box states (Berlin time) from the approval, not from sealing', async () => {
    const { b } = await addBescheid(db());
    deps.clock.advance(3 * 24 * 3_600_000);
    const { dokument } = await service.sealApproved(deps, b.id);
    const path = join(dir, `${backend.kind}-later.pdf`);
    await writeFile(path, await pdfOf(dokument));
    const text = pdftotext(path);
    expect(text).toContain('26.11.2026');
    // APPROVED_AT is 08:45 UTC, 09:45 in Berlin (CET).
    expect(APPROVED_AT).toBe('2026-11-23T08:45:00.000Z');
    expect(text).toContain('am 23.11.2026, 09:45 Uhr');
  });

  it('seals as PAdES B-T with --tsa-url: pdfsig and qpdf accept it, openssl verifies the time-stamp', async () => {
    expect([service.level, btService.level]).toEqual(['B-B', 'B-T']);
    const { b } = await addBescheid(db());
    const before = tsa.requests();
    const pdf = await pdfOf((await btService.sealApproved(deps, b.id)).dokument);
    expect(tsa.requests()).toBe(before + 1);
    const path = join(dir, `${backend.kind}-bt.pdf`);
    await writeFile(path, pdf);
    expect(qpdfCheck(path)).toMatchObject({ ok: true });
    const sig = pdfsig(path);
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Certificate Validation: Certificate is Trusted.');
    expect(sig).toContain('Total document signed');

    const cms = parseCadesSignature(cmsOf(pdf));
    if (!cms.signatureTimeStampToken) throw new Error('no signature time-stamp in the sealed PDF');
    const tokenPath = join(dir, `${backend.kind}-bt.tst`);
    await writeFile(tokenPath, cms.signatureTimeStampToken);
    const imprint = createHash('sha256').update(cms.signature).digest('hex');
    const verified = spawnSync(
      'openssl',
      ['ts', '-verify', '-digest', imprint, '-in', tokenPath, '-token_in', '-CAfile', tsa.rootPemPath],
      { encoding: 'utf8' },
    );
    expect(verified.stdout).toContain('Verification: OK');

    const ours = await verifyPdfSignature(pdf, {
      trustedRoots: [testPki(TEST_NOW).root.certificateDer],
      validationTime: TEST_NOW,
    });
    expect(ours).toMatchObject({ valid: true, timestamp: { imprintOk: true, tokenSignatureOk: true } });
  });

  it('fails sealing with a clear error when the TSA refuses, stores nothing, and a retry can succeed', async () => {
    const { v, b } = await addBescheid(db());
    const error = await refusedService.sealApproved(deps, b.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'internal', message: expect.stringContaining('tsa_rejected') as unknown });
    expect((error as Error).message).toContain('badAlg');
    expect(await count('dokumente')).toBe(0);
    expect(await count('blobs')).toBe(0);
    expect(await bescheid(b.id)).toEqual(b);
    expect((await vorgangRow(db(), v.id)).status).toBe('freigegeben');
    expect(committed).toEqual([]);

    expect((await btService.sealApproved(deps, b.id)).sealed).toBe(true);
    expect((await bescheid(b.id)).state).toBe('gesiegelt');
  });
});
