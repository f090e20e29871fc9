import { describe, expect, it } from 'vitest';
import { checkUpload, formatBytes, mediaTypeLabel, previewKind, shortHash } from './dokument-format.ts';

describe('formatBytes', () => {
  it('uses the unit people know from file managers, per language', () => {
    expect(formatBytes(1, 'de')).toBe('1 B');
    expect(formatBytes(1023, 'de')).toBe('1.023 B');
    expect(formatBytes(1536, 'de')).toBe('1,5 KB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024, 'de')).toBe('50 MB');
    expect(formatBytes(Math.round(2.25 * 1024 * 1024), 'en')).toBe('2.3 MB');
  });
});

describe('shortHash', () => {
  it('keeps the first and last eight digits', () => {
    const sha = 'a'.repeat(8) + '0'.repeat(48) + 'b'.repeat(8);
    expect(shortHash(sha)).toBe('aaaaaaaa…bbbbbbbb');
  });
});

describe('checkUpload', () => {
  it('accepts allowed types within the limit, with a sanitized name', () => {
    expect(checkUpload({ name: 'Lageplan.PDF', size: 1000 })).toEqual({
      ok: true,
      name: 'Lageplan.pdf',
      mediaType: 'application/pdf',
    });
    expect(checkUpload({ name: 'foto.jpeg', size: 50 * 1024 * 1024 })).toMatchObject({ mediaType: 'image/jpeg' });
  });

  it('refuses forbidden types, empty and too large files', () => {
    expect(checkUpload({ name: 'setup.exe', size: 10 })).toEqual({ ok: false, reason: 'type' });
    expect(checkUpload({ name: 'bild.svg', size: 10 })).toEqual({ ok: false, reason: 'type' });
    expect(checkUpload({ name: 'ohne-endung', size: 10 })).toEqual({ ok: false, reason: 'type' });
    expect(checkUpload({ name: 'leer.pdf', size: 0 })).toEqual({ ok: false, reason: 'empty' });
    expect(checkUpload({ name: 'gross.pdf', size: 50 * 1024 * 1024 + 1 })).toEqual({ ok: false, reason: 'size' });
  });
});

describe('preview and labels', () => {
  it('previews only PDF and the image types a browser shows inertly', () => {
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('image/tiff')).toBeNull();
    expect(previewKind('text/html')).toBeNull();
    expect(previewKind('image/svg+xml')).toBeNull();
  });

  it('names types by their usual extension', () => {
    expect(mediaTypeLabel('application/vnd.oasis.opendocument.text')).toBe('ODT');
    expect(mediaTypeLabel('application/x-unknown')).toBe('application/x-unknown');
  });
});
