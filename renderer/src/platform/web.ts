import { health } from '../../../shared/contracts/http/meta.ts';
import type { AppError, Result } from '../../../shared/domain/errors.ts';
import type { Platform, PlatformAppInfo } from './types.ts';

/** Web mode: the renderer is served by the Amtsplatz server itself, so the server is our origin. */
export function createWebPlatform(origin: string, fetchFn: typeof fetch = (...a) => fetch(...a)): Platform {
  const serverUrl = origin.replace(/\/+$/, '');
  return {
    kind: 'web',
    getServerUrl() {
      return Promise.resolve({ ok: true, value: serverUrl });
    },
    async appInfo(): Promise<Result<PlatformAppInfo, AppError>> {
      // The web bundle is the server's: its version is the one that counts.
      try {
        const res = await fetchFn(`${serverUrl}/api/health`);
        const parsed = health.safeParse(await res.json());
        if (!parsed.success) return { ok: false, error: { code: 'internal', message: 'unexpected health answer' } };
        return { ok: true, value: { version: parsed.data.version, platform: 'web', electron: null } };
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: `health check failed: ${String(e)}` } };
      }
    },
  };
}
