import { PadesError } from './errors.ts';

/**
 * A minimal DER element walker. Verification needs the exact bytes that were hashed or
 * signed (signedAttrs, certificates, issuer names); re-encoding a decoded tree could
 * normalise them and hide a mismatch, so navigation works on offsets into the original.
 */
export interface DerElement {
  /** The identifier octet (single-byte tags only; CMS and X.509 need no more). */
  tag: number;
  /** Offset of the identifier octet in the source. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset after the last content octet. */
  end: number;
  source: Uint8Array;
}

export function readDer(source: Uint8Array, start = 0, limit = source.length): DerElement {
  const tag = source[start];
  if (tag === undefined || start + 2 > limit) throw new PadesError('cms_invalid', 'truncated DER element');
  if ((tag & 0x1f) === 0x1f) throw new PadesError('cms_invalid', 'multi-byte DER tags are not supported');
  const first = source[start + 1] ?? 0;
  let length = first;
  let contentStart = start + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    // 0x80 is BER's indefinite length, which DER forbids; more than 4 length octets cannot occur in a PDF.
    if (count === 0 || count > 4) throw new PadesError('cms_invalid', 'DER element with unsupported length form');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (source[start + 2 + i] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new PadesError('cms_invalid', 'DER element longer than its container');
  return { tag, start, contentStart, end, source };
}

export function derChildren(element: DerElement): DerElement[] {
  if ((element.tag & 0x20) === 0) throw new PadesError('cms_invalid', 'expected a constructed DER element');
  const children: DerElement[] = [];
  let at = element.contentStart;
  while (at < element.end) {
    const child = readDer(element.source, at, element.end);
    children.push(child);
    at = child.end;
  }
  return children;
}

export function derBytes(element: DerElement): Uint8Array {
  return element.source.subarray(element.start, element.end);
}

export function derContent(element: DerElement): Uint8Array {
  return element.source.subarray(element.contentStart, element.end);
}
