import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectElectron, fetchElectronBinary } from './electron-binary.ts';

let dir: string;
let pkg: string;
const display = { DISPLAY: ':0' };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-electron-'));
  pkg = join(dir, 'node_modules', 'electron');
  await mkdir(pkg, { recursive: true });
  await writeFile(join(pkg, 'package.json'), '{"name":"electron"}');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function installBinary(relative = 'electron') {
  await writeFile(join(pkg, 'path.txt'), relative);
  await mkdir(join(pkg, 'dist'), { recursive: true });
  await writeFile(join(pkg, 'dist', relative), '');
}

describe('detectElectron', () => {
  it('reports a package without a downloaded binary (electron 45 before first use)', () => {
    expect(detectElectron(pkg, display, 'linux')).toEqual({ available: false, reason: 'binary not downloaded' });
  });

  it('reports path.txt pointing at a missing file', async () => {
    await writeFile(join(pkg, 'path.txt'), 'electron');
    expect(detectElectron(pkg, display, 'linux')).toEqual({ available: false, reason: 'binary not downloaded' });
  });

  it('reports a missing package', () => {
    expect(detectElectron(join(dir, 'nowhere'), display, 'linux').available).toBe(false);
  });

  it('finds the binary named by path.txt', async () => {
    await installBinary('electron');
    expect(detectElectron(pkg, display, 'linux')).toEqual({ available: true, binary: join(pkg, 'dist', 'electron') });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', async () => {
    const custom = join(dir, 'custom');
    await mkdir(custom);
    await writeFile(join(custom, 'electron'), '');
    expect(detectElectron(pkg, { ...display, ELECTRON_OVERRIDE_DIST_PATH: custom }, 'linux')).toEqual({
      available: true,
      binary: join(custom, 'electron'),
    });
  });

  it('needs a display on Linux only', async () => {
    await installBinary('electron');
    expect(detectElectron(pkg, {}, 'linux')).toMatchObject({
      available: false,
      reason: expect.stringContaining('display') as unknown,
    });
    expect(detectElectron(pkg, { WAYLAND_DISPLAY: 'wayland-0' }, 'linux').available).toBe(true);
    expect(detectElectron(pkg, {}, 'win32').available).toBe(true);
  });
});

describe('fetchElectronBinary', () => {
  let pkg: string;
  beforeEach(async () => {
    pkg = await mkdtemp(join(tmpdir(), 'electron-fetch-'));
    await writeFile(join(pkg, 'package.json'), '{"name":"electron"}');
  });
  afterEach(async () => {
    await rm(pkg, { recursive: true, force: true });
  });
  const installer = (body: string) => writeFile(join(pkg, 'install.js'), body);
  const display = { DISPLAY: ':0' };

  it('runs the package installer, after which the binary is found', async () => {
    await installer(`const fs = require('fs'); const p = require('path');
      fs.mkdirSync(p.join(__dirname, 'dist')); fs.writeFileSync(p.join(__dirname, 'dist', 'electron'), '');
      fs.writeFileSync(p.join(__dirname, 'path.txt'), 'electron');`);
    expect(detectElectron(pkg, display, 'linux')).toEqual({ available: false, reason: 'binary not downloaded' });
    expect(fetchElectronBinary(pkg, {}, 30_000)).toEqual({ ok: true });
    expect(detectElectron(pkg, display, 'linux')).toEqual({ available: true, binary: join(pkg, 'dist', 'electron') });
  });

  it('reports a failed download', async () => {
    await installer('process.exit(1);');
    expect(fetchElectronBinary(pkg, {}, 30_000)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/failed/) as unknown,
    });
  });

  it('does not run the installer when downloads are skipped', async () => {
    await installer(`require('fs').writeFileSync(require('path').join(__dirname, 'ran'), '');`);
    expect(fetchElectronBinary(pkg, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, 30_000)).toMatchObject({ ok: false });
    expect(existsSync(join(pkg, 'ran'))).toBe(false);
    expect(fetchElectronBinary(pkg, {}, 30_000)).toEqual({ ok: true });
    expect(existsSync(join(pkg, 'ran'))).toBe(true);
  });
});
