import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../modules/blobs/store.ts';
import { openPglite } from './pglite.ts';
import { securePrivateDir } from './private-dir.ts';

const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

/** Walks a tree and returns every entry whose mode lets anyone but the owner in. */
async function openToOthers(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const out: string[] = [];
  const visit = async (p: string) => {
    if ((await modeOf(p)) & 0o077) out.push(p);
    if ((await stat(p)).isDirectory()) for (const n of await readdir(p)) await visit(join(p, n));
  };
  await visit(dir);
  return out;
}

describe('data at rest is owner-only', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });
  const temp = async () => {
    const d = await mkdtemp(join(tmpdir(), 'amtsplatz-private-'));
    dirs.push(d);
    return d;
  };

  it('tightens world-readable and world-writable files and directories', async () => {
    const dir = await temp();
    await mkdir(join(dir, 'base'), { mode: 0o755 });
    await writeFile(join(dir, 'base', 'page'), 'x');
    await chmod(join(dir, 'base', 'page'), 0o666);
    await chmod(dir, 0o755);
    expect(await securePrivateDir(dir)).toBe(3);
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(join(dir, 'base'))).toBe(0o700);
    expect(await modeOf(join(dir, 'base', 'page'))).toBe(0o600);
    expect(await securePrivateDir(dir)).toBe(0);
  });

  it('PGlite’s data directory and the blob store are owner-only after opening', { timeout: 60_000 }, async () => {
    const dir = await temp();
    const data = join(dir, 'db');
    await mkdir(data, { mode: 0o755 });
    const db = await openPglite({ dataDir: data });
    await db.query('CREATE TABLE t (x int)');
    await db.close();
    // Opened again: whatever a previous version left open is closed at start.
    await chmod(data, 0o755);
    const again = await openPglite({ dataDir: data });
    await again.close();
    expect(await openToOthers(data)).toEqual([]);

    const blobs = join(dir, 'blobs');
    await mkdir(blobs, { mode: 0o777 });
    await chmod(blobs, 0o777);
    await BlobStore.open(blobs);
    expect(await modeOf(blobs)).toBe(0o700);
  });
});
