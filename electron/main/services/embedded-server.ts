import { access } from 'node:fs/promises';
import { APP_ORIGIN } from './app-origin.ts';
import { HealthTimeoutError, isPortInUse, waitForHealth } from './health.ts';
import type { LaunchServerProcess, ProcessExit, ServerProcess } from './server-process.ts';

/**
 * Runs the reference server next to the app for single-PC and demo installations: start,
 * wait until /api/health answers, report crashes, stop on quit. Loopback only.
 */

const HOST = '127.0.0.1';

export type EmbeddedServerErrorCode = 'entry_missing' | 'port_in_use' | 'exited_early' | 'start_timeout';

export class EmbeddedServerError extends Error {
  readonly code: EmbeddedServerErrorCode;
  constructor(code: EmbeddedServerErrorCode, message: string) {
    super(message);
    this.name = 'EmbeddedServerError';
    this.code = code;
  }
}

export interface EmbeddedServerOptions {
  entry: string;
  port: number;
  dataDir: string;
  demo: boolean;
  launch: LaunchServerProcess;
  /** First start creates and migrates the database: allow for a slow, busy machine. */
  readyTimeoutMs?: number;
  /** How long stop() waits after asking politely before it kills. */
  stopTimeoutMs?: number;
  /** Called when the server ends without stop() having been called. */
  onCrash?: (exit: ProcessExit) => void;
}

export interface EmbeddedServer {
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<ProcessExit>;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const url = `http://${HOST}:${options.port}`;
  try {
    await access(options.entry);
  } catch {
    throw new EmbeddedServerError(
      'entry_missing',
      `The embedded server is not installed (${options.entry} is missing)`,
    );
  }
  // Otherwise the health check below could be answered by whatever already listens there.
  if (await isPortInUse(HOST, options.port)) {
    throw new EmbeddedServerError(
      'port_in_use',
      `Port ${options.port} is already in use; set embeddedServer.port to a free port`,
    );
  }

  const args = ['--port', String(options.port), '--data', options.dataDir, '--cors-origin', APP_ORIGIN];
  if (options.demo) args.push('--demo');
  const child = options.launch({ entry: options.entry, args, env: {} });

  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const exitedEarly = new AbortController();
  void child.exited.then(() => exitedEarly.abort());
  try {
    await waitForHealth(url, { timeoutMs: readyTimeoutMs, signal: exitedEarly.signal });
  } catch (error) {
    if (exitedEarly.signal.aborted) {
      const exit = await child.exited;
      throw new EmbeddedServerError('exited_early', `The embedded server stopped during start (${describeExit(exit)})`);
    }
    await stopProcess(child, options.stopTimeoutMs);
    if (error instanceof HealthTimeoutError) throw new EmbeddedServerError('start_timeout', error.message);
    throw error;
  }

  let stopping: Promise<ProcessExit> | undefined;
  void child.exited.then((exit) => {
    if (stopping === undefined) options.onCrash?.(exit);
  });
  return {
    url,
    pid: child.pid,
    stop: () => (stopping ??= stopProcess(child, options.stopTimeoutMs)),
  };
}

async function stopProcess(child: ServerProcess, stopTimeoutMs = 5_000): Promise<ProcessExit> {
  child.kill(false);
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, stopTimeoutMs);
  });
  const first = await Promise.race([child.exited, forced]);
  clearTimeout(timer);
  if (first !== undefined) return first;
  child.kill(true);
  return child.exited;
}

export function describeExit(exit: ProcessExit): string {
  if (exit.error !== undefined) return `could not start: ${exit.error}`;
  if (exit.signal !== null) return `signal ${exit.signal}`;
  return `exit code ${exit.code ?? 'unknown'}`;
}
