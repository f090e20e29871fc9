import { z } from 'zod';

/**
 * Platform services offered by the Electron main process to the renderer. Each channel is
 * `amtsplatz:<name>`; main validates input with `input` and answers a Result envelope whose
 * value matches `output`. The preload derives its allow-list from this object.
 */
export const IPC_PREFIX = 'amtsplatz:';

export const appInfo = z.object({
  version: z.string(),
  platform: z.string(),
  electron: z.string(),
});
export type AppInfo = z.infer<typeof appInfo>;

export const clientConfig = z.object({
  serverUrl: z.url(),
  /** Where the values came from, for the settings view and support. */
  sources: z.array(z.string()),
});
export type ClientConfig = z.infer<typeof clientConfig>;

export const ipcContract = {
  'app.info': { input: z.undefined(), output: appInfo },
  'config.get': { input: z.undefined(), output: clientConfig },
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcInput<C extends IpcChannel> = z.infer<IpcContract[C]['input']>;
export type IpcOutput<C extends IpcChannel> = z.infer<IpcContract[C]['output']>;

export const ipcError = z.object({ code: z.string(), message: z.string() });
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof ipcError> };

export const ipcChannels = Object.keys(ipcContract) as IpcChannel[];
export const channelName = (c: IpcChannel): string => `${IPC_PREFIX}${c}`;

/** Global name under which the preload exposes the bridge (`window.amtsplatz`). */
export const BRIDGE_KEY = 'amtsplatz';

/** Arguments after the channel: none for channels whose input is `undefined`. */
export type IpcInvokeArgs<C extends IpcChannel> =
  undefined extends IpcInput<C> ? [input?: IpcInput<C>] : [input: IpcInput<C>];

/**
 * What the preload exposes. `invoke` never rejects for contract-level failures: unknown
 * channel, untrusted sender, invalid input and service errors all arrive as `{ ok: false }`.
 */
export interface AmtsplatzBridge {
  invoke<C extends IpcChannel>(channel: C, ...input: IpcInvokeArgs<C>): Promise<IpcResult<IpcOutput<C>>>;
}
