/**
 * `npm start`: build, start the reference server in demo mode on embedded PGlite, then open
 * the desktop app against it, or, where Electron cannot run, keep serving the web UI.
 * Plain Node (no electron import): it must work on machines without the Electron binary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { APP_ORIGIN } from '../electron/main/services/app-origin.ts';
import { isPortInUse, waitForHealth } from '../electron/main/services/health.ts';
import { BINARY_NOT_DOWNLOADED, detectElectron, fetchElectronBinary } from './lib/electron-binary.ts';
import { exitOf, stopChild } from './lib/processes.ts';
import { parseStartArgs, START_USAGE, UsageError, type StartOptions } from './lib/start-args.ts';

const ROOT = resolve(import.meta.dirname, '..');
const HOST = '127.0.0.1';
/** First start creates, migrates and seeds the demo database; a busy 2-core machine is slow. */
const SERVER_READY_TIMEOUT_MS = 180_000;
/** An Electron that dies this soon with an error never got a window up. */
const ELECTRON_STARTUP_MS = 5_000;
/** The binary is about 100 MB; a slow office line needs a while. */
const ELECTRON_DOWNLOAD_TIMEOUT_MS = 600_000;

/**
 * Long-running children get their own process group so that Ctrl+C reaches only this script,
 * which then sends exactly one SIGTERM: the server treats a second signal as "exit now" and
 * would skip closing its database. (On Windows `detached` would open a console window.)
 */
const OWN_GROUP = process.platform !== 'win32';

const children = new Set<ChildProcess>();
let shuttingDown: Promise<never> | undefined;

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  void exitOf(child).then(() => children.delete(child));
  return child;
}

/** Stops every child, then exits. Idempotent: the first caller's exit code wins. */
function shutdown(exitCode: number): Promise<never> {
  shuttingDown ??= Promise.all([...children].map((child) => stopChild(child))).then(() => process.exit(exitCode));
  return shuttingDown;
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.on(signal, () => void shutdown(code));
}

async function build(): Promise<void> {
  const cli = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const child = track(spawn(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' }));
  const exit = await exitOf(child);
  if (shuttingDown) return shuttingDown;
  if (exit.code !== 0) {
    console.error(`electron-vite build failed (${exit.signal ?? `exit code ${exit.code}`}); nothing started.`);
    return shutdown(1);
  }
}

async function startServer(options: StartOptions, url: string): Promise<ChildProcess> {
  if (await isPortInUse(HOST, options.port)) {
    console.error(`Port ${options.port} is already in use; choose another with --port <n> or AMTSPLATZ_PORT.`);
    return shutdown(1);
  }
  const args = [
    'server/src/main.ts',
    '--demo',
    '--port',
    String(options.port),
    '--data',
    options.dataDir,
    '--log-level',
    'warn',
  ];
  // The desktop app calls the API from its app:// origin; the web UI is same-origin.
  args.push('--web-root', 'out/renderer', '--cors-origin', APP_ORIGIN);
  const server = track(spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', detached: OWN_GROUP }));
  const stopped = new AbortController();
  void exitOf(server).then((exit) => {
    stopped.abort();
    if (shuttingDown) return;
    console.error(`The server stopped (${exit.signal ?? `exit code ${exit.code}`}).`);
    void shutdown(1);
  });
  try {
    await waitForHealth(url, { timeoutMs: SERVER_READY_TIMEOUT_MS, signal: stopped.signal });
  } catch (error) {
    // An exit was reported by the handler above; anything else (timeout) is reported here.
    if (!stopped.signal.aborted) console.error(`The server did not become ready: ${(error as Error).message}`);
    return shutdown(1);
  }
  return server;
}

/** Resolves true once Electron has run past its start-up, false if it failed early. */
async function startElectron(binary: string, serverUrl: string): Promise<boolean> {
  const env: NodeJS.ProcessEnv = { ...process.env, AMTSPLATZ_SERVER_URL: serverUrl };
  delete env['ELECTRON_RUN_AS_NODE'];
  const electron = track(spawn(binary, ['.'], { cwd: ROOT, stdio: 'inherit', env, detached: OWN_GROUP }));
  const exited = exitOf(electron);
  let timer: NodeJS.Timeout | undefined;
  const settled = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ELECTRON_STARTUP_MS);
  });
  const early = await Promise.race([exited, settled]);
  clearTimeout(timer);
  if (early !== undefined && early.code !== 0) {
    console.log(
      `Electron could not start (${early.signal ?? `exit code ${early.code}`}); serving the web UI instead: ${serverUrl}/`,
    );
    return false;
  }
  // The desktop app is the session: closing it ends `npm start`.
  void exited.then((exit) => void shutdown(exit.code ?? 0));
  return true;
}

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${START_USAGE}`);
    process.exit(2);
  }
  const url = `http://${HOST}:${options.port}`;

  if (options.build) await build();
  await startServer(options, url);

  if (options.web) {
    console.log(`Serving the web UI: ${url}/ (Ctrl+C to stop)`);
    return;
  }
  const electronDir = join(ROOT, 'node_modules', 'electron');
  let electron = detectElectron(electronDir, process.env, process.platform);
  if (!electron.available && electron.reason === BINARY_NOT_DOWNLOADED) {
    console.log('Fetching the Electron binary (first start) …');
    const fetched = fetchElectronBinary(electronDir, process.env, ELECTRON_DOWNLOAD_TIMEOUT_MS);
    electron = fetched.ok
      ? detectElectron(electronDir, process.env, process.platform)
      : { available: false, reason: fetched.reason };
  }
  if (!electron.available) {
    console.log(`Electron is not available on this machine (${electron.reason}); serving the web UI instead: ${url}/`);
    return;
  }
  if (await startElectron(electron.binary, url)) console.log(`Desktop app started against ${url}`);
}

main().catch((error: unknown) => {
  console.error(error);
  void shutdown(1);
});
