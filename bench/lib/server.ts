import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningServer {
  url: string;
  /** Stops the server; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  root: string;
  port: number;
  dataDir: string;
  webRoot: string;
  demoCount: number;
  /** Upper bound for seeding and start-up. */
  startTimeoutMs: number;
  extraArgs?: readonly string[];
}

/**
 * Starts the reference server in demo mode and resolves with its URL once it prints
 * "listening on http://…". Its output is echoed with a prefix so seeding progress is visible.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const args = [
    'server/src/main.ts',
    '--demo',
    '--demo-count',
    String(opts.demoCount),
    // Rendering Antrag PDFs in the background would load the machine under measurement.
    '--demo-antraege',
    '0',
    '--port',
    String(opts.port),
    '--data',
    opts.dataDir,
    '--web-root',
    opts.webRoot,
    ...(opts.extraArgs ?? []),
  ];
  const child = spawn(process.execPath, args, { cwd: opts.root, stdio: ['ignore', 'pipe', 'pipe'] });
  // Whatever happens to this process (timeout, crash, process.exit mid-seeding), the server goes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      resolve();
    }),
  );
  const stop = once(() => stopProcess(child, exited));

  try {
    const url = await waitForListening(child, opts.startTimeoutMs);
    return { url, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`server did not report listening within ${timeoutMs} ms`))),
      timeoutMs,
    );
    const onLine = (stream: string) => (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        console.log(`  [server${stream}] ${line}`);
        const url = /listening on (https?:\/\/\S+)/.exec(line)?.[1];
        if (url) settle(() => resolve(url.replace(/\/$/, '')));
      }
    };
    child.stdout?.on('data', onLine(''));
    child.stderr?.on('data', onLine(':err'));
    child.once('exit', (code, signal) =>
      settle(() => reject(new Error(`server exited before listening (code ${code}, signal ${signal})`))),
    );
  });
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killTimer);
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let p: Promise<void> | undefined;
  return () => (p ??= fn());
}
