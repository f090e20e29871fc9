import { spawn } from 'node:child_process';

/** Why a tool run gave no usable answer. */
export type ToolFailure = 'timeout' | 'aborted' | 'missing' | 'exit';

/** A tool run that did not succeed; the message names the tool, never the file's content. */
export class ToolError extends Error {
  readonly failure: ToolFailure;
  /** The tool's stderr, cut short: for telling an encrypted PDF from a broken one, not for logs. */
  readonly stderr: string;
  constructor(tool: string, failure: ToolFailure, stderr = '') {
    super(`${tool}: ${failure}`);
    this.name = 'ToolError';
    this.failure = failure;
    this.stderr = stderr;
  }
}

export interface ToolRun {
  stdout: Buffer;
  /** stdout reached maxStdoutBytes: the tool was stopped there and the output cut. */
  cut: boolean;
}

export interface ToolOptions {
  timeoutMs: number;
  maxStdoutBytes: number;
  signal?: AbortSignal | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

const MAX_STDERR_BYTES = 2048;

/**
 * Runs an external tool as a child process, never through a shell and never blocking the event
 * loop: killed (SIGKILL) after timeoutMs or when the signal aborts, its stdout collected up to
 * maxStdoutBytes (then the tool is stopped and the output marked cut). Rejects with a
 * ToolError; a non-zero exit status is one too.
 */
export function runTool(file: string, args: readonly string[], options: ToolOptions): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ToolError(file, 'aborted'));
      return;
    }
    const child = spawn(file, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let cut = false;
    let stderr = '';
    let outcome: ToolFailure | undefined;
    const stop = (why: ToolFailure | undefined) => {
      outcome ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (cut) return;
      const room = options.maxStdoutBytes - bytes;
      if (chunk.length >= room) {
        chunks.push(chunk.subarray(0, room));
        bytes += room;
        cut = true;
        // Enough read: the tool need not produce the rest.
        child.kill('SIGKILL');
        return;
      }
      chunks.push(chunk);
      bytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString('utf8').slice(0, MAX_STDERR_BYTES - stderr.length);
    });
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      done();
      reject(new ToolError(file, error.code === 'ENOENT' ? 'missing' : 'exit', stderr));
    });
    child.on('close', (code) => {
      done();
      if (outcome) reject(new ToolError(file, outcome, stderr));
      else if (cut || code === 0) resolve({ stdout: Buffer.concat(chunks), cut });
      else reject(new ToolError(file, 'exit', stderr));
    });
  });
}
