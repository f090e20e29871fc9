import type { NotificationLocale, PickedFile, WiedervorlageItem } from '../../../shared/contracts/ipc/index.ts';
import type { Result } from '../../../shared/domain/errors.ts';

export type { PickedFile, WiedervorlageItem } from '../../../shared/contracts/ipc/index.ts';

export interface PlatformAppInfo {
  version: string;
  /** Operating system (desktop) or `web`. */
  platform: string;
  /** Electron version; null in web mode. */
  electron: string | null;
}

/** A document to save or show: typically a Dokument's metadata with its blob. */
export interface PlatformFile {
  /** Display name; sanitized (shared/domain/file-names.ts) before it reaches any disk. */
  name: string;
  /** Must be one of ALLOWED_MEDIA_TYPES, else `unsupported_media_type`. */
  mediaType: string;
  bytes: Uint8Array | Blob;
  /**
   * SHA-256 the bytes must have (the Dokument's); checked before anything is written, else
   * `hash_mismatch`. Computed from the bytes when absent.
   */
  sha256?: string;
}

export interface SaveFileResult {
  /** False when the user cancelled the save dialog. */
  saved: boolean;
  /** Desktop: where the user saved it (their own folder). Absent in web mode. */
  path?: string | undefined;
}

export interface OpenFileResult {
  /** `viewer`: shown by the system viewer or a browser tab; `download`: handed to the browser's downloads instead. */
  mode: 'viewer' | 'download';
}

/** Browser-style permission; desktop reports `granted` (the operating system's settings decide). */
export type NotificationPermissionState = 'granted' | 'denied' | 'default' | 'unsupported';

/**
 * Services that differ between the Electron shell and a plain browser. The rest of the
 * renderer depends only on this interface; implementations live beside it.
 */
export interface Platform {
  readonly kind: 'desktop' | 'web';
  /** Base URL of the Amtsplatz server, without a trailing slash. */
  getServerUrl(): Promise<Result<string>>;
  appInfo(): Promise<Result<PlatformAppInfo>>;

  /**
   * Desktop: save dialog (Downloads, sanitized name), atomic write. Web: a browser download
   * under the sanitized name. Errors: `unsupported_media_type`, `payload_too_large`,
   * `hash_mismatch`, file-system codes (`not_found`, `forbidden`, `internal`).
   */
  saveFile(file: PlatformFile): Promise<Result<SaveFileResult>>;
  /**
   * Desktop: a read-only temporary copy opened by the system's default viewer (never run).
   * Web: PDF, PNG and JPEG in a new tab; other types (or a blocked pop-up) fall back to a download.
   */
  openFile(file: PlatformFile): Promise<Result<OpenFileResult>>;
  /**
   * Desktop: the system's open dialog, limited to the allowed types; sanitized names, never
   * paths; `[]` when cancelled. Web: `bad_request` — the UI uses its own `<input type=file>`
   * (FILE_INPUT_ACCEPT) there, since only a user's click may open the browser's picker.
   */
  pickFiles(options?: { multiple?: boolean }): Promise<Result<PickedFile[]>>;

  /**
   * One notification for the Wiedervorlagen not yet notified in this session (send the full
   * due list whenever it changes; at most MAX_NOTIFY_ITEMS are taken per call). Shows only
   * Aktenzeichen and counts. Web: only when permission was already granted; never prompts.
   */
  notifyWiedervorlage(
    items: readonly WiedervorlageItem[],
    options?: { locale?: NotificationLocale },
  ): Promise<Result<{ shown: number }>>;
  /** Called when the user clicks a notification about a single Vorgang. Returns the unsubscribe. */
  onOpenVorgang(listener: (vorgangId: string) => void): () => void;
  notificationPermission(): NotificationPermissionState;
  /** For a settings button: asks the browser (web); desktop needs no permission. */
  requestNotificationPermission(): Promise<NotificationPermissionState>;
}
