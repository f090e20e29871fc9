import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestTsa, type TestTsa } from '../../../scripts/lib/tsa.ts';
import { fromBinary, fromHex, toBinary, toHex } from './bytes.ts';
import { buildCadesSignature, sha256 } from './cms.ts';
import { parseCadesSignature } from './cms-parse.ts';
import { readDer } from './der.ts';
import { createForgeSigner } from './forge-signer.ts';
import { OID } from './oids.ts';
import { signPdf, type SignPdfOptions } from './pdf.ts';
import type { Signer } from './signer.ts';
import { createFixturePki, createTestPdf, type FixtureIdentity } from './test-fixture.ts';
import {
  encodeTimeStampRequest,
  imprintCovers,
  parseTimeStampResponse,
  randomNonce,
  readTimeStampToken,
  type TimeStamper,
} from './timestamp.ts';
import { verifyPdfSignature } from './verify.ts';

// This file generates RSA keys and time-stamps: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/*
 * B-T against a real TSA: `openssl ts` (scripts/lib/tsa.ts). The CMS is decoded with forge's
 * generic ASN.1 parser and checked with `openssl ts -verify`, not only with our own reader.
 */

type Node = forge.asn1.Asn1;
const kids = (node: Node | undefined): Node[] => {
  if (!node || !Array.isArray(node.value)) throw new Error('expected a constructed node');
  return node.value;
};
const at = (node: Node | undefined, index: number): Node => {
  const child = kids(node)[index];
  if (!child) throw new Error(`no child ${index}`);
  return child;
};
const oidOf = (node: Node): string => forge.asn1.derToOid(node.value as string);
const der = (node: Node): Uint8Array => fromBinary(forge.asn1.toDer(node).getBytes());
const signerInfoOf = (cms: Uint8Array): Node => at(at(at(at(forge.asn1.fromDer(toBinary(cms)), 1), 0), 4), 0);

const options: SignPdfOptions = {
  reason: 'Bescheid BPA-2026-0042',
  location: 'Musterstadt',
  name: 'Stadt Musterstadt – Bürgerservice',
  signingTime: new Date('2026-03-02T09:15:30Z'),
};

let tsa: TestTsa;
let root: FixtureIdentity;
let signer: Signer;
const digest = sha256(new TextEncoder().encode('the two ByteRange segments'));
let bt: Uint8Array;
let bb: Uint8Array;

/** `openssl ts -verify` of a token against the imprint it should carry and the TSA root. */
function opensslVerifyToken(token: Uint8Array, imprint: Uint8Array, name: string) {
  const path = join(tsa.dir, `${name}.tst`);
  return writeFile(path, token).then(() =>
    spawnSync(
      'openssl',
      ['ts', '-verify', '-digest', toHex(imprint), '-in', path, '-token_in', '-CAfile', tsa.rootPemPath],
      { encoding: 'utf8' },
    ),
  );
}

beforeAll(async () => {
  tsa = await startTestTsa();
  const pki = createFixturePki();
  root = pki.root;
  signer = createForgeSigner(pki.signer.privateKeyPem, pki.signer.certificatePem + root.certificatePem);
  bt = await buildCadesSignature(signer, digest, tsa.direct);
  bb = await buildCadesSignature(signer, digest);
});
afterAll(() => tsa.close());

