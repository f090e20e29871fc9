import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ipcChannels, type IpcResult } from '../../shared/contracts/ipc/index.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { MAX_DOKUMENT_BYTES } from '../../shared/domain/file-names.ts';
import { createIpcDispatcher, registerIpcHandlers, sendIpcEvent, type InvokeEvent, type IpcServices } from './ipc.ts';
import { createFileService } from './services/file-service.ts';
import { createNotificationService } from './services/notifications.ts';

const appFrame: InvokeEvent = { senderFrame: { url: 'app://amtsplatz/index.html', parent: null } };
const info = { version: '0.1.0', platform: 'linux', electron: '45.4.1' };
const services: IpcServices = {
  'app.info': () => info,
  'config.get': async () => ({ serverUrl: 'http://127.0.0.1:8080', sources: ['defaults'] }),
  'file.save': () => ({ saved: false }),
  'file.open': () => ({ opened: true }),
  'file.pick': () => [],
  'notify.wiedervorlage': () => ({ shown: 0 }),
  'signing.status': () => ({ state: 'none' }),
  'signing.import': () => ({ imported: false, reason: 'canceled' }),
  'signing.remove': () => ({ removed: false }),
};

function setup(overrides: Partial<IpcServices> = {}) {
  const logged: string[] = [];
  const dispatch = createIpcDispatcher({ ...services, ...overrides }, (m) => logged.push(m));
  return { dispatch, logged };
}

const errorCode = (result: IpcResult<unknown>) => (result.ok ? undefined : result.error.code);

describe('IPC dispatcher', () => {
  it('answers a valid call from the app window with the service value', async () => {
    const { dispatch } = setup();
    expect(await dispatch('amtsplatz:app.info', appFrame, undefined)).toEqual({ ok: true, value: info });
    expect(await dispatch('amtsplatz:config.get', appFrame, undefined)).toEqual({
      ok: true,
      value: { serverUrl: 'http://127.0.0.1:8080', sources: ['defaults'] },
    });
  });

  it('rejects channels outside the prefix or the contract', async () => {
    const { dispatch } = setup();
    for (const channel of ['app.info', 'other:app.info', 'amtsplatz:nope', 'amtsplatz:toString', 'amtsplatz:']) {
      expect(errorCode(await dispatch(channel, appFrame, undefined)), channel).toBe('bad_request');
    }
  });

  it('rejects senders that are not the app’s top-level frame', async () => {
    const { dispatch, logged } = setup();
    const untrusted: InvokeEvent[] = [
      { senderFrame: null },
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'app://amtsplatz/index.html', parent: {} } },
      { senderFrame: { url: 'app://amtsplatz.evil.example/', parent: null } },
      { senderFrame: { url: 'file:///tmp/index.html', parent: null } },
    ];
    for (const event of untrusted) {
      expect(errorCode(await dispatch('amtsplatz:app.info', event, undefined))).toBe('forbidden');
    }
    expect(logged).toHaveLength(untrusted.length);
  });

  it('rejects input that does not match the contract, without calling the service', async () => {
    let called = false;
    const { dispatch } = setup({ 'app.info': () => ((called = true), info) });
    const result = await dispatch('amtsplatz:app.info', appFrame, { sneaky: true });
    expect(errorCode(result)).toBe('validation_failed');
    expect(called).toBe(false);
  });

  it('turns a throwing service into an internal error envelope without its message', async () => {
    const { dispatch, logged } = setup({
      'app.info': () => {
        throw new Error('disk exploded at /home/erika.mustermann');
      },
    });
    const result = await dispatch('amtsplatz:app.info', appFrame, undefined);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'app.info failed' } });
    expect(logged[0]).toContain('app.info failed');
  });

  it('passes a DomainError’s code and message through', async () => {
    const { dispatch } = setup({
      'config.get': () => Promise.reject(new DomainError('not_found', 'no configuration')),
    });
    expect(await dispatch('amtsplatz:config.get', appFrame, undefined)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no configuration' },
    });
  });

  it('refuses service output that breaks the contract and strips undeclared fields', async () => {
    const broken = setup({ 'app.info': () => ({ version: 1 }) as unknown as typeof info });
    expect(errorCode(await broken.dispatch('amtsplatz:app.info', appFrame, undefined))).toBe('internal');

    const leaky = setup({ 'app.info': () => ({ ...info, secret: 'token' }) });
    expect(await leaky.dispatch('amtsplatz:app.info', appFrame, undefined)).toEqual({ ok: true, value: info });
  });
});

