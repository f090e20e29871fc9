import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './media-sniff.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sniffMediaType', () => {
  it('knows the allowed types by their content', () => {
    expect(sniffMediaType(bytes('%PDF-1.7\n…'), true)).toBe('application/pdf');
    expect(sniffMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), true)).toBe('image/png');
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), true)).toBe('image/jpeg');
    expect(sniffMediaType(new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8]), true)).toBe('image/tiff');
    expect(sniffMediaType(bytes('Sehr geehrte Damen und Herren, …'), true)).toBe('text/plain');
    const odt = bytes(`PK\x03\x04${'\0'.repeat(26)}mimetypeapplication/vnd.oasis.opendocument.text`);
    expect(sniffMediaType(odt, true)).toBe('application/vnd.oasis.opendocument.text');
    const docx = bytes(`PK\x03\x04${'x'.repeat(26)}[Content_Types].xml … word/document.xml`);
    expect(sniffMediaType(docx, true)).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('refuses what is none of them: executables, HTML passed off as PDF, other archives', () => {
    expect(sniffMediaType(bytes('MZ\x90\x00\x03\x00\x00\x00'), true)).toBeUndefined();
    expect(
      sniffMediaType(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00]), true),
    ).toBeUndefined();
    expect(sniffMediaType(bytes(`PK\x03\x04${'x'.repeat(26)}payload.exe`), true)).toBeUndefined();
    // HTML is text: it passes as text/plain only, never as the PDF it claims to be.
    expect(sniffMediaType(bytes('<html><script>alert(1)</script>'), true)).toBe('text/plain');
  });
});
