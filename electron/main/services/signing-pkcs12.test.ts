import { createVerify } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it, vi } from 'vitest';
import { fingerprintSha256 } from '../../../server/src/modules/bescheid/demo-pki.ts';
import {
  P12_PASSWORD,
  joinedPkcs12,
  leadCertificateWith,
  leadPkcs12,
  opensslEcPkcs12,
  opensslPkcs12,
  pkcs12From,
  testPki,
} from './fixtures/signing.ts';
import { SigningError, assertUsableForSigning, signWith, summarize, unlockPkcs12 } from './signing-pkcs12.ts';

// This file generates RSA keys and PKCS#12 files: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof SigningError) return error.reason;
    throw error;
  }
  return undefined;
};

const UMLAUT_PASSWORD = 'Köhler-Geheimnis-€';
const DAY = 86_400_000;

describe('unlockPkcs12', () => {
  it('returns the key with its certificate and the chain, byte for byte as issued', () => {
    const { lead, root } = testPki();
    const unlocked = unlockPkcs12(leadPkcs12(), P12_PASSWORD);
    expect(unlocked.privateKey.n.equals(lead.privateKey.n)).toBe(true);
    expect(unlocked.chain.map((c) => Buffer.from(c))).toEqual([
      Buffer.from(lead.certificateDer),
      Buffer.from(root.certificateDer),
    ]);
  });

  it('orders the chain from the signer upwards, whatever the order in the file', () => {
    const { lead, seal, root } = testPki();
    const p12 = pkcs12From(lead.privateKey, [root.certificate, seal.certificate, lead.certificate]);
    const { chain } = unlockPkcs12(p12, P12_PASSWORD);
    // The seal certificate is in the file but not on the lead's path to the root.
    expect(chain.map((c) => Buffer.from(c))).toEqual([
      Buffer.from(lead.certificateDer),
      Buffer.from(root.certificateDer),
    ]);
  });

  it('opens OpenSSL 3 files, also with a password that is not ASCII (PBES2 over UTF-8)', () => {
    const { lead, root } = testPki();
    for (const legacy of [false, true]) {
      const p12 = opensslPkcs12(lead, [root], UMLAUT_PASSWORD, { legacy });
      const unlocked = unlockPkcs12(p12, UMLAUT_PASSWORD);
      expect(Buffer.from(unlocked.chain[0]).equals(Buffer.from(lead.certificateDer)), `legacy=${legacy}`).toBe(true);
      expect(
        reasonOf(() => unlockPkcs12(p12, 'Kohler-Geheimnis-€')),
        `legacy=${legacy}`,
      ).toBe('wrong_password');
    }
  });

  it('refuses a wrong password, with and without a MAC', () => {
    const { lead, root } = testPki();
    expect(reasonOf(() => unlockPkcs12(leadPkcs12(), 'falsch'))).toBe('wrong_password');
    const withoutMac = pkcs12From(lead.privateKey, [lead.certificate, root.certificate], P12_PASSWORD, false);
    expect(reasonOf(() => unlockPkcs12(withoutMac, P12_PASSWORD))).toBeUndefined();
    expect(reasonOf(() => unlockPkcs12(withoutMac, 'falsch'))).toBe('wrong_password');
  });

  it('refuses files that are not PKCS#12', () => {
    for (const bytes of [new Uint8Array(), new TextEncoder().encode('%PDF-1.7\n'), testPki().lead.certificateDer]) {
      expect(reasonOf(() => unlockPkcs12(bytes, P12_PASSWORD))).toBe('invalid_file');
    }
  });

  it('names what is missing or wrong inside the file', () => {
    const { lead, seal, root } = testPki();
    const cases: [Uint8Array, string][] = [
      [pkcs12From(null, [lead.certificate, root.certificate]), 'no_private_key'],
      [opensslPkcs12(lead, [], P12_PASSWORD, { noCerts: true }), 'no_certificate'],
      [pkcs12From(lead.privateKey, [seal.certificate, root.certificate]), 'key_mismatch'],
      [
        joinedPkcs12(
          pkcs12From(lead.privateKey, [lead.certificate], P12_PASSWORD, false),
          pkcs12From(seal.privateKey, [seal.certificate], P12_PASSWORD, false),
        ),
        'multiple_keys',
      ],
      [opensslEcPkcs12(P12_PASSWORD), 'unsupported_key'],
    ];
    for (const [p12, reason] of cases) expect(reasonOf(() => unlockPkcs12(p12, P12_PASSWORD))).toBe(reason);
  });

  it('keeps forge’s messages out of its errors', () => {
    try {
      unlockPkcs12(new TextEncoder().encode('geheim'), P12_PASSWORD);
    } catch (error) {
      expect((error as Error).message).toBe('The file is not a PKCS#12 file');
    }
  });
});

describe('assertUsableForSigning', () => {
  it('accepts the lead’s certificate within its validity', () => {
    const { lead } = testPki();
    expect(reasonOf(() => assertUsableForSigning(lead.certificate, new Date()))).toBeUndefined();
  });

  it('refuses it before and after its validity', () => {
    const { notBefore, notAfter } = testPki().lead.certificate.validity;
    const certificate = testPki().lead.certificate;
    expect(reasonOf(() => assertUsableForSigning(certificate, new Date(notBefore.getTime() - DAY)))).toBe(
      'not_yet_valid',
    );
    expect(reasonOf(() => assertUsableForSigning(certificate, new Date(notAfter.getTime() + DAY)))).toBe('expired');
  });

  it('refuses certificates not meant for signatures', () => {
    const encipherOnly = leadCertificateWith([{ name: 'keyUsage', keyEncipherment: true, critical: true }]);
    const noKeyUsage = leadCertificateWith([{ name: 'basicConstraints', cA: false }]);
    const nonRepudiationOnly = leadCertificateWith([{ name: 'keyUsage', nonRepudiation: true, critical: true }]);
    expect(reasonOf(() => assertUsableForSigning(encipherOnly, new Date()))).toBe('key_usage');
    expect(reasonOf(() => assertUsableForSigning(noKeyUsage, new Date()))).toBe('key_usage');
    expect(reasonOf(() => assertUsableForSigning(nonRepudiationOnly, new Date()))).toBeUndefined();
  });
});

describe('summarize and signWith', () => {
  it('summarizes the certificate as viewers show it', () => {
    const { lead } = testPki();
    // As encoded: whole seconds.
    const { validity } = forge.pki.certificateFromPem(lead.certificatePem);
    expect(summarize(lead.certificateDer)).toEqual({
      subjectCommonName: 'Dr. Sabine Köhler',
      issuerCommonName: 'Amtsplatz Test-Root-CA',
      serialNumber: lead.certificate.serialNumber.toUpperCase(),
      notBefore: validity.notBefore.toISOString(),
      notAfter: validity.notAfter.toISOString(),
      sha256Fingerprint: fingerprintSha256(lead),
    });
  });

  it('signs RSASSA-PKCS1-v1_5 with SHA-256 over the given bytes', () => {
    const { lead } = testPki();
    const data = new TextEncoder().encode('signed attributes');
    const signature = signWith(lead.privateKey, data);
    expect(createVerify('sha256').update(data).verify(lead.certificatePem, signature)).toBe(true);
    expect(createVerify('sha256').update('other').verify(lead.certificatePem, signature)).toBe(false);
  });
});
