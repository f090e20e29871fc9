import type { AllowedMediaType } from './file-names.ts';

/** How many leading bytes sniffing needs (ZIP containers name their parts near the start). */
export const SNIFF_BYTES = 8192;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array) => String.fromCharCode(...b);

/** Container formats whose parts name the document type (OOXML, ODF). */
function zipKind(head: Uint8Array): AllowedMediaType | undefined {
  // ODF: the first entry is `mimetype`, stored uncompressed (name at offset 30), holding the type.
  if (ascii(head.subarray(30, 38)) === 'mimetype') {
    const type = ascii(head.subarray(38, 38 + 46));
    if (type.startsWith('application/vnd.oasis.opendocument.text')) return 'application/vnd.oasis.opendocument.text';
    if (type.startsWith('application/vnd.oasis.opendocument.spreadsheet')) {
      return 'application/vnd.oasis.opendocument.spreadsheet';
    }
    return undefined;
  }
  const text = ascii(head);
  if (!text.includes('[Content_Types].xml') && !/(word|xl)\//.test(text)) return undefined;
  if (text.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (text.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return undefined;
}

/** Plain text: decodes as UTF-8 and holds no NUL (binary files almost always do). */
function isPlainText(head: Uint8Array, complete: boolean): boolean {
  if (head.includes(0)) return false;
  try {
    // A cut in the middle of a character at the end of an incomplete head is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(complete ? head : head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/**
 * The allowed media type the bytes are, judged by their content (magic numbers, container
 * parts), or undefined when they are none of them. `complete`: `head` is the whole file.
 */
export function sniffMediaType(head: Uint8Array, complete: boolean): AllowedMediaType | undefined {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipKind(head);
  if (isPlainText(head, complete)) return 'text/plain';
  return undefined;
}
