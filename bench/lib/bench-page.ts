import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';

/** URL path under which the bench page is served on the app's origin. */
export const BENCH_PATH = '/__bench/';

/** Builds bench/browser (the bench page with Dexie and the app's db modules) into outDir. */
export async function buildBenchPage(root: string, outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: join(root, 'bench', 'browser'),
    base: BENCH_PATH,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2023', reportCompressedSize: false },
  });
}

/**
 * Serves the built bench page under the app's origin (`<origin>/__bench/…`) straight from disk,
 * so it shares the app's IndexedDB and calls the API same-origin, while the server and the
 * production bundle know nothing about it.
 */
export async function serveBenchPage(context: BrowserContext, origin: string, outDir: string): Promise<string> {
  await context.route(`${origin}${BENCH_PATH}**`, async (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname.slice(BENCH_PATH.length)) || 'index.html';
    const file = normalize(join(outDir, rel));
    if (!file.startsWith(outDir + sep) || !existsSync(file)) {
      await route.fulfill({ status: 404, body: 'not found' });
      return;
    }
    await route.fulfill({ path: file });
  });
  return `${origin}${BENCH_PATH}index.html`;
}
