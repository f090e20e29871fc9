import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { BrowserContext, Route } from '@playwright/test';

const webRoot = join(import.meta.dirname, '..', '..', 'out', 'renderer');

/**
 * How the specs model "the clerk loses the connection":
 *
 * The desktop app loads its renderer bundle from local files (its app protocol), and only the
 * API lives on the server. In these specs the same bundle is served by the server (web mode),
 * so a plain `setOffline(true)` would also take away index.html and the scripts, and a reload
 * would show Chromium's offline page — a situation the desktop client never gets into.
 *
 * So going offline here means: the browser is really offline (`navigator.onLine` is false, the
 * `offline` event fires in the page and in the sync worker, every request to the server fails,
 * including the open event stream), while requests for the app's own files are answered from
 * the build on disk (out/renderer), exactly as the desktop shell would. Requests to /api never
 * reach the server. Web mode on a thin client would need a service worker for the same effect;
 * that is not what is being tested.
 */
export async function goOffline(context: BrowserContext, origin: string): Promise<{ goOnline(): Promise<void> }> {
  const matcher = (url: URL) => isAppFile(url, origin);
  await context.route(matcher, serveFromBuild);
  await context.setOffline(true);
  return {
    async goOnline() {
      await context.setOffline(false);
      await context.unroute(matcher, serveFromBuild);
    },
  };
}

function isAppFile(url: URL, origin: string): boolean {
  return url.origin === origin && !url.pathname.startsWith('/api/');
}

async function serveFromBuild(route: Route): Promise<void> {
  const { pathname } = new URL(route.request().url());
  const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  const file = normalize(join(webRoot, rel));
  if (!file.startsWith(webRoot + sep) || !existsSync(file) || !statSync(file).isFile()) {
    await route.abort('internetdisconnected');
    return;
  }
  await route.fulfill({ path: file });
}
