import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/domain/sha256.ts';
import { MAX_DOKUMENT_BYTES } from '../../../shared/domain/file-names.ts';
import { selectPlatform } from './index.ts';
import type { AmtsplatzBridge } from './desktop.ts';
import { createDesktopPlatform } from './desktop.ts';

type Emit = (event: string, payload: unknown) => void;

function bridge(
  answers: Record<string, unknown>,
): AmtsplatzBridge & { calls: string[]; inputs: unknown[]; emit: Emit; listeners: () => number } {
  const calls: string[] = [];
  const inputs: unknown[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const invoke = (channel: string, input?: unknown) => {
    calls.push(channel);
    inputs.push(input);
    return Promise.resolve(answers[channel]);
  };
  const on = (event: string, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set.add(listener));
    return () => void set.delete(listener);
  };
  return {
    calls,
    inputs,
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    listeners: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
    // The doubles answer with deliberately malformed values, which the bridge's type rules out.
    invoke: invoke as unknown as AmtsplatzBridge['invoke'],
    on: on as unknown as AmtsplatzBridge['on'],
  };
}

describe('selectPlatform', () => {
  it('uses the web platform with the page origin as server when there is no bridge', async () => {
    const p = selectPlatform({ location: { origin: 'http://127.0.0.1:8099' } });
    expect(p.kind).toBe('web');
    expect(await p.getServerUrl()).toEqual({ ok: true, value: 'http://127.0.0.1:8099' });
  });

  it('ignores a bridge global that is not a bridge', () => {
    expect(selectPlatform({ amtsplatz: { invoke: 'nope' }, location: { origin: 'http://x' } }).kind).toBe('web');
    const invokeOnly = { invoke: () => Promise.resolve(undefined) };
    expect(selectPlatform({ amtsplatz: invokeOnly, location: { origin: 'http://x' } }).kind).toBe('web');
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

const pdf = new TextEncoder().encode('%PDF-1.7 Bescheid');
const vorgangId = '00000000-0000-4000-8000-000000000042';

describe('desktop platform: documents', () => {
  it('sends the sanitized name, bytes and their SHA-256 to main and returns its answer', async () => {
    const b = bridge({ 'file.save': { ok: true, value: { saved: true, path: '/home/u/Downloads/a.pdf' } } });
    const r = await createDesktopPlatform(b).saveFile({
      name: 'Bescheid 1/2',
      mediaType: 'application/pdf',
      bytes: pdf,
    });
    expect(r).toEqual({ ok: true, value: { saved: true, path: '/home/u/Downloads/a.pdf' } });
    expect(b.inputs[0]).toEqual({
      suggestedName: 'Bescheid 1_2.pdf',
      mediaType: 'application/pdf',
      bytes: pdf,
      sha256: await sha256Hex(pdf),
    });
  });

  it('accepts a Blob and checks a given hash before calling main', async () => {
    const b = bridge({ 'file.open': { ok: true, value: { opened: true } } });
    const p = createDesktopPlatform(b);
    const blob = new Blob([pdf], { type: 'application/pdf' });
    const good = await p.openFile({
      name: 'a.pdf',
      mediaType: 'application/pdf',
      bytes: blob,
      sha256: await sha256Hex(pdf),
    });
    expect(good).toEqual({ ok: true, value: { mode: 'viewer' } });
    const bad = await p.openFile({ name: 'a.pdf', mediaType: 'application/pdf', bytes: blob, sha256: 'f'.repeat(64) });
    expect(bad.ok ? undefined : bad.error.code).toBe('hash_mismatch');
    expect(b.calls).toEqual(['file.open']);
  });

  it('refuses forbidden types and oversized documents without sending them', async () => {
    const b = bridge({});
    const p = createDesktopPlatform(b);
    const exe = await p.openFile({ name: 'setup.exe', mediaType: 'application/x-msdownload', bytes: pdf });
    expect(exe.ok ? undefined : exe.error.code).toBe('unsupported_media_type');
    const huge = new Blob([new Uint8Array(MAX_DOKUMENT_BYTES + 1)]);
    const big = await p.saveFile({ name: 'a.pdf', mediaType: 'application/pdf', bytes: huge });
    expect(big.ok ? undefined : big.error.code).toBe('payload_too_large');
    expect(b.calls).toEqual([]);
  });

  it('passes main’s error codes through', async () => {
    const b = bridge({ 'file.save': { ok: false, error: { code: 'hash_mismatch', message: 'differs' } } });
    const r = await createDesktopPlatform(b).saveFile({ name: 'a', mediaType: 'text/plain', bytes: pdf });
    expect(r).toEqual({ ok: false, error: { code: 'hash_mismatch', message: 'differs' } });
  });

  it('returns picked files only when they match the contract', async () => {
    const file = { name: 'Lageplan.pdf', mediaType: 'application/pdf', bytes: pdf };
    const good = bridge({ 'file.pick': { ok: true, value: [file] } });
    expect(await createDesktopPlatform(good).pickFiles({ multiple: true })).toEqual({ ok: true, value: [file] });
    expect(good.inputs).toEqual([{ multiple: true }]);

    const pathy = bridge({ 'file.pick': { ok: true, value: [{ ...file, bytes: '/etc/passwd' }] } });
    const r = await createDesktopPlatform(pathy).pickFiles();
    expect(r.ok ? undefined : r.error.code).toBe('internal');
    expect(pathy.inputs).toEqual([{ multiple: false }]);
  });
});

describe('desktop platform: notifications', () => {
  const item = { vorgangId, aktenzeichen: 'A-1', date: '2026-11-23' };

  it('sends at most 100 items with the locale and returns how many were shown', async () => {
    const b = bridge({ 'notify.wiedervorlage': { ok: true, value: { shown: 100 } } });
    const items = Array.from({ length: 130 }, () => item);
    const r = await createDesktopPlatform(b).notifyWiedervorlage(items, { locale: 'en' });
    expect(r).toEqual({ ok: true, value: { shown: 100 } });
    const sent = b.inputs[0] as { items: unknown[]; locale: string };
    expect(sent.items).toHaveLength(100);
    expect(sent.locale).toBe('en');
  });

  it('delivers valid open-vorgang events until unsubscribed and drops malformed ones', () => {
    const b = bridge({});
    const opened: string[] = [];
    const off = createDesktopPlatform(b).onOpenVorgang((id) => opened.push(id));
    b.emit('open-vorgang', { vorgangId });
    b.emit('open-vorgang', { vorgangId: '../../admin' });
    b.emit('open-vorgang', undefined);
    off();
    b.emit('open-vorgang', { vorgangId });
    expect(opened).toEqual([vorgangId]);
    expect(b.listeners()).toBe(0);
  });

  it('needs no notification permission', async () => {
    const p = createDesktopPlatform(bridge({}));
    expect(p.notificationPermission()).toBe('granted');
    expect(await p.requestNotificationPermission()).toBe('granted');
  });
});
