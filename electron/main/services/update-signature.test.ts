import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUpdateFeed, type FeedFile, type UpdateFeed } from './update-feed.ts';
import { isValidSignature, signatureUrl, signedMessage } from './update-signature.ts';

/*
 * The release job signs with OpenSSL (docs/it-guide.md): these tests run exactly the commands
 * documented there on the fixture feed's stand-in installer and check the result here.
 */

const FEEDS = join(import.meta.dirname, 'fixtures', 'update-feed');
const SIGN = `set -eu
sha512=$(openssl dgst -sha512 -binary "$FILE" | base64 -w0)
printf 'amtsplatz-update/1\\nversion=%s\\nsha512=%s\\n' "$VERSION" "$sha512" > "$FILE.msg"
openssl pkeyutl -sign -rawin -inkey "$KEY" -in "$FILE.msg" -out "$FILE.sig"`;

let dir: string;
let feed: UpdateFeed;
let file: FeedFile;
let key: KeyObject;
let signature: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-sig-'));
  feed = parseUpdateFeed(await readFile(join(FEEDS, 'latest.yml'), 'utf8'));
  file = feed.files[0] ?? expect.fail('no file');
  const installer = join(dir, file.url);
  await writeFile(installer, `stand-in for ${file.url}`);
  const keyFile = join(dir, 'update-signing-key.pem');
  execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', keyFile]);
  key = createPublicKey(execFileSync('openssl', ['pkey', '-in', keyFile, '-pubout']));
  execFileSync('bash', ['-c', SIGN], { env: { ...process.env, FILE: installer, VERSION: feed.version, KEY: keyFile } });
  signature = new Uint8Array(await readFile(`${installer}.sig`));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('update signatures', () => {
  it('signs the message the OpenSSL commands produce', async () => {
    expect(await readFile(join(dir, `${file.url}.msg`))).toEqual(signedMessage(feed.version, file));
    expect(signedMessage('1.3.0', file).toString()).toBe(`amtsplatz-update/1\nversion=1.3.0\nsha512=${file.sha512}\n`);
  });

  it('accepts the signature OpenSSL made with the key of the policy', () => {
    expect(signature.byteLength).toBe(64);
    expect(isValidSignature(feed.version, file, signature, [key])).toBe(true);
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(isValidSignature(feed.version, file, signature, [other, key])).toBe(true);
  });

  it('refuses another version, another digest, another key and a damaged signature', () => {
    expect(isValidSignature('1.3.1', file, signature, [key])).toBe(false);
    expect(isValidSignature(feed.version, { sha512: 'B'.repeat(86) + '==' }, signature, [key])).toBe(false);
    expect(isValidSignature(feed.version, file, signature, [generateKeyPairSync('ed25519').publicKey])).toBe(false);
    const damaged = Uint8Array.from(signature);
    damaged[10] = (damaged[10] ?? 0) ^ 1;
    expect(isValidSignature(feed.version, file, damaged, [key])).toBe(false);
    expect(isValidSignature(feed.version, file, signature.subarray(0, 63), [key])).toBe(false);
    expect(isValidSignature(feed.version, file, signature, [])).toBe(false);
  });

  it('never accepts a key of another type, even with a signature it made', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bySha = sign('sha256', signedMessage(feed.version, file), rsa.privateKey);
    expect(isValidSignature(feed.version, file, bySha.subarray(0, 64), [rsa.publicKey])).toBe(false);
  });
});

describe('signatureUrl', () => {
  it('puts the signature beside the installer, below the feed', () => {
    expect(signatureUrl('https://sw.behoerde.example/amtsplatz', file)).toBe(
      'https://sw.behoerde.example/amtsplatz/Amtsplatz-Setup-1.3.0.exe.sig',
    );
    expect(signatureUrl('https://sw.behoerde.example/amtsplatz/', { url: 'Amtsplatz Setup.exe' })).toBe(
      'https://sw.behoerde.example/amtsplatz/Amtsplatz%20Setup.exe.sig',
    );
  });
});
