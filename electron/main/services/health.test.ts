import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthTimeoutError, waitForHealth } from './health.ts';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Serves /api/health with the given handler per request number (0-based). */
async function serve(handler: (n: number, end: (status: number, body?: string) => void) => void): Promise<string> {
  let n = 0;
  const s = createServer((_req, res) => {
    handler(n++, (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
  });
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const OK = JSON.stringify({ status: 'ok', version: '1.0.0', database: 'pglite' });

describe('waitForHealth', () => {
  it('returns the health body once the server answers 200', async () => {
    const url = await serve((n, end) => (n < 2 ? end(503) : end(200, OK)));
    const health = await waitForHealth(url, { timeoutMs: 5_000, intervalMs: 10 });
    expect(health.status).toBe('ok');
  });

  it('refuses a 200 that is not our health contract', async () => {
    const url = await serve((_n, end) => end(200, JSON.stringify({ hello: 'world' })));
    const error = await waitForHealth(url, { timeoutMs: 300, intervalMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HealthTimeoutError);
    expect((error as Error).message).toContain('health contract');
  });

  it('keeps the last real answer when the final probe is cut short by the deadline', async () => {
    // First probe answers 503, every later probe hangs until the deadline aborts it.
    const url = await serve((n, end) => {
      if (n === 0) end(503);
    });
    const error = await waitForHealth(url, { timeoutMs: 600, intervalMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HealthTimeoutError);
    expect((error as Error).message).toContain('HTTP 503');
  });

  it('reports a timeout when the server never answered at all', async () => {
    const url = await serve(() => undefined);
    const error = await waitForHealth(url, { timeoutMs: 300, intervalMs: 10 }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('request timed out');
  });

  it('names the connection error when nothing listens', async () => {
    const url = await serve((_n, end) => end(200, OK));
    server?.close();
    server = undefined;
    const error = await waitForHealth(url, { timeoutMs: 300, intervalMs: 10 }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});
