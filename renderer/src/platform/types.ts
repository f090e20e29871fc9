import type { AppError, Result } from '../../../shared/domain/errors.ts';

export interface PlatformAppInfo {
  version: string;
  /** Operating system (desktop) or `web`. */
  platform: string;
  /** Electron version; null in web mode. */
  electron: string | null;
}

/**
 * Services that differ between the Electron shell and a plain browser. The rest of the
 * renderer depends only on this interface; implementations live beside it.
 */
export interface Platform {
  readonly kind: 'desktop' | 'web';
  /** Base URL of the Amtsplatz server, without a trailing slash. */
  getServerUrl(): Promise<Result<string, AppError>>;
  appInfo(): Promise<Result<PlatformAppInfo, AppError>>;
}
