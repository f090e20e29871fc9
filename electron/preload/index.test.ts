import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AmtsplatzBridge } from '../../shared/contracts/ipc/index.ts';

// The Electron binary cannot run here; the preload is exercised against stand-ins for the two
// Electron objects it touches, which record what it registers.
const electron = vi.hoisted(() => {
  type Listener = (event: unknown, payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  return {
    listeners,
    exposed,
    invoked,
    emit(channel: string, payload: unknown) {
      for (const l of listeners.get(channel) ?? []) l({ sender: 'secret webContents' }, payload);
    },
    module: {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, value: 'answer' })),
        on: (channel: string, l: Listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
        removeListener: (channel: string, l: Listener) => listeners.get(channel)?.delete(l),
      },
    },
  };
});
vi.mock('electron', () => electron.module);

let bridge: AmtsplatzBridge;
beforeEach(async () => {
  await import('./index.ts');
  bridge = electron.exposed.get('amtsplatz') as AmtsplatzBridge;
});

describe('preload bridge', () => {
  it('exposes itself as window.amtsplatz', () => {
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('forwards contract channels with their input and refuses others without calling main', async () => {
    const input = { items: [] };
    expect(await bridge.invoke('notify.wiedervorlage', input)).toEqual({ ok: true, value: 'answer' });
    expect(electron.invoked).toEqual([['amtsplatz:notify.wiedervorlage', input]]);
    const refused = await (bridge.invoke as (c: string) => Promise<unknown>)('shell.openExternal');
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(electron.invoked).toHaveLength(1);
  });

  it('delivers only the payload of contract events until unsubscribed', () => {
    const got: unknown[] = [];
    const off = bridge.on('open-vorgang', (p) => got.push(p));
    electron.emit('amtsplatz:event:open-vorgang', { vorgangId: 'v1' });
    off();
    electron.emit('amtsplatz:event:open-vorgang', { vorgangId: 'v2' });
    expect(got).toEqual([{ vorgangId: 'v1' }]);
    expect(electron.listeners.get('amtsplatz:event:open-vorgang')?.size).toBe(0);
  });

  it('subscribes to nothing for an unknown event', () => {
    const off = (bridge.on as (e: string, l: () => void) => () => unknown)('update-available', () => undefined);
    expect(electron.listeners.has('amtsplatz:event:update-available')).toBe(false);
    expect(off()).toBeUndefined();
  });
});
