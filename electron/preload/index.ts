import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_KEY,
  channelName,
  eventChannelName,
  ipcChannels,
  ipcEventNames,
  type AmtsplatzBridge,
  type IpcChannel,
  type IpcEventPayload,
  type IpcResult,
} from '../../shared/contracts/ipc/index.ts';

/**
 * The renderer's only door to the main process. It forwards contract channels and events and
 * nothing else; every check that matters (sender, input schema) happens again in main, and
 * the renderer validates what comes back.
 */
const allowed: ReadonlySet<string> = new Set(ipcChannels);
const allowedEvents: ReadonlySet<string> = new Set(ipcEventNames);

/** The page may call the bridge with anything, whatever the contract's types say. */
const isAllowedChannel = (channel: unknown): channel is IpcChannel =>
  typeof channel === 'string' && allowed.has(channel);

const bridge: AmtsplatzBridge = {
  invoke(channel: unknown, ...input) {
    if (!isAllowedChannel(channel)) {
      const refused: IpcResult<never> = {
        ok: false,
        error: { code: 'bad_request', message: `Unknown IPC channel "${String(channel)}"` },
      };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(channelName(channel), ...input);
  },
  on(event, listener) {
    if (!allowedEvents.has(event)) return () => undefined;
    const channel = eventChannelName(event);
    // Only the payload crosses: Electron's event object would hand the page `sender`.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as IpcEventPayload<typeof event>);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
