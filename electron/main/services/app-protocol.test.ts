import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, type AppProtocolHandler } from './app-protocol.ts';

const CSP = "default-src 'none'";
let dir: string;
let root: string;
let handle: AppProtocolHandler;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-protocol-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Amtsplatz</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'Ä b.css'), 'body{}');
  await writeFile(join(dir, 'secret.txt'), 'outside the web root');
  handle = createAppProtocolHandler({ root, csp: CSP });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app protocol handler', () => {
  it('serves files with content type and the CSP header', async () => {
    const res = await get('app://amtsplatz/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('serves index.html for the root and for extension-less client routes', async () => {
    for (const url of ['app://amtsplatz/', 'app://amtsplatz/vorgaenge/42']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('<title>Amtsplatz</title>');
    }
  });

  it('decodes percent-encoded names', async () => {
    const res = await get('app://amtsplatz/assets/%C3%84%20b.css');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('body{}');
  });

  it('answers 404 for missing assets instead of falling back to index.html', async () => {
    const res = await get('app://amtsplatz/assets/missing.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
  });

  it('never serves files outside the root', async () => {
    for (const url of [
      'app://amtsplatz/..%2Fsecret.txt',
      'app://amtsplatz/assets/%2E%2E/%2E%2E/secret.txt',
      'app://amtsplatz/%5C..%5Csecret.txt',
      'app://amtsplatz/%00index.html',
      'app://amtsplatz/%E0%A4%A',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain('outside the web root');
    }
  });

  it('rejects other hosts and methods', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://amtsplatz/index.html', 'POST')).status).toBe(405);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://amtsplatz/index.html', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