describe('registerIpcHandlers', () => {
  it('registers one prefixed handler per contract entry, each dispatching its own channel', async () => {
    const handlers = new Map<string, (event: InvokeEvent, input: unknown) => Promise<IpcResult<unknown>>>();
    registerIpcHandlers({ handle: (channel, listener) => handlers.set(channel, listener) }, services);
    expect([...handlers.keys()].sort()).toEqual(ipcChannels.map((c) => `amtsplatz:${c}`).sort());
    const result = await handlers.get('amtsplatz:app.info')?.(appFrame, undefined);
    expect(result).toEqual({ ok: true, value: info });
  });
});

const pdf = new TextEncoder().encode('%PDF-1.7');
const pdfHash = createHash('sha256').update(pdf).digest('hex');
const vorgangId = '00000000-0000-4000-8000-000000000042';

describe('IPC contract checks for documents and notifications', () => {
  it('refuses malformed document input before the service runs', async () => {
    let calls = 0;
    const { dispatch } = setup({ 'file.save': () => (calls++, { saved: true }) });
    const valid = { suggestedName: 'a.pdf', mediaType: 'application/pdf', bytes: pdf, sha256: pdfHash };
    const invalid: unknown[] = [
      undefined,
      { ...valid, bytes: [37, 80, 68, 70] },
      { ...valid, bytes: 'JVBERi0=' },
      { ...valid, bytes: new Uint16Array(4) },
      { ...valid, bytes: new Uint8Array(MAX_DOKUMENT_BYTES + 1) },
      { ...valid, sha256: pdfHash.toUpperCase() },
      { ...valid, mediaType: '' },
    ];
    for (const input of invalid) {
      expect(errorCode(await dispatch('amtsplatz:file.save', appFrame, input))).toBe('validation_failed');
    }
    expect(calls).toBe(0);
    expect(await dispatch('amtsplatz:file.save', appFrame, valid)).toEqual({ ok: true, value: { saved: true } });
    // A Buffer is a Uint8Array: what main's own code and Electron's deserializer hand over.
    expect((await dispatch('amtsplatz:file.save', appFrame, { ...valid, bytes: Buffer.from(pdf) })).ok).toBe(true);
  });

  it('limits a notification batch to 100 valid items', async () => {
    const { dispatch } = setup({ 'notify.wiedervorlage': ({ items }) => ({ shown: items.length }) });
    const item = { vorgangId, aktenzeichen: 'A-1', date: '2026-11-23' };
    const many = Array.from({ length: 101 }, () => item);
    expect(errorCode(await dispatch('amtsplatz:notify.wiedervorlage', appFrame, { items: many }))).toBe(
      'validation_failed',
    );
    for (const bad of [
      { ...item, vorgangId: 'x' },
      { ...item, date: '2026-02-30' },
      { ...item, aktenzeichen: '' },
    ]) {
      expect(errorCode(await dispatch('amtsplatz:notify.wiedervorlage', appFrame, { items: [bad] }))).toBe(
        'validation_failed',
      );
    }
    expect(await dispatch('amtsplatz:notify.wiedervorlage', appFrame, { items: many.slice(1) })).toEqual({
      ok: true,
      value: { shown: 100 },
    });
  });

  it('refuses picked files that break the contract instead of passing them on', async () => {
    const { dispatch } = setup({
      'file.pick': () => [{ name: 'x.exe', mediaType: 'application/x-msdownload' as 'application/pdf', bytes: pdf }],
    });
    expect(errorCode(await dispatch('amtsplatz:file.pick', appFrame, { multiple: true }))).toBe('internal');
  });
});

