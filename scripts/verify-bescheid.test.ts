import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readDer } from '../shared/bescheid/pades/der.ts';
import { createForgeSigner, signPdf, verifyPdfSignature } from '../shared/bescheid/pades/index.ts';
import { generateTestPki, toPkcs12, type TestPki } from '../server/src/modules/bescheid/demo-pki.ts';
import { startTestTsa } from './lib/tsa.ts';

// This file renders, seals and checks PDFs with the CLI: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/*
 * Interoperability: the signed PDF must satisfy validators we did not write. pdfsig and
 * certutil come from Debian's poppler-utils and libnss3-tools, openssl and qpdf likewise.
 */

let dir: string;
let pki: TestPki;
let signed: Uint8Array;
const file = (name: string) => join(dir, name);

async function testPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Bescheid über einen Bewohnerparkausweis', {
    x: 72,
    y: 700,
    size: 12,
    font: await doc.embedFont(StandardFonts.Helvetica),
  });
  return doc.save();
}

const signOptions = {
  reason: 'Bescheid BPA-2026-0042',
  location: 'Musterstadt',
  name: 'Stadt Musterstadt – Bürgerservice',
  signingTime: new Date('2026-03-02T09:15:30Z'),
};

function byteRange(pdf: Uint8Array): [number, number, number, number] {
  const match = /\/ByteRange \[ ?0 (\d+) (\d+) (\d+)/.exec(Buffer.from(pdf).toString('latin1'));
  if (!match) throw new Error('no ByteRange');
  return [0, Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The two signed segments and the CMS DER (without zero padding) as files for openssl. */
async function extract(pdf: Uint8Array, prefix: string) {
  const [, gapStart, gapEnd] = byteRange(pdf);
  const content = Buffer.concat([pdf.subarray(0, gapStart), pdf.subarray(gapEnd)]);
  const padded = Buffer.from(Buffer.from(pdf.subarray(gapStart + 1, gapEnd - 1)).toString('latin1'), 'hex');
  const cms = padded.subarray(0, readDer(padded).end);
  await writeFile(file(`${prefix}.content`), content);
  await writeFile(file(`${prefix}.p7s`), cms);
  return { content: file(`${prefix}.content`), cms: file(`${prefix}.p7s`) };
}

const run = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' });
const opensslVerify = (paths: { content: string; cms: string }, ca: string) =>
  run('openssl', [
    'cms',
    '-verify',
    '-binary',
    '-inform',
    'DER',
    '-in',
    paths.cms,
    '-content',
    paths.content,
    '-CAfile',
    ca,
    '-purpose',
    'any',
    '-out',
    '/dev/null',
  ]);
const cli = (...args: string[]) => run(process.execPath, [join(import.meta.dirname, 'verify-bescheid.ts'), ...args]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-pades-'));
  pki = generateTestPki({ keyBits: 2048 });
  const other = generateTestPki({ keyBits: 2048 });
  await writeFile(file('root.pem'), pki.root.certificatePem);
  await writeFile(file('other-root.pem'), other.root.certificatePem);
  const signer = createForgeSigner(pki.seal.privateKeyPem, pki.seal.certificatePem + pki.root.certificatePem);
  signed = await signPdf(await testPdf(), signer, signOptions);
  await writeFile(file('signed.pdf'), signed);
  const tsa = await startTestTsa();
  try {
    await writeFile(
      file('bt.pdf'),
      await signPdf(await testPdf(), signer, { ...signOptions, timeStamper: tsa.direct }),
    );
  } finally {
    await tsa.close();
  }
  const tampered = Uint8Array.from(signed);
  const at = Buffer.from(signed).indexOf('595.28');
  tampered[at + 5] = '9'.charCodeAt(0);
  await writeFile(file('tampered.pdf'), tampered);

  await mkdir(file('nssdb'));
  execFileSync('certutil', ['-N', '-d', `sql:${file('nssdb')}`, '--empty-password']);
  execFileSync('certutil', [
    '-A',
    '-d',
    `sql:${file('nssdb')}`,
    '-n',
    'amtsplatz-test-root',
    '-t',
    'CT,C,C',
    '-i',
    file('root.pem'),
  ]);
  await mkdir(file('empty-nssdb'));
  execFileSync('certutil', ['-N', '-d', `sql:${file('empty-nssdb')}`, '--empty-password']);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('openssl cms -verify', () => {
  it('accepts the extracted CMS over the ByteRange bytes with the test root', async () => {
    const paths = await extract(signed, 'signed');
    const result = opensslVerify(paths, file('root.pem'));
    expect(result.stderr).toContain('Verification successful');
    expect(result.status).toBe(0);
  });

  it('rejects it against another root and over changed content', async () => {
    const paths = await extract(signed, 'signed');
    expect(opensslVerify(paths, file('other-root.pem')).status).not.toBe(0);
    const changed = await extract(await readFile(file('tampered.pdf')), 'tampered');
    expect(opensslVerify(changed, file('root.pem')).stderr).toContain('content verify error');
  });

  it('shows the three signed attributes and no signing-time', async () => {
    const paths = await extract(signed, 'signed');
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', paths.cms], {
      encoding: 'utf8',
    });
    const attributes = [...printed.matchAll(/object: (\S+) \(/g)].map((m) => m[1]);
    expect(attributes).toEqual(['contentType', 'messageDigest', 'id-smime-aa-signingCertificateV2']);
  });
});

describe('pdfsig (poppler + NSS)', () => {
  it('reports the signature valid and, without trust, the issuer untrusted', () => {
    const result = run('pdfsig', ['-nssdir', `sql:${file('empty-nssdb')}`, file('signed.pdf')]);
    expect(result.stdout).toContain('Signature Type: ETSI.CAdES.detached');
    expect(result.stdout).toContain('Signing Time: Mar 02 2026 09:15:30');
    expect(result.stdout).toContain('Total document signed');
    expect(result.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(result.stdout).toContain("Certificate Validation: Certificate issuer isn't Trusted.");
  });

  it('trusts the certificate once the test root is in the NSS database', () => {
    const result = run('pdfsig', ['-nssdir', `sql:${file('nssdb')}`, file('signed.pdf')]);
    expect(result.stdout).toContain('Signer Certificate Common Name: Stadt Musterstadt – Bürgerservice (Siegel)');
    expect(result.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(result.stdout).toContain('Certificate Validation: Certificate is Trusted.');
  });

  it('reports a one-byte change inside the signed range as broken, as does verify.ts', async () => {
    const result = run('pdfsig', ['-nssdir', `sql:${file('nssdb')}`, file('tampered.pdf')]);
    expect(result.stdout).toContain('Signature Validation: Digest Mismatch.');
    const tampered = await readFile(file('tampered.pdf'));
    const ours = await verifyPdfSignature(tampered, { trustedRoots: [pki.root.certificateDer] });
    expect(ours).toMatchObject({ intact: false, valid: false });
  });
});

describe('verifyPdfSignature on Node Buffers', () => {
  it('verifies a Buffer without modifying it', async () => {
    const buffer = await readFile(file('signed.pdf'));
    const before = Buffer.from(buffer);
    const options = { trustedRoots: [pki.root.certificateDer] };
    expect((await verifyPdfSignature(buffer, options)).valid).toBe(true);
    expect(buffer.equals(before)).toBe(true);
    expect((await verifyPdfSignature(buffer, options)).valid).toBe(true);
  });
});

describe('qpdf --check', () => {
  it('finds no structural errors in the signed PDF', () => {
    const result = run('qpdf', ['--check', file('signed.pdf')]);
    expect(result.stdout).toContain('No syntax or stream encoding errors found');
    expect(result.status).toBe(0);
  });
});

describe('a personal signature from the PKCS#12', () => {
  it('signs with the key unlocked from teamleitung1.p12 and validates in pdfsig', async () => {
    const p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(Buffer.from(toPkcs12(pki.lead, [pki.root], 'pw', 'Dr. Sabine Köhler')).toString('latin1')),
      'pw',
    );
    const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag ?? '' })[
      forge.pki.oids.pkcs8ShroudedKeyBag ?? ''
    ]?.[0];
    const certBags = p12.getBags({ bagType: forge.pki.oids.certBag ?? '' })[forge.pki.oids.certBag ?? ''] ?? [];
    const chain = certBags.flatMap((bag) => (bag.cert ? [forge.pki.certificateToPem(bag.cert)] : []));
    if (!keyBag?.key) throw new Error('no key in PKCS#12');
    const signer = createForgeSigner(forge.pki.privateKeyToPem(keyBag.key), chain.join(''));
    const pdf = await signPdf(await testPdf(), signer, { ...signOptions, name: 'Dr. Sabine Köhler' });
    await writeFile(file('lead.pdf'), pdf);
    const result = run('pdfsig', ['-nssdir', `sql:${file('nssdb')}`, file('lead.pdf')]);
    expect(result.stdout).toContain('Signer Certificate Common Name: Dr. Sabine Köhler');
    expect(result.stdout).toContain('Certificate Validation: Certificate is Trusted.');
  });
});

describe('verify-bescheid CLI', () => {
  it('exits 0 for a valid signature with the root given', () => {
    const result = cli(file('signed.pdf'), '--ca', file('root.pem'));
    expect(result.stdout).toContain('Result:         VALID');
    expect(result.stdout).toContain('Signing time:   2026-03-02T09:15:30.000Z');
    expect(result.stdout).toContain('Time-stamp:     - (none: B-B)');
    expect(result.status).toBe(0);
  });

  it('prints the RFC 3161 time-stamp of a B-T signature', () => {
    const result = cli(file('bt.pdf'), '--ca', file('root.pem'));
    expect(result.stdout).toContain('Result:         VALID');
    expect(result.stdout).toMatch(
      /Time-stamp: {5}\d{4}-\d\d-\d\dT[\d:.]+Z \(RFC 3161, C=DE, O=Amtsplatz \(Test\), CN=Amtsplatz Test-TSA\) OK/,
    );
    expect(result.status).toBe(0);
  });

  it('exits 1 for a changed document, an untrusted root, or no root', () => {
    const tampered = cli(file('tampered.pdf'), '--ca', file('root.pem'));
    expect(tampered.stdout).toContain('Integrity:      FAILED');
    expect(tampered.status).toBe(1);
    expect(cli(file('signed.pdf'), '--ca', file('other-root.pem')).status).toBe(1);
    expect(cli(file('signed.pdf')).stdout).toContain('not checked (no --ca)');
    expect(cli(file('signed.pdf')).status).toBe(1);
  });

  it('exits 2 on usage errors and unreadable input', () => {
    expect(cli().status).toBe(2);
    expect(cli(file('missing.pdf')).status).toBe(2);
    expect(cli(file('signed.pdf'), '--ca', file('signed.pdf')).status).toBe(2);
    expect(cli(file('signed.pdf'), '--bogus').status).toBe(2);
  });
});
