import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, 'main.ts');

function runMain(args: string[]) {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, stderr: () => stderr };
}

it('exits with 2 and a clear message on bad arguments', async () => {
  const run = runMain(['--port', 'eighty']);
  expect(await run.exit).toBe(2);
  expect(run.stderr()).toContain('amtsplatz-server: --port must be a whole number, got "eighty"');
});

it('starts with demo data, prints where it listens, and shuts down on SIGTERM', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-main-'));
  const run = runMain([
    '--demo',
    '--demo-count',
    '20',
    // No Antrag PDFs: their filing job writes blobs in the background, at its own pace.
    '--demo-antraege',
    '0',
    '--port',
    '0',
    '--data',
    join(dir, 'data'),
    '--log-level',
    'warn',
  ]);
  try {
    const lines = createInterface({ input: run.child.stdout });
    let url: string | undefined;
    const seen: string[] = [];
    for await (const line of lines) {
      seen.push(line);
      const match = /^Amtsplatz server listening on (http:\/\/127\.0\.0\.1:\d+) \(pglite .*data\)$/.exec(line);
      if (match) {
        url = match[1];
        break;
      }
    }
    expect(seen[0]).toMatch(/^Demo data: seeded 5 accounts \(password "demo"\) and 20 Vorgänge in \d+ ms$/);
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'pglite' });
    // The demo attachments went into the blob store beside the PGlite data.
    const stored = await readdir(join(dir, 'data', 'blobs'), { recursive: true, withFileTypes: true });
    expect(stored.filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name))).toHaveLength(3);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  } finally {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});
