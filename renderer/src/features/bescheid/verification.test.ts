import { describe, expect, it, vi } from 'vitest';
import type { PdfSignatureVerification } from '../../../../shared/bescheid/pades/index.ts';
import { subjectAttribute, verificationView } from './verification.ts';

// This file generates RSA keys and signs PDFs: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const good: PdfSignatureVerification = {
  valid: true,
  intact: true,
  coversWholeDocument: true,
  chainTrusted: true,
  signer: { subject: 'CN=Stadt Musterstadt – Siegel, O=Stadt Musterstadt, C=DE', serial: '0A1B' },
  signingTime: new Date('2026-11-23T10:15:00Z'),
  subFilter: 'ETSI.CAdES.detached',
  problems: [],
};

describe('verificationView', () => {
  it('shows a valid seal with the holder and time', () => {
    expect(verificationView(good)).toEqual({
      checks: [
        { check: 'valid', ok: true },
        { check: 'unchanged', ok: true },
        { check: 'chain', ok: true },
      ],
      valid: true,
      signer: { name: 'Stadt Musterstadt – Siegel', subject: good.signer?.subject, serial: '0A1B' },
      signingTime: '2026-11-23T10:15:00.000Z',
      timestamp: null,
      problems: [],
    });
  });

  it('shows the attested time of a B-T time-stamp only when its token checks out', () => {
    const timestamp = {
      time: new Date('2026-11-23T10:15:02Z'),
      imprintOk: true,
      tokenSignatureOk: true,
      authority: 'CN=Test-TSA, O=Amtsplatz Test, C=DE',
    };
    expect(verificationView({ ...good, timestamp }).timestamp).toEqual({
      time: '2026-11-23T10:15:02.000Z',
      authority: 'Test-TSA',
    });
    expect(verificationView({ ...good, timestamp: { ...timestamp, imprintOk: false } }).timestamp).toBeNull();
    expect(verificationView({ ...good, timestamp: { ...timestamp, tokenSignatureOk: false } }).timestamp).toBeNull();
  });

  it('reports a changed document and an untrusted chain separately', () => {
    const changed = verificationView({
      ...good,
      valid: false,
      intact: false,
      problems: ['message-digest does not match the signed bytes: the document was changed'],
    });
    expect(changed.checks).toEqual([
      { check: 'valid', ok: false },
      { check: 'unchanged', ok: false },
      { check: 'chain', ok: true },
    ]);
    const appended = verificationView({ ...good, valid: false, coversWholeDocument: false });
    expect(appended.checks.find((c) => c.check === 'unchanged')?.ok).toBe(false);
    const untrusted = verificationView({ ...good, valid: false, chainTrusted: false, signer: null, signingTime: null });
    expect(untrusted.checks.map((c) => c.ok)).toEqual([false, true, false]);
    expect(untrusted.signer).toBeNull();
    expect(untrusted.signingTime).toBeNull();
  });
});

describe('subjectAttribute', () => {
  it('reads one attribute, also when a value contains a comma', () => {
    const subject = 'CN=Müller, Anna, O=Stadt Musterstadt, C=DE';
    expect(subjectAttribute(subject, 'CN')).toBe('Müller, Anna');
    expect(subjectAttribute(subject, 'C')).toBe('DE');
    expect(subjectAttribute(subject, 'OU')).toBeNull();
  });
});
