import { z } from 'zod';
import { ERROR_CODES, type AppError, type ErrorCode, type Result } from '../../../shared/domain/errors.ts';
import {
  ipcContract,
  ipcError,
  type AmtsplatzBridge,
  type IpcChannel,
  type IpcOutput,
} from '../../../shared/contracts/ipc/index.ts';
import type { Platform, PlatformAppInfo } from './types.ts';

export type { AmtsplatzBridge } from '../../../shared/contracts/ipc/index.ts';

/** Channels this renderer calls; they take no input. */
type NoInputChannel = 'app.info' | 'config.get';

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
export async function invoke<C extends NoInputChannel & IpcChannel>(
  bridge: AmtsplatzBridge,
  channel: C,
): Promise<Result<IpcOutput<C>, AppError>> {
  let raw: unknown;
  try {
    // Re-validated below: the bridge's declared type is a promise, not a guarantee.
    raw = await (bridge.invoke as (c: IpcChannel) => Promise<unknown>)(channel);
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
    async appInfo(): Promise<Result<PlatformAppInfo, AppError>> {
      const r = await invoke(bridge, 'app.info');
      return r.ok ? { ok: true, value: { ...r.value } } : r;
    },
  };
}
