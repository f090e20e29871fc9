import { execFileSync, spawnSync } from 'node:child_process';
import { createVerify } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { qpdfCheck, withPdfFile } from '../../../scripts/lib/pdf-tools.ts';
import { fingerprintSha256 } from '../../../server/src/modules/bescheid/demo-pki.ts';
import { createTestPdf } from '../../../shared/bescheid/pades/test-fixture.ts';
import { verifyPdfSignature } from '../../../shared/bescheid/pades/index.ts';
import {
  P12_PASSWORD,
  fakeSafeStorage,
  leadPkcs12,
  pkcs12From,
  testPki,
  type FakeSafeStorage,
} from './fixtures/signing.ts';
import { SigningError, createSigningService, type SigningServiceOptions } from './signing.ts';

// This file generates RSA keys and signs PDFs: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

function setup(options: Partial<SigningServiceOptions> & { safeStorage?: FakeSafeStorage } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'amtsplatz-signing-'));
  roots.push(root);
  const store = join(root, 'userData', 'signing');
  const safeStorage = options.safeStorage ?? fakeSafeStorage();
  let now = new Date();
  const service = createSigningService({ store, safeStorage, clock: () => now, ...options });
  return {
    store,
    safeStorage,
    service,
    setNow: (date: Date) => (now = date),
    reopen: () => createSigningService({ store, safeStorage, clock: () => now }),
  };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SigningError) return error.reason;
    throw error;
  }
  return 'no error';
}

/** Every file in the store, as bytes. */
async function storedBytes(store: string): Promise<Buffer> {
  const names = await readdir(store).catch(() => []);
  return Buffer.concat(await Promise.all(names.map((n) => readFile(join(store, n)))));
}

const DAY = 86_400_000;

describe('importing a PKCS#12', () => {
  it('stores it and reports the certificate, also to a later app session', async () => {
    const { lead } = testPki();
    const s = setup();
    const summary = await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    expect(summary).toMatchObject({
      subjectCommonName: 'Dr. Sabine Köhler',
      issuerCommonName: 'Amtsplatz Test-Root-CA',
      serialNumber: lead.certificate.serialNumber.toUpperCase(),
      sha256Fingerprint: fingerprintSha256(lead),
    });
    expect(await s.service.status()).toEqual({ state: 'ready', certificate: summary });
    expect(await s.reopen().status()).toEqual({ state: 'ready', certificate: summary });
  });

  it('keeps the password only as safeStorage ciphertext, in a private file', async () => {
    const s = setup();
    await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    const stored = await storedBytes(s.store);
    expect(stored.length).toBeGreaterThan(0);
    for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) {
      expect(stored.includes(Buffer.from(P12_PASSWORD, encoding)), encoding).toBe(false);
    }
    expect(stored.includes(Buffer.from(Buffer.from(P12_PASSWORD).toString('base64')))).toBe(false);
    // What is stored is what the fake keyring made of it.
    const record = JSON.parse(stored.toString('utf8')) as { encryptedPassword: string };
    expect(await s.safeStorage.decryptString(Buffer.from(record.encryptedPassword, 'base64'))).toBe(P12_PASSWORD);
    if (process.platform !== 'win32') {
      expect((await stat(s.store)).mode & 0o777).toBe(0o700);
      const [file] = await readdir(s.store);
      expect((await stat(join(s.store, file ?? ''))).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses without protected storage and then stores nothing', async () => {
    const cases = [
      fakeSafeStorage({ available: false }),
      fakeSafeStorage({ backend: 'basic_text' }),
      fakeSafeStorage({ backend: 'unknown' }),
      Object.assign(fakeSafeStorage(), { lossy: true }),
    ];
    for (const safeStorage of cases) {
      const s = setup({ safeStorage });
      expect(await reasonOf(s.service.importPkcs12(leadPkcs12(), P12_PASSWORD))).toBe('encryption_unavailable');
      expect(await storedBytes(s.store)).toHaveLength(0);
      expect(await s.service.status()).toEqual({ state: 'none' });
    }
    const keyring = setup({ safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }) });
    expect((await keyring.service.importPkcs12(leadPkcs12(), P12_PASSWORD)).subjectCommonName).toBe(
      'Dr. Sabine Köhler',
    );
  });

  it('refuses a certificate outside its validity by the service clock', async () => {
    const { notBefore, notAfter } = testPki().lead.certificate.validity;
    const s = setup();
    s.setNow(new Date(notAfter.getTime() + DAY));
    expect(await reasonOf(s.service.importPkcs12(leadPkcs12(), P12_PASSWORD))).toBe('expired');
    s.setNow(new Date(notBefore.getTime() - DAY));
    expect(await reasonOf(s.service.importPkcs12(leadPkcs12(), P12_PASSWORD))).toBe('not_yet_valid');
  });

  it('leaves the stored identity alone when an import fails, and replaces it when one succeeds', async () => {
    const { seal, root } = testPki();
    const s = setup();
    const lead = await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    const sealP12 = pkcs12From(seal.privateKey, [seal.certificate, root.certificate], 'anderes');
    expect(await reasonOf(s.service.importPkcs12(sealP12, P12_PASSWORD))).toBe('wrong_password');
    expect(await reasonOf(s.service.importPkcs12(new Uint8Array(1024 * 1024 + 1), P12_PASSWORD))).toBe('too_large');
    expect(await s.service.status()).toEqual({ state: 'ready', certificate: lead });
    const replaced = await s.service.importPkcs12(sealP12, 'anderes');
    expect(replaced.subjectCommonName).toBe('Stadt Musterstadt – Bürgerservice (Siegel)');
    expect(await s.service.status()).toEqual({ state: 'ready', certificate: replaced });
    expect(await readdir(s.store)).toHaveLength(1);
  });

  it('treats a damaged store as empty, so importing again repairs it', async () => {
    const s = setup();
    await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    const [file] = await readdir(s.store);
    await writeFile(join(s.store, file ?? ''), '{"version":1,"pkcs12":');
    expect(await s.service.status()).toEqual({ state: 'none' });
    await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    expect((await s.service.status()).state).toBe('ready');
  });

  it('removes the identity', async () => {
    const s = setup();
    expect(await s.service.remove()).toEqual({ removed: false });
    await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    expect(await s.service.remove()).toEqual({ removed: true });
    expect(await s.service.status()).toEqual({ state: 'none' });
    expect(await readdir(s.store)).toEqual([]);
  });
});

