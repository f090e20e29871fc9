import { z } from 'zod';
import { ERROR_CODES, type AppError, type ErrorCode, type Result } from '../../../shared/domain/errors.ts';
import {
  MAX_NOTIFY_ITEMS,
  ipcContract,
  ipcError,
  ipcEvents,
  type AmtsplatzBridge,
  type IpcChannel,
  type IpcInvokeArgs,
  type IpcOutput,
} from '../../../shared/contracts/ipc/index.ts';
import { checkFile } from './files.ts';
import type { Platform, PlatformAppInfo } from './types.ts';

export type { AmtsplatzBridge } from '../../../shared/contracts/ipc/index.ts';

const envelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ipcError }),
]);

function toAppError(e: { code: string; message: string }): AppError {
  const code = (ERROR_CODES as readonly string[]).includes(e.code) ? (e.code as ErrorCode) : 'internal';
  return { code, message: e.message };
}

/**
 * Calls a main-process service and checks the answer against the shared contract, so a
 * broken or hostile main/preload cannot hand the renderer data of the wrong shape.
 */
export async function invoke<C extends IpcChannel>(
  bridge: AmtsplatzBridge,
  channel: C,
  ...input: IpcInvokeArgs<C>
): Promise<Result<IpcOutput<C>>> {
  let raw: unknown;
  try {
    // Re-validated below: the bridge's declared type is a promise, not a guarantee.
    raw = await (bridge.invoke as (c: IpcChannel, ...i: unknown[]) => Promise<unknown>)(channel, ...input);
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: `IPC ${channel} failed: ${String(e)}` } };
  }
  const env = envelope.safeParse(raw);
  if (!env.success) return { ok: false, error: { code: 'internal', message: `IPC ${channel}: malformed answer` } };
  if (!env.data.ok) return { ok: false, error: toAppError(env.data.error) };
  const value = ipcContract[channel].output.safeParse(env.data.value);
  if (!value.success) return { ok: false, error: { code: 'internal', message: `IPC ${channel}: unexpected value` } };
  return { ok: true, value: value.data as IpcOutput<C> };
}

export function createDesktopPlatform(bridge: AmtsplatzBridge): Platform {
  return {
    kind: 'desktop',
    async getServerUrl() {
      const r = await invoke(bridge, 'config.get');
      return r.ok ? { ok: true, value: r.value.serverUrl.replace(/\/+$/, '') } : r;
    },
    async appInfo(): Promise<Result<PlatformAppInfo>> {
      const r = await invoke(bridge, 'app.info');
      return r.ok ? { ok: true, value: { ...r.value } } : r;
    },

    async saveFile(file) {
      const checked = await checkFile(file);
      if (!checked.ok) return checked;
      const { name, mediaType, bytes, sha256 } = checked.value;
      return invoke(bridge, 'file.save', { suggestedName: name, mediaType, bytes, sha256 });
    },
    async openFile(file) {
      const checked = await checkFile(file);
      if (!checked.ok) return checked;
      const r = await invoke(bridge, 'file.open', checked.value);
      return r.ok ? { ok: true, value: { mode: 'viewer' } } : r;
    },
    pickFiles(options) {
      return invoke(bridge, 'file.pick', { multiple: options?.multiple ?? false });
    },

    notifyWiedervorlage(items, options) {
      return invoke(bridge, 'notify.wiedervorlage', {
        items: items.slice(0, MAX_NOTIFY_ITEMS),
        ...(options?.locale === undefined ? {} : { locale: options.locale }),
      });
    },
    onOpenVorgang(listener) {
      return bridge.on('open-vorgang', (payload) => {
        // The payload crossed the preload: checked like every answer from main.
        const parsed = ipcEvents['open-vorgang'].safeParse(payload);
        if (parsed.success) listener(parsed.data.vorgangId);
      });
    },
    // Main-process notifications need no permission; the operating system's settings apply.
    notificationPermission: () => 'granted',
    requestNotificationPermission: () => Promise.resolve('granted'),
  };
}
