import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from a text (SHA-256, formatted with version 4 and variant bits):
 * the same text gives the same id on every run, so a repeated job names the same row or the
 * same ProzessID (the Antrag PDF, the Versandvermerk, a DMS delivery).
 */
export function derivedUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
