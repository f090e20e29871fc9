import { verify, type KeyObject } from 'node:crypto';
import type { FeedFile } from './update-feed.ts';

/**
 * Signatures of update installers, independent of the platform's code signing: the release job
 * (or IT, with its own key) signs, for every installer in the feed, the line block below with an
 * Ed25519 key and puts the 64-byte signature beside the installer as `<file>.sig`. The client
 * checks it against the keys of the machine policy before it lets electron-updater download;
 * electron-updater then checks the download against the same SHA-512, so the bytes installed are
 * the bytes signed. The version is signed too: an old, validly signed installer cannot be passed
 * off as a newer version.
 *
 * The message can be produced with OpenSSL alone (docs/it-guide.md):
 *
 *   printf 'amtsplatz-update/1\nversion=%s\nsha512=%s\n' "$VERSION" "$SHA512" > msg
 *   openssl pkeyutl -sign -rawin -inkey update-signing-key.pem -in msg -out "$FILE.sig"
 */

export const SIGNATURE_SUFFIX = '.sig';
const ED25519_SIGNATURE_BYTES = 64;

export function signedMessage(version: string, file: Pick<FeedFile, 'sha512'>): Buffer {
  return Buffer.from(`amtsplatz-update/1\nversion=${version}\nsha512=${file.sha512}\n`, 'utf8');
}

/** The URL of a file's signature: beside the file, below the feed URL. */
export function signatureUrl(feedUrl: string, file: Pick<FeedFile, 'url'>): string {
  const base = feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`;
  return new URL(`${file.url}${SIGNATURE_SUFFIX}`, base).href;
}

/** True when one of the keys made this signature over the file's message. */
export function isValidSignature(
  version: string,
  file: Pick<FeedFile, 'sha512'>,
  signature: Uint8Array,
  keys: readonly KeyObject[],
): boolean {
  if (signature.byteLength !== ED25519_SIGNATURE_BYTES) return false;
  const message = signedMessage(version, file);
  return keys.some((key) => key.asymmetricKeyType === 'ed25519' && verify(null, message, key, signature));
}
