import { describe, expect, it } from 'vitest';
import { channelName, ipcChannels } from './index.ts';
import { MAX_PKCS12_BYTES, MAX_PKCS12_PASSWORD_LENGTH, certificateSummary, signingImportInput } from './signing.ts';

describe('signing IPC contract', () => {
  it('offers status, import and remove, and no channel that signs', () => {
    const signing = ipcChannels.filter((c) => c.startsWith('signing.')).map(channelName);
    expect(signing).toEqual(['amtsplatz:signing.status', 'amtsplatz:signing.import', 'amtsplatz:signing.remove']);
    expect(ipcChannels.filter((c) => /sign(?!ing\.(status|import|remove)$)/i.test(c))).toEqual([]);
  });

  it('takes a PKCS#12 of at most 1 MiB and a password of at most 1024 characters', () => {
    const ok = { source: 'bytes', bytes: new Uint8Array(MAX_PKCS12_BYTES), password: 'ä'.repeat(1024) };
    expect(signingImportInput.safeParse(ok).success).toBe(true);
    expect(signingImportInput.safeParse({ source: 'dialog', password: '' }).success).toBe(true);
    for (const bad of [
      { ...ok, bytes: new Uint8Array(MAX_PKCS12_BYTES + 1) },
      { ...ok, password: 'x'.repeat(MAX_PKCS12_PASSWORD_LENGTH + 1) },
      { ...ok, bytes: 'MIIK…base64' },
      { source: 'path', path: 'C:\\Users\\erika\\id.p12', password: '' },
    ]) {
      expect(signingImportInput.safeParse(bad).success).toBe(false);
    }
  });

  it('describes a certificate with an upper-case serial and a colon-separated SHA-256 fingerprint', () => {
    const summary = {
      subjectCommonName: 'Dr. Sabine Köhler',
      issuerCommonName: null,
      serialNumber: '4A01',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2029-01-01T00:00:00.000Z',
      sha256Fingerprint: Array.from({ length: 32 }, () => 'AB').join(':'),
    };
    expect(certificateSummary.safeParse(summary).success).toBe(true);
    expect(certificateSummary.safeParse({ ...summary, serialNumber: '4a01' }).success).toBe(false);
    expect(certificateSummary.safeParse({ ...summary, sha256Fingerprint: 'AB'.repeat(32) }).success).toBe(false);
  });
});
