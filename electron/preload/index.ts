import { contextBridge, ipcRenderer } from 'electron';
import {
  BRIDGE_KEY,
  channelName,
  ipcChannels,
  type AmtsplatzBridge,
  type IpcResult,
} from '../../shared/contracts/ipc/index.ts';

/**
 * The renderer's only door to the main process. It forwards contract channels and nothing
 * else; every check that matters (sender, input schema) happens again in main.
 */
const allowed: ReadonlySet<string> = new Set(ipcChannels);

const bridge: AmtsplatzBridge = {
  invoke(channel, ...input) {
    if (!allowed.has(channel)) {
      const refused: IpcResult<never> = {
        ok: false,
        error: { code: 'bad_request', message: `Unknown IPC channel "${String(channel)}"` },
      };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(channelName(channel), ...input);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
