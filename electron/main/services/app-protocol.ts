import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

/**
 * `standard` gives the scheme a real origin (web storage, IndexedDB, relative URLs), `secure`
 * makes it a secure context (crypto.subtle, no mixed-content downgrade), `supportFetchAPI`
 * lets module scripts and workers load from it. It deliberately does not bypass CSP.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppProtocolOptions {
  /** Absolute directory of the built renderer (out/renderer). */
  root: string;
  /** Content-Security-Policy sent with every response. */
  csp: string;
}

export type AppProtocolHandler = (request: Request) => Promise<Response>;

/**
 * Serves the built renderer on app://amtsplatz/. Paths that leave `root` or name no file get
 * 404; a path without a file extension gets index.html so client-side routes survive reload.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): AppProtocolHandler {
  const root = normalize(options.root);
  const baseHeaders = {
    'Content-Security-Policy': options.csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
  const respond = (
    status: number,
    body: Uint8Array | string | null,
    contentType = 'text/plain; charset=utf-8',
  ): Response => new Response(body, { status, headers: { ...baseHeaders, 'Content-Type': contentType } });

  return async (request) => {
    try {
      return await serve(request);
    } catch {
      return respond(500, 'Internal Server Error');
    }
  };

  async function serve(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method Not Allowed');
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return respond(404, 'Not Found');

    const relative = resolveRelativePath(url.pathname);
    if (relative === undefined) return respond(404, 'Not Found');
    const candidates = extname(relative) === '' ? [relative, 'index.html'] : [relative];
    for (const candidate of candidates) {
      const file = join(root, candidate);
      // normalize() above plus the segment check in resolveRelativePath keep this inside root;
      // the prefix test is the last line of defence against a future change there.
      if (!file.startsWith(root + sep)) return respond(404, 'Not Found');
      const content = await readRegularFile(file);
      if (content === undefined) continue;
      const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return respond(200, request.method === 'HEAD' ? null : new Uint8Array(content), type);
    }
    return respond(404, 'Not Found');
  }
}

/** URL path → path relative to root, or undefined when it is malformed or climbs out. */
function resolveRelativePath(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return undefined;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

async function readRegularFile(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EISDIR: a directory name without a trailing file; ENOTDIR: a file used as a directory.
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
