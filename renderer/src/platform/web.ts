import { health } from '../../../shared/contracts/http/meta.ts';
import { MAX_NOTIFY_ITEMS } from '../../../shared/contracts/ipc/index.ts';
import { createWiedervorlageDedupe, wiedervorlageNotification } from '../../../shared/contracts/ipc/notifications.ts';
import type { Result } from '../../../shared/domain/errors.ts';
import { checkFile } from './files.ts';
import type { NotificationPermissionState, Platform, PlatformAppInfo } from './types.ts';

/** The browser's Notification as far as it is used (the global constructor fits). */
export interface WebNotificationApi {
  readonly permission: string;
  requestPermission(): Promise<string>;
  new (title: string, options?: { body?: string }): { onclick: unknown; close(): void };
}

/** Browser facilities, injectable for tests; defaults to the real globals, read on use. */
export interface WebEnv {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
  /** Starts a download of `url` under `name` (a temporary `<a download>`). */
  download(url: string, name: string): void;
  /** Opens `url` in a new tab; false when a pop-up blocker refused it. */
  openTab(url: string): boolean;
  focus(): void;
  notificationApi(): WebNotificationApi | undefined;
  /** Runs `fn` later; object URLs must outlive the click that starts their download. */
  later(fn: () => void, ms: number): void;
}

/** Types a browser tab shows by itself; the rest go to the downloads. */
const VIEWABLE_IN_TAB: ReadonlySet<string> = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** How long an object URL lives after its download or tab was started. */
export const OBJECT_URL_LIFETIME_MS = 120_000;

export const browserEnv: WebEnv = {
  createObjectURL: (blob) => URL.createObjectURL(blob),
  revokeObjectURL: (url) => URL.revokeObjectURL(url),
  download(url, name) {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
  },
  openTab(url) {
    const tab = window.open(url, '_blank');
    if (tab === null) return false;
    // Not 'noopener' in open(): with it the result is always null and a blocked pop-up goes unnoticed.
    tab.opener = null;
    return true;
  },
  focus: () => window.focus(),
  notificationApi: () => (typeof Notification === 'undefined' ? undefined : Notification),
  later: (fn, ms) => void setTimeout(fn, ms),
};

/** Web mode: the renderer is served by the Amtsplatz server itself, so the server is our origin. */
export function createWebPlatform(
  origin: string,
  fetchFn: typeof fetch = (...a) => fetch(...a),
  env: WebEnv = browserEnv,
): Platform {
  const serverUrl = origin.replace(/\/+$/, '');
  const fresh = createWiedervorlageDedupe();
  const openListeners = new Set<(vorgangId: string) => void>();

  function handOver(bytes: Uint8Array, mediaType: string, name: string, inTab: boolean): 'viewer' | 'download' {
    // slice(): Blob takes only views of a plain ArrayBuffer, and the type of `bytes` also admits shared memory.
    const url = env.createObjectURL(new Blob([bytes.slice()], { type: mediaType }));
    env.later(() => env.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
    if (inTab && env.openTab(url)) return 'viewer';
    env.download(url, name);
    return 'download';
  }

  return {
    kind: 'web',
    getServerUrl() {
      return Promise.resolve({ ok: true, value: serverUrl });
    },
    async appInfo(): Promise<Result<PlatformAppInfo>> {
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

    async saveFile(file) {
      const checked = await checkFile(file);
      if (!checked.ok) return checked;
      const { bytes, mediaType, name } = checked.value;
      handOver(bytes, mediaType, name, false);
      // The browser's download UI takes over; whether the user keeps the file is not reported.
      return { ok: true, value: { saved: true } };
    },
    async openFile(file) {
      const checked = await checkFile(file);
      if (!checked.ok) return checked;
      const { bytes, mediaType, name } = checked.value;
      return { ok: true, value: { mode: handOver(bytes, mediaType, name, VIEWABLE_IN_TAB.has(mediaType)) } };
    },
    pickFiles() {
      return Promise.resolve({
        ok: false,
        error: { code: 'bad_request', message: 'No file picker in web mode; use an <input type="file">' },
      });
    },

    notifyWiedervorlage(items, options) {
      const api = env.notificationApi();
      // Not granted: nothing is remembered either, so a later grant still shows today's items.
      if (api === undefined || api.permission !== 'granted') return Promise.resolve({ ok: true, value: { shown: 0 } });
      const [first, ...rest] = fresh(items.slice(0, MAX_NOTIFY_ITEMS));
      if (first === undefined) return Promise.resolve({ ok: true, value: { shown: 0 } });
      const { title, body, vorgangId } = wiedervorlageNotification([first, ...rest], options?.locale);
      try {
        const notification = new api(title, { body });
        notification.onclick = () => {
          env.focus();
          notification.close();
          if (vorgangId !== null) for (const listener of openListeners) listener(vorgangId);
        };
      } catch (e) {
        // Chrome on Android, for one, allows notifications only from a service worker.
        return Promise.resolve({
          ok: false,
          error: { code: 'internal', message: `notification failed: ${String(e)}` },
        });
      }
      return Promise.resolve({ ok: true, value: { shown: rest.length + 1 } });
    },
    onOpenVorgang(listener) {
      openListeners.add(listener);
      return () => void openListeners.delete(listener);
    },
    notificationPermission() {
      return permissionState(env.notificationApi()?.permission);
    },
    async requestNotificationPermission() {
      const api = env.notificationApi();
      return api === undefined ? 'unsupported' : permissionState(await api.requestPermission());
    },
  };
}

function permissionState(permission: string | undefined): NotificationPermissionState {
  return permission === 'granted' || permission === 'denied' || permission === 'default' ? permission : 'unsupported';
}
