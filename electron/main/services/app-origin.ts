/**
 * The renderer is served from a custom standard scheme instead of file:// so that it has a
 * stable, non-opaque origin: CORS on the server, CSP 'self', the IPC sender check and the
 * navigation guard all compare against this one string.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'amtsplatz';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Origin of `url` as the browser would compute it. WHATWG URL gives custom schemes an opaque
 * origin ("null"), while Chromium treats registered standard schemes like http, so this is
 * derived from protocol and host instead of `URL.origin`.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  // A blob: URL belongs to the origin that created it ("blob:app://amtsplatz/<uuid>").
  if (parsed.protocol === 'blob:') return originOf(parsed.pathname);
  if (parsed.host === '') return undefined;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isAppUrl(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}
