import { spawn } from 'node:child_process';

export interface ProcessExit {
  code: number | null;
  signal: string | null;
  /** Set when the process could not be started at all (e.g. ENOENT). */
  error?: string;
}

/** A running server process, whichever API started it (child_process or utilityProcess). */
export interface ServerProcess {
  readonly pid: number | undefined;
  /** Settles once, when the process has ended. */
  readonly exited: Promise<ProcessExit>;
  /** Asks the process to stop; `force` kills it without giving it a chance to clean up. */
  kill(force: boolean): void;
}

export interface LaunchSpec {
  /** JavaScript/TypeScript entry file of the server. */
  entry: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
}

export type LaunchServerProcess = (spec: LaunchSpec) => ServerProcess;

/**
 * Starts the entry with a Node binary. Used in development (Node 24 runs the TypeScript
 * server directly) and by the tests; the packaged app uses Electron's utilityProcess
 * instead because the runAsNode fuse is off.
 */
export function nodeLauncher(nodeBinary: string): LaunchServerProcess {
  return (spec) => {
    const child = spawn(nodeBinary, [spec.entry, ...spec.args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...spec.env },
    });
    const exited = new Promise<ProcessExit>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', (error) => resolve({ code: null, signal: null, error: error.message }));
    });
    return {
      pid: child.pid,
      exited,
      kill: (force) => {
        child.kill(force ? 'SIGKILL' : 'SIGTERM');
      },
    };
  };
}