describe('IPC with the real services', () => {
  const roots: string[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });

  function realServices() {
    const root = mkdtempSync(join(tmpdir(), 'amtsplatz-ipc-'));
    roots.push(root);
    const opened: string[] = [];
    const clicks: (string | null)[] = [];
    const shown: { title: string; body: string; click?: () => void }[] = [];
    const files = createFileService({
      dialogs: {
        showSaveDialog: () => Promise.resolve({ canceled: false, filePath: join(root, 'out.pdf') }),
        showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      },
      shell: { openPath: (p) => (opened.push(p), Promise.resolve('')) },
      downloadsDir: root,
      openDir: join(root, 'open'),
    });
    const notifications = createNotificationService({
      create: (o) => {
        const entry: (typeof shown)[number] = { ...o };
        shown.push(entry);
        return { on: (e, l) => (e === 'click' ? (entry.click = l) : undefined), show: () => undefined };
      },
      isSupported: () => true,
      onClick: (id) => clicks.push(id),
    });
    const { dispatch } = setup({
      'file.save': (i) => files.save(i),
      'file.open': (i) => files.open(i),
      'file.pick': (i) => files.pick(i),
      'notify.wiedervorlage': (i) => notifications.notifyWiedervorlage(i),
    });
    return { root, dispatch, opened, shown, clicks };
  }

  it('saves, opens and refuses through the dispatcher with contract error codes', async () => {
    const s = realServices();
    const input = { suggestedName: 'Bescheid', mediaType: 'application/pdf', bytes: pdf, sha256: pdfHash };
    expect(await s.dispatch('amtsplatz:file.save', appFrame, input)).toEqual({
      ok: true,
      value: { saved: true, path: join(s.root, 'out.pdf') },
    });
    expect(await readFile(join(s.root, 'out.pdf'))).toEqual(Buffer.from(pdf));

    const open = { name: 'Bescheid', mediaType: 'application/pdf', bytes: pdf, sha256: pdfHash };
    expect(await s.dispatch('amtsplatz:file.open', appFrame, open)).toEqual({ ok: true, value: { opened: true } });
    expect(s.opened[0]?.endsWith('Bescheid.pdf')).toBe(true);

    const exe = { ...open, name: 'setup.exe', mediaType: 'application/x-msdownload' };
    expect(errorCode(await s.dispatch('amtsplatz:file.open', appFrame, exe))).toBe('unsupported_media_type');
    const tampered = { ...open, sha256: '0'.repeat(64) };
    expect(errorCode(await s.dispatch('amtsplatz:file.open', appFrame, tampered))).toBe('hash_mismatch');
    expect(s.opened).toHaveLength(1);

    expect(await s.dispatch('amtsplatz:file.pick', appFrame, undefined)).toEqual({ ok: true, value: [] });
  });

  it('notifies once per item and reports the click', async () => {
    const s = realServices();
    const items = [{ vorgangId, aktenzeichen: '32.10.05-2026/00042', date: '2026-11-23' }];
    expect(await s.dispatch('amtsplatz:notify.wiedervorlage', appFrame, { items })).toEqual({
      ok: true,
      value: { shown: 1 },
    });
    expect(await s.dispatch('amtsplatz:notify.wiedervorlage', appFrame, { items })).toEqual({
      ok: true,
      value: { shown: 0 },
    });
    expect(s.shown).toMatchObject([{ title: 'Wiedervorlage fällig', body: 'Vorgang 32.10.05-2026/00042' }]);
    s.shown[0]?.click?.();
    expect(s.clicks).toEqual([vorgangId]);
  });
});

describe('sendIpcEvent', () => {
  it('sends a contract event on its prefixed channel with only the declared fields', () => {
    const sent: [string, unknown][] = [];
    const sink = { send: (channel: string, payload: unknown) => void sent.push([channel, payload]) };
    const leaky = { vorgangId, aktenzeichen: 'A-1' } as { vorgangId: string };
    expect(sendIpcEvent(sink, 'open-vorgang', leaky)).toBe(true);
    expect(sent).toEqual([['amtsplatz:event:open-vorgang', { vorgangId }]]);
  });

  it('drops and logs a payload that breaks the contract', () => {
    const sent: unknown[] = [];
    const logged: string[] = [];
    const ok = sendIpcEvent({ send: (...a) => void sent.push(a) }, 'open-vorgang', { vorgangId: 'nope' }, (m) =>
      logged.push(m),
    );
    expect(ok).toBe(false);
    expect(sent).toEqual([]);
    expect(logged).toHaveLength(1);
  });
});
