import { createHash, randomBytes } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { PRIVATE_DIR_MODE } from '../../db/private-dir.ts';

const SHA256 = /^[0-9a-f]{64}$/;
const TEMP_DIR = 'tmp';
/** Leftovers of uploads interrupted by a crash; younger ones may still be written by another instance. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

export interface StoredBlob {
  sha256: string;
  size: number;
}

export interface BlobWriteOptions {
  /** The SHA-256 the bytes must have; omitted, the store computes it (intake). */
  expected?: string;
  maxBytes: number;
}

/** Bytes to store: a stream (request body) or a buffer. */
export type BlobSource = Readable | Uint8Array;

/**
 * Content-addressed files under `dir`: `ab/cd/<sha256>`. A write streams into a temp file
 * while hashing and counting, fsyncs it and renames it into place, so a file under a hash
 * name is always complete and has exactly that hash. Knows nothing about the database; the
 * `blobs` table is kept by ./blobs.ts.
 */
export class BlobStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Creates the directory and removes temp files of uploads a crash interrupted long ago. */
  static async open(dir: string, now: Date = new Date()): Promise<BlobStore> {
    const store = new BlobStore(dir);
    await mkdir(join(dir, TEMP_DIR), { recursive: true, mode: PRIVATE_DIR_MODE });
    // Owner-only root: nobody else can reach a file below it, whatever its mode. Walking every
    // blob at each start would cost seconds on a large store; new files follow the umask.
    if (process.platform !== 'win32') await chmod(dir, PRIVATE_DIR_MODE);
    for (const name of await readdir(join(dir, TEMP_DIR))) {
      const path = join(dir, TEMP_DIR, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now.getTime() - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
    }
    return store;
  }

  pathOf(sha256: string): string {
    // The only way a caller's text becomes a path: a strict hex digest, never "..".
    if (!SHA256.test(sha256)) throw new Error('not a lowercase hex SHA-256');
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async has(sha256: string): Promise<boolean> {
    return (await stat(this.pathOf(sha256)).catch(() => undefined))?.isFile() === true;
  }

  /**
   * Stores the bytes. Refuses, keeping nothing: more than maxBytes (`payload_too_large`,
   * reading stops there), no bytes (`validation_failed`), another hash than `expected`
   * (`hash_mismatch`). Storing bytes that are there already is harmless.
   */
  async write(source: BlobSource, options: BlobWriteOptions): Promise<StoredBlob> {
    const temp = join(this.dir, TEMP_DIR, `${randomBytes(12).toString('hex')}.part`);
    await mkdir(dirname(temp), { recursive: true });
    const file = await open(temp, 'wx', 0o600);
    let blob: StoredBlob;
    try {
      blob = await consume(source, options.maxBytes, (chunk) => file.write(chunk).then(() => undefined));
      checkResult(blob, options.expected);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    const target = this.pathOf(blob.sha256);
    if (await this.has(blob.sha256)) {
      // Same name, same bytes. Renaming over it could fail on Windows while it is being read.
      await rm(temp, { force: true });
      return blob;
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(temp, target);
    await syncDirectory(dirname(target));
    return blob;
  }

  /**
   * Removes the file (deletion of a record after Abgabe or Aussonderung). Missing already is
   * fine: a repeated removal finds nothing to do.
   */
  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  /** Reads and checks the bytes without storing them (they are stored already). */
  async verify(source: BlobSource, options: BlobWriteOptions): Promise<StoredBlob> {
    const blob = await consume(source, options.maxBytes, async () => undefined);
    checkResult(blob, options.expected);
    return blob;
  }

  /** The first `n` bytes (fewer for a shorter file) and whether that is the whole file; undefined: missing. */
  async head(sha256: string, n: number): Promise<{ bytes: Uint8Array; complete: boolean } | undefined> {
    const handle = await open(this.pathOf(sha256), 'r').catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!handle) return undefined;
    try {
      const buffer = new Uint8Array(n);
      const { bytesRead } = await handle.read(buffer, 0, n, 0);
      const { size } = await handle.stat();
      return { bytes: buffer.subarray(0, bytesRead), complete: bytesRead >= size };
    } finally {
      await handle.close();
    }
  }

  /** All the stored bytes at once (messages, PDFs to render), or undefined when the file is missing. */
  async readAll(sha256: string): Promise<Uint8Array | undefined> {
    const stored = await this.read(sha256);
    if (!stored) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }

  /** A stream of the stored bytes and their size, or undefined when the file is missing. */
  async read(sha256: string): Promise<{ stream: ReadStream; size: number } | undefined> {
    const handle = await open(this.pathOf(sha256), 'r').catch((error: unknown) => {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!handle) return undefined;
    try {
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }
}

/**
 * Reads the source chunk by chunk into `sink` while hashing and counting; stops at the first
 * byte over the limit. A request body is read through a PassThrough so that stopping early
 * does not destroy the request (its socket): the client still gets the 413 answer.
 */
async function consume(
  source: BlobSource,
  maxBytes: number,
  sink: (chunk: Uint8Array) => Promise<void>,
): Promise<StoredBlob> {
  const hash = createHash('sha256');
  let size = 0;
  const chunks = source instanceof Uint8Array ? Readable.from([source]) : detach(source);
  for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      throw new DomainError('payload_too_large', `A document may have at most ${maxBytes} bytes`);
    }
    hash.update(chunk);
    await sink(chunk);
  }
  return { sha256: hash.digest('hex'), size };
}

function detach(source: Readable): Readable {
  const through = new PassThrough();
  source.once('error', (error) => through.destroy(error));
  // An aborted upload ends the request without an error on some Node versions.
  source.once('aborted', () => through.destroy(new Error('upload aborted')));
  source.pipe(through);
  return through;
}

function checkResult(blob: StoredBlob, expected: string | undefined): void {
  if (blob.size === 0) throw new DomainError('validation_failed', 'A document needs at least one byte');
  if (expected !== undefined && blob.sha256 !== expected) {
    throw new DomainError('hash_mismatch', 'The bytes do not have the SHA-256 given in the query');
  }
}

/** Makes the rename durable; directories cannot be opened for syncing on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
