import { describe, expect, it } from 'vitest';
import { ipcChannels, type IpcResult } from '../../shared/contracts/ipc/index.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { createIpcDispatcher, registerIpcHandlers, type InvokeEvent, type IpcServices } from './ipc.ts';

const appFrame: InvokeEvent = { senderFrame: { url: 'app://amtsplatz/index.html', parent: null } };
const info = { version: '0.1.0', platform: 'linux', electron: '45.4.1' };
const services: IpcServices = {
  'app.info': () => info,
  'config.get': async () => ({ serverUrl: 'http://127.0.0.1:8080', sources: ['defaults'] }),
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
