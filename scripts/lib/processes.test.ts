import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { exitOf, stopChild } from './processes.ts';

// This file spawns processes: on a loaded 2-core machine that takes longer than vitest's 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

/** A real Node child that prints "ready" once its SIGTERM handling is in place. */
function child(onSigterm: 'exit' | 'ignore') {
  const code = `process.on('SIGTERM', () => { ${onSigterm === 'exit' ? 'process.exit(0)' : ''} });
    setInterval(() => {}, 1000); console.log('ready');`;
  const proc = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
  return { proc, ready };
}

describe('stopChild', () => {
  it('stops a child politely', async () => {
    const { proc, ready } = child('exit');
    await ready;
    expect(await stopChild(proc)).toEqual({ code: 0, signal: null });
  });

  it('kills a child that ignores SIGTERM', async () => {
    const { proc, ready } = child('ignore');
    await ready;
    expect(await stopChild(proc, 200)).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('returns the exit of a child that has already ended', async () => {
    const proc = spawn(process.execPath, ['-e', 'process.exit(4)']);
    await exitOf(proc);
    expect(await stopChild(proc)).toEqual({ code: 4, signal: null });
  });
});
