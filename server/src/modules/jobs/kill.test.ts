/*
 * The seal job across a killed server: the real server (main.ts) as a child process on a PGlite
 * data directory, SIGKILLed after it sealed a Bescheid but before it recorded the job as done,
 * then started again on the same directory. The Bescheid must end up sealed exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, expect, it } from 'vitest';
import type { AdminJob } from '../../../../shared/contracts/http/admin.ts';
import { seedAccounts } from '../../../test/harness.ts';
import { migrate } from '../../db/migrate.ts';
import { openPglite } from '../../db/pglite.ts';
import { SEAL_ACTOR } from '../bescheid/seal-service.ts';
import { getBescheid } from '../bescheid/store.ts';
import { addBescheid } from '../bescheid/test-fixture.ts';
import { journalEvents } from '../journal/store.ts';
import { enqueueSeal } from './seal-job.ts';

const MAIN = join(import.meta.dirname, '../../main.ts');

interface Server {
  child: ChildProcess;
  exit: Promise<number | null>;
  /** Resolves with the first stdout line matching re (also one printed before the call). */
  line(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  output(): string;
}

const running: Server[] = [];

function startServer(dataDir: string, env: Record<string, string> = {}): Server {
  const child = spawn(process.execPath, [MAIN, '--demo', '--port', '0', '--data', dataDir, '--log-level', 'warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  let output = '';
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    output += `${line}\n`;
    for (const w of [...waiters]) {
      const m = w.re.exec(line);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const server: Server = {
    child,
    exit,
    output: () => output,
    line(re, timeoutMs = 60_000) {
      for (const l of lines) {
        const m = re.exec(l);
        if (m) return Promise.resolve(m);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line ${re} within ${timeoutMs} ms:\n${output}`)),
          timeoutMs,
        );
        waiters.push({
          re,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
        void exit.then((code) => reject(new Error(`server exited (${code}) before ${re}:\n${output}`)));
      });
    },
  };
  running.push(server);
  return server;
}

const LISTENING = /^Amtsplatz server listening on (http:\/\/127\.0\.0\.1:\d+) /;

afterEach(() => {
  for (const s of running.splice(0))
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
});

async function adminJobs(url: string, token: string): Promise<AdminJob[]> {
  const res = await fetch(`${url}/api/admin/jobs`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /api/admin/jobs: ${res.status}`);
  return ((await res.json()) as { jobs: AdminJob[] }).jobs;
}

it('seals a Bescheid exactly once when the server is killed between the seal and the job’s completion', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-jobs-kill-'));
  const dataDir = join(dir, 'data');
  try {
    // The approval as the push leaves it: an approved Bescheid and its seal job, one transaction.
    await mkdir(dataDir);
    let db = await openPglite({ dataDir });
    await migrate(db);
    await seedAccounts(db);
    const { v, b } = await addBescheid(db);
    await db.transaction((tx) => enqueueSeal(tx, b.id));
    await db.close();

    const first = startServer(dataDir, { AMTSPLATZ_TEST_HOLD_JOBS_MS: '120000' });
    await first.line(/^Test hook: holding job \d+ \(seal-bescheid\)/, 90_000);
    first.child.kill('SIGKILL');
    await first.exit;

    const second = startServer(dataDir);
    const [, url] = await second.line(LISTENING, 90_000);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    await expect
      .poll(async () => (await adminJobs(url ?? '', token)).map((j) => j.state), { timeout: 60_000, interval: 250 })
      .toEqual(['done']);
    const [job] = await adminJobs(url ?? '', token);
    // Two runs: the killed one and the one that found the seal done.
    expect(job).toMatchObject({ kind: 'seal-bescheid', idempotencyKey: b.id, attempts: 2, lastError: null });
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);

    db = await openPglite({ dataDir });
    try {
      const sealed = await getBescheid(db, b.id);
      expect(sealed?.state).toBe('gesiegelt');
      const dokumente = await db.query<{ id: string }>(
        `SELECT id FROM dokumente WHERE vorgang_id = $1 AND doc->>'source' = 'bescheid'`,
        [v.id],
      );
      expect(dokumente.map((d) => d.id)).toEqual([sealed?.dokumentId]);
      const seals = (await journalEvents(db, v.id)).filter((e) => e.actorId === SEAL_ACTOR);
      expect(seals).toHaveLength(1);
    } finally {
      await db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 240_000);
