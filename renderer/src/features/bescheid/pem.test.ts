import { describe, expect, it } from 'vitest';
import { pemCertificates } from './pem.ts';

describe('pemCertificates', () => {
  it('decodes every certificate block and skips other blocks', () => {
    const pem = [
      '-----BEGIN CERTIFICATE-----',
      'AQID',
      '-----END CERTIFICATE-----',
      '-----BEGIN PRIVATE KEY-----',
      'BAUG',
      '-----END PRIVATE KEY-----',
      '-----BEGIN CERTIFICATE-----\r\nAAEC\r\nAw==\r\n-----END CERTIFICATE-----',
    ].join('\n');
    expect(pemCertificates(pem)).toEqual([new Uint8Array([1, 2, 3]), new Uint8Array([0, 1, 2, 3])]);
  });

  it('gives nothing for text without certificates or with broken base64', () => {
    expect(pemCertificates('')).toEqual([]);
    expect(pemCertificates('-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----')).toEqual([]);
  });
});