describe('RFC 3161 messages', () => {
  it('encodes a TimeStampReq v1 that openssl reads back: SHA-256 imprint, nonce, certReq', async () => {
    const nonce = randomNonce();
    const path = join(tsa.dir, 'request.tsq');
    await writeFile(path, encodeTimeStampRequest(digest, nonce));
    const text = spawnSync('openssl', ['ts', '-query', '-in', path, '-text'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Version: 1');
    expect(text).toContain('Hash Algorithm: sha256');
    // openssl prints the imprint as a hex dump, 16 bytes per line.
    const dump = text.replace(/[\s:-]/g, '').toLowerCase();
    expect(dump).toContain(toHex(digest.subarray(0, 16)));
    expect(dump).toContain(toHex(digest.subarray(16)));
    expect(text).toContain(`Nonce: 0x${toHex(nonce).toUpperCase()}`);
    expect(text).toContain('Certificate required: yes');
  });

  it('reads a granted TimeStampResp from the TSA and the TSTInfo of its token', async () => {
    const nonce = randomNonce();
    const response = await fetch(tsa.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: Buffer.from(encodeTimeStampRequest(digest, nonce)),
    });
    const parsed = parseTimeStampResponse(new Uint8Array(await response.arrayBuffer()));
    expect(parsed).toMatchObject({ status: 0, failInfo: [] });
    if (!parsed.token) throw new Error('no token');
    const info = readTimeStampToken(parsed.token);
    expect(info.hashAlgorithm).toBe(OID.sha256);
    expect(info.imprint).toEqual(digest);
    expect(info.nonce).toEqual(nonce);
    expect(info.policy).toBe('1.3.6.1.4.1.99999.1');
    expect(info.tsaCertificate).toEqual(tsa.tsaCertificateDer);
    expect(info.signatureVerifies).toBe(true);
    expect(Math.abs(info.genTime.getTime() - Date.now())).toBeLessThan(3_600_000);
    expect((await opensslVerifyToken(parsed.token, digest, 'granted')).stdout).toContain('Verification: OK');
  });

  it('reads a rejection with its failure reason (openssl refuses a digest it is not configured for)', async () => {
    const sha1Only = await startTestTsa({ digests: 'sha1' });
    try {
      const response = await fetch(sha1Only.url, {
        method: 'POST',
        body: Buffer.from(encodeTimeStampRequest(digest, randomNonce())),
      });
      const parsed = parseTimeStampResponse(new Uint8Array(await response.arrayBuffer()));
      expect(parsed).toMatchObject({ status: 2, failInfo: ['badAlg'], token: null });
    } finally {
      await sha1Only.close();
    }
  });

  it('refuses what is no TimeStampResp or token, with code tsa_response_invalid', () => {
    for (const garbage of [new Uint8Array([1, 2, 3]), new Uint8Array([0x30, 0x05, 0x02]), new Uint8Array()]) {
      expect(() => parseTimeStampResponse(garbage)).toThrow(expect.objectContaining({ code: 'tsa_response_invalid' }));
      expect(() => readTimeStampToken(garbage)).toThrow(expect.objectContaining({ code: 'tsa_response_invalid' }));
    }
    expect(() => readTimeStampToken(bb)).toThrow(/TSTInfo/);
  });
});

describe('buildCadesSignature with a TimeStamper (B-T)', () => {
  it('adds signature-time-stamp as the only unsigned attribute, [1] after the signature', () => {
    const signerInfo = signerInfoOf(bt);
    expect(kids(signerInfo)).toHaveLength(7);
    const unsigned = at(signerInfo, 6);
    expect(unsigned.tagClass).toBe(forge.asn1.Class.CONTEXT_SPECIFIC);
    expect(unsigned.type).toBe(1);
    expect(unsigned.constructed).toBe(true);
    expect(kids(unsigned)).toHaveLength(1);
    const attribute = at(unsigned, 0);
    expect(oidOf(at(attribute, 0))).toBe(OID.signatureTimeStampToken);
    expect(kids(at(attribute, 1))).toHaveLength(1);
  });

  it('time-stamps SHA-256 of the signature value, verifiable by openssl against the TSA root', async () => {
    const signerInfo = signerInfoOf(bt);
    const signature = fromBinary(at(signerInfo, 5).value as string);
    const token = der(at(at(at(at(signerInfo, 6), 0), 1), 0));
    const result = await opensslVerifyToken(token, sha256(signature), 'embedded');
    expect(result.stdout).toContain('Verification: OK');
    expect((await opensslVerifyToken(token, digest, 'wrong-imprint')).stdout).not.toContain('Verification: OK');
  });

  it('leaves everything else as in B-B, and B-B without a TimeStamper', () => {
    const withoutToken = signerInfoOf(bt);
    (withoutToken.value as Node[]).pop();
    expect(der(withoutToken)).toEqual(der(signerInfoOf(bb)));
    expect(kids(signerInfoOf(bb))).toHaveLength(6);
    expect(parseCadesSignature(bb).signatureTimeStampToken).toBeNull();
  });

  it('refuses a token over other bytes than the signature value, whoever produced it', async () => {
    const elsewhere: TimeStamper = { timestamp: () => tsa.direct.timestamp(sha256(new Uint8Array([1]))) };
    await expect(buildCadesSignature(signer, digest, elsewhere)).rejects.toMatchObject({ code: 'tsa_mismatch' });
  });

  it('passes TimeStamper failures through and signs nothing half', async () => {
    const failing: TimeStamper = { timestamp: () => Promise.reject(new Error('TSA down')) };
    await expect(buildCadesSignature(signer, digest, failing)).rejects.toThrow('TSA down');
  });
});

describe('signPdf and verifyPdfSignature with B-T', () => {
  let signed: Uint8Array;
  beforeAll(async () => {
    signed = await signPdf(await createTestPdf(), signer, { ...options, timeStamper: tsa.direct });
  });

  it('reserves 24 KiB for the CMS when time-stamping (16 KiB stay the B-B default)', () => {
    const match = /\/ByteRange \[ ?0 (\d+) (\d+)/.exec(toBinary(signed));
    expect(Number(match?.[2]) - Number(match?.[1])).toBe(2 * 24_576 + 2);
  });

  it('reports the time-stamp: genTime, imprint and token signature OK, the TSA named', async () => {
    const before = Date.now();
    const result = await verifyPdfSignature(signed, { trustedRoots: [root.certificateDer] });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.timestamp).toMatchObject({
      imprintOk: true,
      tokenSignatureOk: true,
      authority: 'C=DE, O=Amtsplatz (Test), CN=Amtsplatz Test-TSA',
    });
    expect(Math.abs((result.timestamp?.time.getTime() ?? 0) - before)).toBeLessThan(3_600_000);
  });

  it('has no timestamp entry for B-B', async () => {
    const plain = await signPdf(await createTestPdf(), signer, options);
    const result = await verifyPdfSignature(plain, { trustedRoots: [root.certificateDer] });
    expect(result.valid).toBe(true);
    expect(result.timestamp).toBeUndefined();
  });

  it('flags a token that covers other data as invalid, leaving the signature intact', async () => {
    const [, gapStart = 0, gapEnd = 0] = /\/ByteRange \[ ?0 (\d+) (\d+)/.exec(toBinary(signed))?.map(Number) ?? [];
    const padded = fromHex(toBinary(signed.subarray(gapStart + 1, gapEnd - 1))) ?? new Uint8Array();
    const cms = padded.subarray(0, readDer(padded).end);
    const contentInfo = forge.asn1.fromDer(toBinary(cms));
    const attribute = at(at(at(at(at(at(contentInfo, 1), 0), 4), 0), 6), 0);
    const foreign = await tsa.direct.timestamp(sha256(new Uint8Array([1])));
    (at(attribute, 1).value as Node[])[0] = forge.asn1.fromDer(toBinary(foreign));
    const swapped = Uint8Array.from(signed);
    swapped.set(new TextEncoder().encode(toHex(der(contentInfo)).padEnd(gapEnd - gapStart - 2, '0')), gapStart + 1);

    const result = await verifyPdfSignature(swapped, { trustedRoots: [root.certificateDer] });
    expect(result.intact).toBe(true);
    expect(result.valid).toBe(false);
    expect(result.timestamp).toMatchObject({ imprintOk: false, tokenSignatureOk: true });
    expect(result.problems).toContain('the signature time-stamp does not cover the signature value');
    const token = parseCadesSignature(der(contentInfo)).signatureTimeStampToken;
    if (!token) throw new Error('no token');
    expect(imprintCovers(readTimeStampToken(token), new Uint8Array([1]))).toBe(true);
  });
});
