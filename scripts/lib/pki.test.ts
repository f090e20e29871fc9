import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_PKI_FILES, generateTestPki, toPkcs12, type TestPki } from '../../server/src/modules/bescheid/demo-pki.ts';
import { writeTestPkiFiles } from './pki-files.ts';

// This file generates RSA keys: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let dir: string;
let pki: TestPki;

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' });
const text = (pem: string) => openssl('x509', '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space', '-in', pem);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-pki-'));
  pki = generateTestPki({ keyBits: 2048 });
  await writeTestPkiFiles(dir, pki, { p12Password: 'Geheim-123', keyBits: 2048 });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('generateTestPki', () => {
  it('issues seal and personal certificates that chain to the root', () => {
    const f = TEST_PKI_FILES;
    const out = openssl(
      'verify',
      '-CAfile',
      join(dir, f.rootCertificate),
      join(dir, f.sealCertificate),
      join(dir, f.leadCertificate),
    );
    expect(out).toBe(`${join(dir, f.sealCertificate)}: OK\n${join(dir, f.leadCertificate)}: OK\n`);
  });

  it('uses the demo names, UTF-8 encoded', () => {
    expect(text(join(dir, TEST_PKI_FILES.rootCertificate))).toContain(
      'Subject: C=DE, O=Amtsplatz (Test), CN=Amtsplatz Test-Root-CA',
    );
    expect(text(join(dir, TEST_PKI_FILES.sealCertificate))).toContain('CN=Stadt Musterstadt – Bürgerservice (Siegel)');
    const lead = text(join(dir, TEST_PKI_FILES.leadCertificate));
    expect(lead).toContain('GN=Sabine, SN=Köhler, CN=Dr. Sabine Köhler');
    expect(lead).toContain('email:teamleitung1@musterstadt.example');
  });

  it('makes the root a CA and the others signing-only end entities', () => {
    const root = text(join(dir, TEST_PKI_FILES.rootCertificate));
    expect(root).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(root).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    for (const file of [TEST_PKI_FILES.sealCertificate, TEST_PKI_FILES.leadCertificate]) {
      const leaf = text(join(dir, file));
      expect(leaf).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
      expect(leaf).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation\n/);
      expect(leaf).not.toContain('Extended Key Usage');
      expect(leaf).toContain('Public-Key: (2048 bit)');
      expect(leaf).toContain('sha256WithRSAEncryption');
    }
  });

  it('gives every certificate its own positive serial number', () => {
    const serials = [pki.root, pki.seal, pki.lead].map((i) => i.certificate.serialNumber);
    expect(new Set(serials).size).toBe(3);
    for (const serial of serials) expect(parseInt(serial.slice(0, 2), 16)).toBeLessThan(0x80);
  });
});

describe('toPkcs12', () => {
  const p12 = () => join(dir, TEST_PKI_FILES.leadPkcs12);

  it('opens with the password and holds the matching key, certificate and root', () => {
    const pem = openssl('pkcs12', '-in', p12(), '-passin', 'pass:Geheim-123', '-nodes');
    expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    const key = forge.pki.privateKeyFromPem(pem.slice(pem.indexOf('-----BEGIN PRIVATE KEY-----')));
    expect(key.n.equals(pki.lead.privateKey.n)).toBe(true);
  });

  it('refuses a wrong password', () => {
    const result = spawnSync('openssl', ['pkcs12', '-in', p12(), '-passin', 'pass:falsch', '-nokeys'], {
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
  });

  it('is readable by forge, as the desktop keystore will read it', () => {
    const der = toPkcs12(pki.lead, [pki.root], 'pw', 'Dr. Sabine Köhler');
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(der).toString('latin1')), 'pw');
    const keyBags = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag ?? '' });
    const bag = keyBags[forge.pki.oids.pkcs8ShroudedKeyBag ?? '']?.[0];
    // forge types a bag's attributes as any; they map each attribute name to its values.
    const attributes = bag?.attributes as Partial<Record<string, unknown[]>> | undefined;
    expect(attributes?.friendlyName).toEqual(['Dr. Sabine Köhler']);
    expect((bag?.key as forge.pki.rsa.PrivateKey).n.equals(pki.lead.privateKey.n)).toBe(true);
  });
});

describe('writeTestPkiFiles', () => {
  it('writes the listed files, keys readable only by the owner, and a README with fingerprints', async () => {
    expect((await readdir(dir)).sort()).toEqual(Object.values(TEST_PKI_FILES).sort());
    expect((await stat(join(dir, TEST_PKI_FILES.sealKey))).mode & 0o077).toBe(0);
    const readme = await readFile(join(dir, TEST_PKI_FILES.readme), 'utf8');
    const fingerprint = openssl(
      'x509',
      '-noout',
      '-fingerprint',
      '-sha256',
      '-in',
      join(dir, TEST_PKI_FILES.sealCertificate),
    );
    expect(readme).toContain(fingerprint.split('=')[1]?.trim());
    expect(readme).not.toContain('Geheim-123');
  });

  it('keeps existing files unless forced', async () => {
    await writeFile(join(dir, TEST_PKI_FILES.readme), 'mine');
    await expect(writeTestPkiFiles(dir, pki, { p12Password: 'x', keyBits: 2048 })).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(await readFile(join(dir, TEST_PKI_FILES.readme), 'utf8')).toBe('mine');
    await writeTestPkiFiles(dir, pki, { p12Password: 'Geheim-123', keyBits: 2048, force: true });
    expect(await readFile(join(dir, TEST_PKI_FILES.readme), 'utf8')).toContain('# Amtsplatz test PKI');
  });
});
