import { z } from 'zod';
import { sha256Digest } from '../../domain/dokument.ts';
import { ALLOWED_MEDIA_TYPES, MAX_DOKUMENT_BYTES, type AllowedMediaType } from '../../domain/file-names.ts';
import { isoDate } from '../../domain/ids.ts';
import { signingContract } from './signing.ts';

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

/**
 * Structured clone delivers a Uint8Array (main's Buffer is one too). Checked by its tag, not
 * instanceof, because the renderer receives it from the preload's realm through contextBridge.
 */
export const documentBytes = z
  .custom<Uint8Array>(
    (v) => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]',
    'expected a Uint8Array',
  )
  .refine((b) => b.byteLength <= MAX_DOKUMENT_BYTES, `a document may have at most ${MAX_DOKUMENT_BYTES} bytes`);

const allowedMediaType = z.enum(Object.keys(ALLOWED_MEDIA_TYPES) as [AllowedMediaType, ...AllowedMediaType[]]);

/**
 * Media type as the renderer claims it: any short string, so main can answer a type outside
 * the allowlist with `unsupported_media_type` rather than a generic validation error.
 */
const claimedMediaType = z.string().min(1).max(127);

/** Bytes and their SHA-256 as the renderer knows it; main hashes again and refuses a mismatch. */
export const fileSaveInput = z.object({
  suggestedName: z.string().max(1000),
  mediaType: claimedMediaType,
  bytes: documentBytes,
  sha256: sha256Digest,
});
export type FileSaveInput = z.infer<typeof fileSaveInput>;

/** `path` is where the user chose to save (their own folder, shown back to them). */
export const fileSaveResult = z.object({ saved: z.boolean(), path: z.string().optional() });
export type FileSaveResult = z.infer<typeof fileSaveResult>;

export const fileOpenInput = z.object({
  name: z.string().max(1000),
  mediaType: claimedMediaType,
  bytes: documentBytes,
  sha256: sha256Digest,
});
export type FileOpenInput = z.infer<typeof fileOpenInput>;

export const fileOpenResult = z.object({ opened: z.literal(true) });

/** Most files one pick may return, so one dialog cannot pull gigabytes through IPC. */
export const MAX_PICK_FILES = 20;

export const filePickInput = z.object({ multiple: z.boolean() }).optional();

/** A picked file: sanitized name, never a path. */
export const pickedFile = z.object({
  name: z.string().min(1).max(200),
  mediaType: allowedMediaType,
  bytes: documentBytes,
});
export type PickedFile = z.infer<typeof pickedFile>;

export const wiedervorlageItem = z.object({
  vorgangId: z.uuid(),
  aktenzeichen: z.string().min(1).max(64),
  date: isoDate,
});
export type WiedervorlageItem = z.infer<typeof wiedervorlageItem>;

export const MAX_NOTIFY_ITEMS = 100;
export const notificationLocale = z.enum(['de', 'en']);
export type NotificationLocale = z.infer<typeof notificationLocale>;

export const notifyWiedervorlageInput = z.object({
  items: z.array(wiedervorlageItem).max(MAX_NOTIFY_ITEMS),
  /** Language of the notification text; German when absent. */
  locale: notificationLocale.optional(),
});
export type NotifyWiedervorlageInput = z.infer<typeof notifyWiedervorlageInput>;

/** How many items were new (not notified before in this app session); 0: nothing shown. */
export const notifyWiedervorlageResult = z.object({ shown: z.number().int().nonnegative() });

export const ipcContract = {
  'app.info': { input: z.undefined(), output: appInfo },
  'config.get': { input: z.undefined(), output: clientConfig },
  'file.save': { input: fileSaveInput, output: fileSaveResult },
  'file.open': { input: fileOpenInput, output: fileOpenResult },
  'file.pick': { input: filePickInput, output: z.array(pickedFile).max(MAX_PICK_FILES) },
  'notify.wiedervorlage': { input: notifyWiedervorlageInput, output: notifyWiedervorlageResult },
  ...signingContract,
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcInput<C extends IpcChannel> = z.infer<IpcContract[C]['input']>;
export type IpcOutput<C extends IpcChannel> = z.infer<IpcContract[C]['output']>;

export const ipcError = z.object({ code: z.string(), message: z.string() });
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: z.infer<typeof ipcError> };

export const ipcChannels = Object.keys(ipcContract) as IpcChannel[];
export const channelName = (c: IpcChannel): string => `${IPC_PREFIX}${c}`;

/**
 * Messages main sends on its own (main → renderer), each on `amtsplatz:event:<name>` with a
 * payload the renderer validates again.
 */
export const ipcEvents = {
  /** The user clicked a Wiedervorlage notification: show this Vorgang. */
  'open-vorgang': z.object({ vorgangId: z.uuid() }),
} as const;

export type IpcEvents = typeof ipcEvents;
export type IpcEvent = keyof IpcEvents;
export type IpcEventPayload<E extends IpcEvent> = z.infer<IpcEvents[E]>;
export const IPC_EVENT_PREFIX = `${IPC_PREFIX}event:`;
export const ipcEventNames = Object.keys(ipcEvents) as IpcEvent[];
export const eventChannelName = (e: IpcEvent): string => `${IPC_EVENT_PREFIX}${e}`;

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
  /**
   * Subscribes to an event from main; returns the unsubscribe. Unknown events are ignored
   * (the returned function does nothing). The listener gets the payload only, never
   * Electron's event object.
   */
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
}
