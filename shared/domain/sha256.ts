/*
 * WebCrypto and TextEncoder are globals in Node ≥ 19, browsers and the Electron renderer, but
 * shared/ compiles against ES2023 without DOM or Node types, so the two members used are
 * declared here rather than pulling a platform's lib into every consumer.
 */
declare const crypto: { subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> } };
declare const TextEncoder: new () => { encode(input: string): Uint8Array };

/** SHA-256 as lowercase hex; a string is hashed as its UTF-8 bytes. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
