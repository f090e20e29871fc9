import { isAppUrl, originOf } from './app-origin.ts';

export interface SecurityPolicy {
  /** http(s) origins whose links may open in the user's default browser. */
  allowedExternalOrigins: readonly string[];
}

/** Navigation of any frame is allowed only within the app origin (and its own blob: documents). */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url) || url === 'about:blank';
}

/**
 * window.open and target=_blank never create an Electron window; an allow-listed http(s)
 * link is handed to the system browser instead, everything else is dropped.
 */
export function shouldOpenExternally(url: string, policy: SecurityPolicy): boolean {
  const origin = originOf(url);
  if (origin === undefined || !(origin.startsWith('https://') || origin.startsWith('http://'))) return false;
  return policy.allowedExternalOrigins.includes(origin);
}

/**
 * Chromium permissions (camera, geolocation, notifications, …) are denied; the app needs only
 * to write to the clipboard (copying an Aktenzeichen), and only from its own documents.
 */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** The subset of Electron's WebContents the guards use. */
export interface GuardedContents {
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

/**
 * Applied to every WebContents the app creates (app 'web-contents-created'), so a frame or
 * window that slips past one guard still meets the others.
 */
export function guardWebContents(
  contents: GuardedContents,
  policy: SecurityPolicy,
  openExternal: (url: string) => void,
): void {
  const guardNavigation = (event: NavigationEvent): void => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  };
  // Fires for renderer-initiated navigations of every frame. Redirects need no extra guard:
  // only app:// URLs get this far and the app protocol never redirects.
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (shouldOpenExternally(url, policy)) openExternal(url);
    return { action: 'deny' };
  });
}
