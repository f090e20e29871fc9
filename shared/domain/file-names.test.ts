import { describe, expect, it } from 'vitest';
import { MAX_DOKUMENT_BYTES } from './dokument.ts';
import { DomainError } from './errors.ts';
import {
  ALLOWED_EXTENSIONS,
  ALLOWED_MEDIA_TYPES,
  FILE_INPUT_ACCEPT,
  MAX_FILE_NAME_LENGTH,
  isAllowedMediaType,
  mediaTypeForName,
  sanitizeFileName,
} from './file-names.ts';

const PDF = 'application/pdf';
const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

describe('sanitizeFileName', () => {
  it('keeps an ordinary name with a matching extension', () => {
    expect(sanitizeFileName('Lageplan Grundstück.pdf', PDF)).toBe('Lageplan Grundstück.pdf');
    expect(sanitizeFileName('Foto.JPEG', 'image/jpeg')).toBe('Foto.jpeg');
    expect(sanitizeFileName('scan.tif', 'image/tiff')).toBe('scan.tif');
  });

  it('appends the type’s extension when the name’s does not match the media type', () => {
    expect(sanitizeFileName('bericht.exe', PDF)).toBe('bericht.exe.pdf');
    expect(sanitizeFileName('notes', 'text/plain')).toBe('notes.txt');
    expect(sanitizeFileName('bild.png', 'image/jpeg')).toBe('bild.png.jpg');
    expect(
      sanitizeFileName('makro.docm', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ).toBe('makro.docm.docx');
  });

  it('replaces path separators so no name can leave its folder', () => {
    expect(sanitizeFileName('../../etc/passwd', 'text/plain')).toBe('_.._etc_passwd.txt');
    expect(sanitizeFileName('..\\..\\Windows\\system.ini', 'text/plain')).toBe('_.._Windows_system.ini.txt');
    expect(sanitizeFileName('Bescheid 32.10.05-2026/00042.pdf', PDF)).toBe('Bescheid 32.10.05-2026_00042.pdf');
  });

  it('replaces control and Windows-forbidden characters and drops bidi overrides', () => {
    expect(sanitizeFileName('a\u0000b\nc\td.pdf', PDF)).toBe('a_b_c_d.pdf');
    expect(sanitizeFileName('was<ist>das:"|?*.pdf', PDF)).toBe('was_ist_das_____.pdf');
    // Displayed as "rechnungexe.pdf" without the fix; really ends in .exe.
    expect(sanitizeFileName('rechnung\u202Efdp.exe', PDF)).toBe('rechnungfdp.exe.pdf');
    expect(sanitizeFileName('zero\u200Bwidth.pdf', PDF)).toBe('zerowidth.pdf');
  });

  it('prefixes names Windows reserves for devices, also with extensions and in any case', () => {
    expect(sanitizeFileName('CON.pdf', PDF)).toBe('_CON.pdf');
    expect(sanitizeFileName('nul', 'text/plain')).toBe('_nul.txt');
    expect(sanitizeFileName('com1.tar.pdf', PDF)).toBe('_com1.tar.pdf');
    expect(sanitizeFileName('Lpt9 .pdf', PDF)).toBe('_Lpt9.pdf');
    expect(sanitizeFileName('CONSOLE.pdf', PDF)).toBe('CONSOLE.pdf');
    expect(sanitizeFileName('com10.pdf', PDF)).toBe('com10.pdf');
  });

  it('removes leading dots and trailing dots and spaces, and never returns an empty stem', () => {
    expect(sanitizeFileName('.bashrc', 'text/plain')).toBe('bashrc.txt');
    expect(sanitizeFileName('bericht. . .pdf', PDF)).toBe('bericht.pdf');
    expect(sanitizeFileName('name...  ', PDF)).toBe('name.pdf');
    expect(sanitizeFileName('', PDF)).toBe('Dokument.pdf');
    expect(sanitizeFileName('...', PDF)).toBe('Dokument.pdf');
    expect(sanitizeFileName('   \u202E ', PDF)).toBe('Dokument.pdf');
  });

  it('limits the length in code units and UTF-8 bytes without splitting characters', () => {
    const long = sanitizeFileName(`${'a'.repeat(400)}.pdf`, PDF);
    expect(long).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(long.endsWith('a.pdf')).toBe(true);

    const umlauts = sanitizeFileName(`${'ä'.repeat(300)}.pdf`, PDF);
    expect(utf8Length(umlauts)).toBeLessThanOrEqual(255);
    expect(umlauts.endsWith('ä.pdf')).toBe(true);

    const emoji = sanitizeFileName(`${'😀'.repeat(100)}.pdf`, PDF);
    expect(emoji.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(utf8Length(emoji)).toBeLessThanOrEqual(255);
    expect(emoji).toMatch(/^(😀)+\.pdf$/u);

    // Truncation must not leave a trailing dot that Windows would drop.
    expect(sanitizeFileName(`${'b'.repeat(175)}.cccc.pdf`, PDF)).toBe(`${'b'.repeat(175)}.pdf`);
  });

  it('is idempotent', () => {
    for (const name of ['CON.pdf', '../a/b.exe', 'x\u202E.pdf', `${'ü'.repeat(300)}.txt`, 'Foto.JPG']) {
      const once = sanitizeFileName(name, name.endsWith('JPG') ? 'image/jpeg' : PDF);
      expect(sanitizeFileName(once, name.endsWith('JPG') ? 'image/jpeg' : PDF)).toBe(once);
    }
  });

  it('refuses media types outside the allowlist with unsupported_media_type', () => {
    for (const type of ['application/x-msdownload', 'text/html', 'image/svg+xml', 'application/octet-stream', '']) {
      let thrown: unknown;
      try {
        sanitizeFileName('x.pdf', type);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, type).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe('unsupported_media_type');
    }
  });
});

describe('mediaTypeForName', () => {
  it('maps allowed extensions case-insensitively', () => {
    expect(mediaTypeForName('a.PDF')).toBe('application/pdf');
    expect(mediaTypeForName('a.jpeg')).toBe('image/jpeg');
    expect(mediaTypeForName('a.JPG')).toBe('image/jpeg');
    expect(mediaTypeForName('tabelle.ods')).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(mediaTypeForName('brief.txt ')).toBe('text/plain');
  });

  it('knows nothing of other, missing or hidden-only extensions', () => {
    for (const name of ['setup.exe', 'run.bat', 'x.pdf.exe', 'page.html', 'pdf', '.pdf', 'a.', 'a.svg']) {
      expect(mediaTypeForName(name), name).toBeUndefined();
    }
  });
});

describe('allowlist exports', () => {
  it('agree with each other and the document size limit', () => {
    expect(MAX_DOKUMENT_BYTES).toBe(50 * 1024 * 1024);
    for (const [type, exts] of Object.entries(ALLOWED_MEDIA_TYPES)) {
      expect(isAllowedMediaType(type)).toBe(true);
      for (const ext of exts) {
        expect(ALLOWED_EXTENSIONS).toContain(ext);
        expect(mediaTypeForName(`x.${ext}`)).toBe(type);
        expect(sanitizeFileName(`x.${ext}`, type)).toBe(`x.${ext}`);
      }
    }
    expect(isAllowedMediaType('toString')).toBe(false);
    expect(FILE_INPUT_ACCEPT.split(',')).toEqual(expect.arrayContaining(['.pdf', '.docx', 'application/pdf']));
  });
});
