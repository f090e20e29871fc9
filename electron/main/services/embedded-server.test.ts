import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedServerError, startEmbeddedServer, type EmbeddedServer } from './embedded-server.ts';
import { isPortInUse } from './health.ts';
import { nodeLauncher, type LaunchServerProcess, type ProcessExit } from './server-process.ts';

const STAND_IN = join(import.meta.dirname, 'fixtures', 'stand-in-server.ts');

/** The real Node launcher (process.execPath is Node 24, which runs the .ts stand-in). */
const launcher = (mode: string): LaunchServerProcess => {
  const launch = nodeLauncher(process.execPath);
  return (spec) => launch({ ...spec, env: { ...spec.env, STAND_IN_MODE: mode } });
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startError(promise: Promise<unknown>): Promise<EmbeddedServerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmbeddedServerError);
  return error as EmbeddedServerError;
}

let dataDir: string;
let port: number;
let running: EmbeddedServer | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'amtsplatz-embedded-'));
  port = await freePort();
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

const base = () => ({ entry: STAND_IN, port, dataDir, demo: true, readyTimeoutMs: 20_000 });

describe('startEmbeddedServer', () => {
  it('starts the server, waits for health and stops it', async () => {
    running = await startEmbeddedServer({ ...base(), launch: launcher('healthy') });
    expect(running.url).toBe(`http://127.0.0.1:${port}`);
    expect(isAlive(running.pid)).toBe(true);
    const health = (await (await fetch(`${running.url}/api/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const args = JSON.parse(await readFile(join(dataDir, 'args.json'), 'utf8')) as Record<string, unknown>;
    expect(args).toEqual({ port: String(port), data: dataDir, demo: true, 'cors-origin': ['app://amtsplatz'] });

    const pid = running.pid;
    const exit = await running.stop();
    running = undefined;
    expect(exit.code).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(await isPortInUse('127.0.0.1', port)).toBe(false);
  });

  it('kills a server that ignores the polite stop request', async () => {
    running = await startEmbeddedServer({ ...base(), stopTimeoutMs: 300, launch: launcher('ignore-sigterm') });
    const pid = running.pid;
    const exit = await running.stop();
    running = undefined;
    expect(exit.signal).toBe('SIGKILL');
    expect(isAlive(pid)).toBe(false);
  });

  it('fails with start_timeout and stops the process when health never turns ok', async () => {
    let pid: number | undefined;
    const launch = launcher('never-healthy');
    const error = await startError(
      startEmbeddedServer({
        ...base(),
        readyTimeoutMs: 8_000,
        launch: (spec) => {
          const child = launch(spec);
          pid = child.pid;
          return child;
        },
      }),
    );
    expect(error.code).toBe('start_timeout');
    expect(error.message).toContain('HTTP 503');
    expect(isAlive(pid)).toBe(false);
  }, 30_000);

  it('fails with exited_early when the process dies during start', async () => {
    const error = await startError(startEmbeddedServer({ ...base(), launch: launcher('exit-immediately') }));
    expect(error.code).toBe('exited_early');
    expect(error.message).toContain('exit code 3');
  });

  it('surfaces a crash after the server was ready', async () => {
    const crashed = new Promise<ProcessExit>((resolve) => {
      void startEmbeddedServer({ ...base(), launch: launcher('crash-after-ready'), onCrash: resolve }).then(
        (server) => (running = server),
      );
    });
    expect((await crashed).code).toBe(7);
  });

  it('refuses a port that is already taken instead of talking to the wrong server', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const error = await startError(startEmbeddedServer({ ...base(), launch: launcher('healthy') }));
      expect(error.code).toBe('port_in_use');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('reports a missing server entry', async () => {
    const error = await startError(
      startEmbeddedServer({ ...base(), entry: join(dataDir, 'nope.mjs'), launch: launcher('healthy') }),
    );
    expect(error.code).toBe('entry_missing');
  });
});
