import forge from 'node-forge';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { concatBytes, fromBinary, toBinary, toHex } from './bytes.ts';
import { sha256 } from './cms.ts';
import { parseCadesSignature } from './cms-parse.ts';
import { readDer } from './der.ts';
import { createForgeSigner } from './forge-signer.ts';
import { OID } from './oids.ts';
import { signPdf } from './pdf.ts';
import { createFixturePki, createTestPdf, FIXTURE_NOT_AFTER, type FixtureIdentity } from './test-fixture.ts';
import { verifyPdfSignature } from './verify.ts';

// This file generates RSA keys and signs PDFs: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let root: FixtureIdentity;
let otherRoot: FixtureIdentity;
let signerIdentity: FixtureIdentity;
let signed: Uint8Array;

beforeAll(async () => {
  ({ root, otherRoot, signer: signerIdentity } = createFixturePki());
  const signer = createForgeSigner(signerIdentity.privateKeyPem, signerIdentity.certificatePem + root.certificatePem);
  signed = await signPdf(await createTestPdf(), signer, {
    reason: 'Bescheid',
    location: 'Musterstadt',
    name: 'Stadt Musterstadt',
    signingTime: new Date('2026-03-02T09:15:30Z'),
  });
});

function byteRangeOf(pdf: Uint8Array): [number, number, number, number] {
  const match = /\/ByteRange \[ ?0 (\d+) (\d+) (\d+)/.exec(toBinary(pdf));
  if (!match) throw new Error('no ByteRange');
  return [0, Number(match[1]), Number(match[2]), Number(match[3])];
}

function signedBytes(pdf: Uint8Array): Uint8Array {
  const [, gapStart, gapEnd] = byteRangeOf(pdf);
  return concatBytes([pdf.subarray(0, gapStart), pdf.subarray(gapEnd)]);
}

function cmsOf(pdf: Uint8Array): Uint8Array {
  const [, gapStart, gapEnd] = byteRangeOf(pdf);
  const hex = toBinary(pdf.subarray(gapStart + 1, gapEnd - 1));
  const contents = Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
  return contents.subarray(0, readDer(contents).end);
}

/** Puts another CMS into /Contents, leaving every signed byte as it was. */
function withCms(pdf: Uint8Array, cms: Uint8Array): Uint8Array {
  const [, gapStart, gapEnd] = byteRangeOf(pdf);
  const out = Uint8Array.from(pdf);
  const hex = toHex(cms).padEnd(gapEnd - gapStart - 2, '0');
  out.set(new TextEncoder().encode(hex), gapStart + 1);
  return out;
}

function sign(data: Uint8Array, key: forge.pki.rsa.PrivateKey): Uint8Array {
  const md = forge.md.sha256.create();
  md.update(toBinary(data));
  return fromBinary(key.sign(md));
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return toBinary(haystack).indexOf(toBinary(needle));
}

describe('verifyPdfSignature', () => {
  it('accepts an untouched signature with a trusted chain', async () => {
    const result = await verifyPdfSignature(signed, { trustedRoots: [root.certificateDer] });
    expect(result).toMatchObject({
      valid: true,
      intact: true,
      coversWholeDocument: true,
      chainTrusted: true,
      subFilter: 'ETSI.CAdES.detached',
      signingTime: new Date('2026-03-02T09:15:30Z'),
      problems: [],
    });
    expect(result.signer?.subject).toContain('CN=Stadt Musterstadt – Bürgerservice (Siegel)');
    expect(result.signer?.serial).toBe(signerIdentity.certificate.serialNumber.toUpperCase());
  });

  it('reports a one-byte change inside the signed range as not intact', async () => {
    const tampered = Uint8Array.from(signed);
    // A visible change: the page grows by 0.01 pt ("595.28" becomes "595.29").
    const at = toBinary(tampered).indexOf('595.28');
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(byteRangeOf(signed)[1]);
    tampered[at + 5] = '9'.charCodeAt(0);
    const result = await verifyPdfSignature(tampered, { trustedRoots: [root.certificateDer] });
    expect(result.intact).toBe(false);
    expect(result.valid).toBe(false);
    expect(result.problems.join('\n')).toMatch(/message-digest does not match/);
  });

  it('notices bytes appended after signing', async () => {
    const appended = concatBytes([signed, new TextEncoder().encode('\n% appended\n')]);
    const result = await verifyPdfSignature(appended, { trustedRoots: [root.certificateDer] });
    expect(result.intact).toBe(true);
    expect(result.coversWholeDocument).toBe(false);
    expect(result.valid).toBe(false);
  });

  it('does not trust a chain ending in another root, nor without roots', async () => {
    const other = await verifyPdfSignature(signed, { trustedRoots: [otherRoot.certificateDer] });
    expect(other).toMatchObject({ intact: true, chainTrusted: false, valid: false });
    const none = await verifyPdfSignature(signed);
    expect(none).toMatchObject({ intact: true, chainTrusted: false, valid: false });
    expect(none.problems).toContain('no trusted root certificates given: trust not checked');
  });

  it('checks certificate validity at the validation time', async () => {
    const later = new Date(FIXTURE_NOT_AFTER.getTime() + 86_400_000);
    const result = await verifyPdfSignature(signed, { trustedRoots: [root.certificateDer], validationTime: later });
    expect(result).toMatchObject({ intact: true, chainTrusted: false, valid: false });
  });

  it('rejects signing-certificate-v2 naming another certificate even when the signature verifies', async () => {
    const cms = Uint8Array.from(cmsOf(signed));
    const original = parseCadesSignature(cms);
    const certHashAt = indexOf(cms, sha256(signerIdentity.certificateDer));
    expect(certHashAt).toBeGreaterThan(0);
    cms[certHashAt] = (cms[certHashAt] ?? 0) ^ 0xff;
    // Re-sign the altered attributes so only the ESS binding is wrong.
    const signatureAt = indexOf(cms, original.signature);
    cms.set(sign(parseCadesSignature(cms).signedAttributes, signerIdentity.privateKey), signatureAt);
    const result = await verifyPdfSignature(withCms(signed, cms), { trustedRoots: [root.certificateDer] });
    expect(result.intact).toBe(true);
    expect(result.valid).toBe(false);
    expect(result.problems).toContain('signing-certificate-v2 does not match the signer certificate');
  });

  it('flags a forge.pkcs7 signature: signing-time present, signing-certificate-v2 missing', async () => {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(toBinary(signedBytes(signed)));
    p7.addCertificate(signerIdentity.certificate);
    p7.addSigner({
      key: signerIdentity.privateKey,
      certificate: signerIdentity.certificate,
      digestAlgorithm: OID.sha256,
      authenticatedAttributes: [
        { type: OID.contentType, value: OID.data },
        { type: OID.messageDigest },
        { type: OID.signingTime, value: new Date().toISOString() },
      ],
    });
    p7.sign({ detached: true });
    const cms = fromBinary(forge.asn1.toDer(p7.toAsn1()).getBytes());
    const result = await verifyPdfSignature(withCms(signed, cms), { trustedRoots: [root.certificateDer] });
    expect(result.intact).toBe(true);
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'signing-time attribute present (PAdES requires /M instead)',
        'signed attribute signing-certificate-v2 missing',
      ]),
    );
  });

  it('reports a PDF without signature and input that is not a PDF', async () => {
    expect((await verifyPdfSignature(await createTestPdf())).problems).toEqual(['no signature found']);
    expect((await verifyPdfSignature(new Uint8Array([1, 2, 3]))).problems).toEqual(['the PDF could not be parsed']);
  });
});
