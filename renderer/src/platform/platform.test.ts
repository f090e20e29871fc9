import { describe, expect, it } from 'vitest';
import { selectPlatform } from './index.ts';
import type { AmtsplatzBridge } from './desktop.ts';

function bridge(answers: Record<string, unknown>): AmtsplatzBridge & { calls: string[] } {
  const calls: string[] = [];
  const invoke = (channel: string) => {
    calls.push(channel);
    return Promise.resolve(answers[channel]);
  };
  // The doubles answer with deliberately malformed values, which the bridge's type rules out.
  return { calls, invoke: invoke as unknown as AmtsplatzBridge['invoke'] };
}

describe('selectPlatform', () => {
  it('uses the web platform with the page origin as server when there is no bridge', async () => {
    const p = selectPlatform({ location: { origin: 'http://127.0.0.1:8099' } });
    expect(p.kind).toBe('web');
    expect(await p.getServerUrl()).toEqual({ ok: true, value: 'http://127.0.0.1:8099' });
  });

  it('ignores a bridge global that is not a bridge', () => {
    expect(selectPlatform({ amtsplatz: { invoke: 'nope' }, location: { origin: 'http://x' } }).kind).toBe('web');
  });

  it('asks the main process for the server URL when the preload bridge exists', async () => {
    const b = bridge({
      'config.get': { ok: true, value: { serverUrl: 'http://127.0.0.1:8455/', sources: ['default'] } },
    });
    const p = selectPlatform({ amtsplatz: b, location: { origin: 'file://' } });
    expect(p.kind).toBe('desktop');
    expect(await p.getServerUrl()).toEqual({ ok: true, value: 'http://127.0.0.1:8455' });
    expect(b.calls).toEqual(['config.get']);
  });

  it('passes on error envelopes from main with a known code', async () => {
    const b = bridge({ 'app.info': { ok: false, error: { code: 'forbidden', message: 'sender not allowed' } } });
    const r = await selectPlatform({ amtsplatz: b, location: { origin: 'file://' } }).appInfo();
    expect(r).toEqual({ ok: false, error: { code: 'forbidden', message: 'sender not allowed' } });
  });

  it('turns malformed answers from main into an internal error instead of trusting them', async () => {
    const b = bridge({ 'app.info': { ok: true, value: { version: 1 } } });
    const r = await selectPlatform({ amtsplatz: b, location: { origin: 'file://' } }).appInfo();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('internal');
  });

  it('reads the version from the server health endpoint in web mode', async () => {
    const { createWebPlatform } = await import('./web.ts');
    const fakeFetch = (() =>
      Promise.resolve(
        new Response(JSON.stringify({ status: 'ok', version: '0.1.0', database: 'pglite' })),
      )) as typeof fetch;
    const r = await createWebPlatform('http://127.0.0.1:8099', fakeFetch).appInfo();
    expect(r).toEqual({ ok: true, value: { version: '0.1.0', platform: 'web', electron: null } });
  });
});
