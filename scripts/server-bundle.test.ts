import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_BUNDLE_ENTRY } from '../electron/main/services/server-entry.ts';
import { buildServerBundle, type ServerBundleReport } from './build-server.ts';
import { exitOf, stopChild } from './lib/processes.ts';
import { runSmoke } from './smoke.ts';

/*
 * The bundle as the packaged app ships it: built into a folder outside the checkout, started by
 * plain Node from yet another folder (so nothing can come from the checkout or node_modules
 * here), then the API smoke test against it.
 */

const ROOT = join(import.meta.dirname, '..');
const SLOW = { timeout: 90_000 };
/** The first start creates the PGlite cluster, migrates and seeds: slow on a busy 2-core machine. */
const READY_TIMEOUT_MS = 120_000;

let work: string;
let bundle: ServerBundleReport;
let server: ChildProcess | undefined;
let url: string;
const output: string[] = [];

/** Resolves with the address the server prints, rejects if it exits first. */
function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null || child.stderr === null) throw new Error('no pipes');
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      output.push(line);
      const match = /^Amtsplatz server listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exitOf(child).then((exit) =>
      reject(
        new Error(`the bundle exited during start (${exit.signal ?? `code ${exit.code}`}):\n${output.join('\n')}`),
      ),
    );
    setTimeout(() => reject(new Error(`not listening after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS).unref();
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'amtsplatz-bundle-'));
  bundle = await buildServerBundle({ outDir: join(work, 'server') });
  const cwd = join(work, 'elsewhere');
  await mkdir(cwd);
  // process.execPath: the project's Node 24 (node_modules/.bin/node), as in CI.
  server = spawn(
    process.execPath,
    [
      bundle.entry,
      '--demo',
      '--demo-count',
      '40',
      '--demo-antraege',
      '0',
      '--port',
      '0',
      '--data',
      join(work, 'data'),
      '--log-level',
      'warn',
    ],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  url = await listening(server);
}, READY_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (server !== undefined) await stopChild(server);
  await rm(work, { recursive: true, force: true });
}, 30_000);

describe('the server bundle', () => {
  it('is one module plus its run-time files, without paths of the build machine', async () => {
    const files = await readdir(bundle.outDir);
    expect(files).toEqual(
      expect.arrayContaining([SERVER_BUNDLE_ENTRY, 'pglite.wasm', 'pglite.data', 'initdb.wasm', 'resources', 'server']),
    );
    expect(files.filter((f) => f.endsWith('.js') || f.endsWith('.mjs'))).toEqual([SERVER_BUNDLE_ENTRY]);
    const migrations = await readdir(join(bundle.outDir, 'server', 'src', 'db', 'migrations'));
    expect(migrations).toEqual(await readdir(join(ROOT, 'server', 'src', 'db', 'migrations')));
    const code = await readFile(bundle.entry, 'utf8');
    expect(code).not.toContain(ROOT);
    expect(code).toContain('from "@node-rs/argon2"');
  });

  it('carries the argon2 binding of this platform next to its loader', async () => {
    const manifest = JSON.parse(await readFile(join(bundle.outDir, 'bundle.json'), 'utf8')) as Record<string, unknown>;
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(manifest).toMatchObject({ name: 'amtsplatz-server', version, entry: SERVER_BUNDLE_ENTRY });
    expect(bundle.argon2Bindings.length).toBeGreaterThan(0);
    expect(manifest['argon2Bindings']).toEqual(bundle.argon2Bindings);
    const platform = `${process.platform}-${process.arch}`;
    expect(bundle.argon2Bindings.some((b) => b.includes(platform))).toBe(true);
    const scope = await readdir(join(bundle.outDir, 'node_modules', '@node-rs'));
    expect(scope).toEqual(['argon2', ...bundle.argon2Bindings.map((b) => b.replace('@node-rs/', ''))]);
  });

  it('starts under plain Node with its Verfahren, fonts and seal, and passes the API smoke test', SLOW, async () => {
    expect(output).toContain('Bescheide are sealed for Stadt Musterstadt (PAdES B-B)');
    const report = await runSmoke(url);
    expect(report.steps.map((s) => s.name)).toEqual([
      'health',
      'login',
      'verfahren',
      'pull',
      'push',
      'pull again',
      'logout',
    ]);
    expect(report).toMatchObject({ database: 'pglite', username: 'sachbearbeiter1' });
    expect(report.pulledRows).toBeGreaterThan(40);
    expect(report.steps.find((s) => s.name === 'verfahren')?.detail).toBe(
      'balkon-solaranlage, bewohnerparkausweis, gewerbeanmeldung',
    );
  });

  // Windows has no SIGTERM (kill() ends the process at once); the app stops the server this way on Linux and macOS.
  it.skipIf(process.platform === 'win32')('stops cleanly on SIGTERM', { timeout: 30_000 }, async () => {
    if (server === undefined) throw new Error('not started');
    const exit = exitOf(server);
    server.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
    server = undefined;
  });
});