describe('signing', () => {
  it('signs with the stored key, decrypting the password for each signature', async () => {
    const { lead, root } = testPki();
    const s = setup();
    await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    const decryptionsAfterImport = s.safeStorage.decryptions;
    const signer = await s.service.signer();
    expect(signer.certificateChain.map((c) => Buffer.from(c))).toEqual([
      Buffer.from(lead.certificateDer),
      Buffer.from(root.certificateDer),
    ]);
    expect(s.safeStorage.decryptions).toBe(decryptionsAfterImport);

    const data = new TextEncoder().encode('DER of the signed attributes');
    const signature = await signer.sign(data);
    expect(createVerify('sha256').update(data).verify(lead.certificatePem, signature)).toBe(true);
    await signer.sign(data);
    expect(s.safeStorage.decryptions).toBe(decryptionsAfterImport + 2);
  });

  it('offers no way to the key: the Signer and the service hold functions and public data only', async () => {
    const s = setup();
    await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    const signer = await s.service.signer();
    expect(Object.keys(signer).sort()).toEqual(['certificateChain', 'sign']);
    expect(Object.keys(s.service).sort()).toEqual(['importPkcs12', 'remove', 'signPdf', 'signer', 'status']);
  });

  it('refuses without an identity, also for a Signer made before it was removed', async () => {
    const s = setup();
    expect(await reasonOf(s.service.signer())).toBe('not_configured');
    await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    const signer = await s.service.signer();
    await s.service.remove();
    expect(await reasonOf(signer.sign(new Uint8Array([1])))).toBe('not_configured');
  });

  it('refuses when the keyring no longer decrypts the password, or the certificate has expired since', async () => {
    const s = setup();
    await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    const signer = await s.service.signer();
    s.safeStorage.keyringReset = true;
    expect(await reasonOf(signer.sign(new Uint8Array([1])))).toBe('password_unavailable');
    s.safeStorage.keyringReset = false;
    s.setNow(new Date(testPki().lead.certificate.validity.notAfter.getTime() + DAY));
    expect(await reasonOf(signer.sign(new Uint8Array([1])))).toBe('expired');
  });
});

describe('signPdf', () => {
  let nss: string;
  beforeAll(async () => {
    nss = mkdtempSync(join(tmpdir(), 'amtsplatz-nss-'));
    // pdfsig trusts what is in its NSS database: one with the test root, as a recipient would set up.
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    await writeFile(join(nss, 'root.pem'), testPki().root.certificatePem);
    execFileSync('certutil', [
      '-A',
      '-d',
      `sql:${nss}`,
      '-n',
      'test-root',
      '-t',
      'CT,C,C',
      '-i',
      join(nss, 'root.pem'),
    ]);
  });
  afterAll(() => rm(nss, { recursive: true, force: true }));

  it('writes a PAdES signature that pdfsig and qpdf accept, in the certificate holder’s name', async () => {
    const s = setup();
    await s.service.importPkcs12(leadPkcs12(), P12_PASSWORD);
    const signed = await s.service.signPdf(await createTestPdf(), {
      reason: 'Freigabe Bescheid 32.10.05-2026/00042',
      location: 'Musterstadt',
    });

    const { sig, check } = withPdfFile(signed, (path) => ({
      sig: spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, path], { encoding: 'utf8' }).stdout,
      check: qpdfCheck(path),
    }));
    expect(check.ok, check.output).toBe(true);
    expect(sig).toContain('Signature Type: ETSI.CAdES.detached');
    expect(sig).toContain('Signer Certificate Common Name: Dr. Sabine Köhler');
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Certificate Validation: Certificate is Trusted.');
    expect(sig).toContain('Total document signed');

    const verified = await verifyPdfSignature(signed, { trustedRoots: [testPki().root.certificateDer] });
    expect(verified).toMatchObject({
      valid: true,
      signer: { subject: expect.stringContaining('Dr. Sabine Köhler') as unknown },
    });
  });
});
