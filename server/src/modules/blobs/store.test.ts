import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { BlobStore } from './store.ts';

const sha256 = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (s: string) => new TextEncoder().encode(s);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'resolved';
}

/** Everything below dir, as relative paths. */
async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('BlobStore', () => {
  let dir: string;
  let store: BlobStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'amtsplatz-store-'));
    store = await BlobStore.open(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores bytes under ab/cd/<sha256>, from a stream or a buffer, and reads them back', async () => {
    const hash = sha256('Lageplan');
    const stored = await store.write(Readable.from([bytes('Lage'), bytes('plan')]), { expected: hash, maxBytes: 100 });
    expect(stored).toEqual({ sha256: hash, size: 8 });
    expect(await files(dir)).toEqual([join(hash.slice(0, 2), hash.slice(2, 4), hash)]);
    expect(await readFile(store.pathOf(hash), 'utf8')).toBe('Lageplan');
    expect(await store.has(hash)).toBe(true);

    // Same bytes again (and without an expected hash): one file, unchanged.
    expect(await store.write(bytes('Lageplan'), { maxBytes: 100 })).toEqual(stored);
    expect(await files(dir)).toHaveLength(1);

    const read = await store.read(hash);
    expect(read?.size).toBe(8);
    expect(await text(read?.stream ?? Readable.from([]))).toBe('Lageplan');
    expect(await store.read(sha256('nie gespeichert'))).toBeUndefined();
  });

  it('keeps nothing of bytes with another hash, of too many bytes, or of none', async () => {
    expect(await codeOf(store.write(bytes('Lageplan'), { expected: sha256('anders'), maxBytes: 100 }))).toBe(
      'hash_mismatch',
    );
    expect(await codeOf(store.write(bytes('x'.repeat(101)), { maxBytes: 100 }))).toBe('payload_too_large');
    expect(await codeOf(store.write(Readable.from([]), { maxBytes: 100 }))).toBe('validation_failed');
    expect(await files(dir)).toEqual([]);
  });

  it('stops reading a stream at the limit instead of consuming it', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 1));
      },
    });
    expect(await codeOf(store.write(endless, { maxBytes: 64 * 1024 }))).toBe('payload_too_large');
    // Read-ahead buffers aside, the source was left alone right after the limit.
    expect(produced).toBeLessThan(256 * 1024);
    expect(endless.destroyed).toBe(false);
    expect(await files(dir)).toEqual([]);
  });

  it('verifies bytes without storing them', async () => {
    const hash = sha256('Nachweis');
    expect(await store.verify(bytes('Nachweis'), { expected: hash, maxBytes: 100 })).toEqual({ sha256: hash, size: 8 });
    expect(await codeOf(store.verify(bytes('Nachweiz'), { expected: hash, maxBytes: 100 }))).toBe('hash_mismatch');
    expect(await files(dir)).toEqual([]);
  });

  it('removes only stale temp files when opened', async () => {
    const stale = join(dir, 'tmp', 'old.part');
    const fresh = join(dir, 'tmp', 'new.part');
    await writeFile(stale, 'x');
    await writeFile(fresh, 'y');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(stale, twoDaysAgo, twoDaysAgo);
    await BlobStore.open(dir);
    expect(await stat(stale).catch(() => undefined)).toBeUndefined();
    expect((await stat(fresh)).isFile()).toBe(true);
  });

  it('turns nothing but a lowercase hex digest into a path', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/SHA-256/);
    expect(() => store.pathOf('A'.repeat(64))).toThrow(/SHA-256/);
  });
});
