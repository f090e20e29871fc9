import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the throw-away PostgreSQL, or null when PostgreSQL tests are skipped. */
    pgAdminUrl: string | null;
  }
}

const run = promisify(execFile);
const PG_BIN = process.env.AMTSPLATZ_PG_BIN ?? '/usr/lib/postgresql/15/bin';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: run its tools as the postgres OS user then. */
function asPostgres(bin: string, args: string[]): [string, string[]] {
  const tool = join(PG_BIN, bin);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', tool, ...args]] : [tool, args];
}

async function pgTool(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] = asPostgres(bin, args);
  await run(cmd, argv, { timeout: 60_000 });
}

/**
 * Starts a throw-away PostgreSQL 15 on a free loopback port for the server tests; each test
 * file creates its own databases in it (server/test/backends.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    const message = `PostgreSQL binaries not found in ${PG_BIN} (set AMTSPLATZ_PG_BIN)`;
    if (process.env.CI === 'true') throw new Error(`${message}; the PostgreSQL backend tests are required in CI`);
    console.warn(`\n!!! ${message}: SKIPPING every PostgreSQL variant of the server tests !!!\n`);
    project.provide('pgAdminUrl', null);
    return async () => undefined;
  }

  const dir = await mkdtemp(join(tmpdir(), 'amtsplatz-pg-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  await mkdir(socketDir);
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    for (const d of [dir, socketDir]) await chown(d, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  await pgTool('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const options = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  await pgTool('pg_ctl', ['start', '-w', '-D', dataDir, '-l', join(dir, 'postgres.log'), '-o', options]);
  project.provide('pgAdminUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);

  return async () => {
    try {
      await pgTool('pg_ctl', ['stop', '-w', '-m', 'fast', '-D', dataDir]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}
