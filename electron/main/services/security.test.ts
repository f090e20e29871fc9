import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  guardWebContents,
  isNavigationAllowed,
  isPermissionGranted,
  shouldOpenExternally,
  type GuardedContents,
} from './security.ts';

const policy = { allowedExternalOrigins: ['https://www.amtsplatz.example'] };

describe('navigation policy', () => {
  it('allows the app origin and its blob documents', () => {
    expect(isNavigationAllowed('app://amtsplatz/index.html')).toBe(true);
    expect(isNavigationAllowed('app://amtsplatz/vorgaenge/1?x=1#y')).toBe(true);
    expect(isNavigationAllowed('blob:app://amtsplatz/4f0c6c2e-0000-4000-8000-000000000000')).toBe(true);
  });

  it('denies everything else', () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://amtsplatz.evil.example/',
      'app://other/index.html',
      'blob:https://evil.example/1',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isNavigationAllowed(url), url).toBe(false);
    }
  });
});

describe('external links', () => {
  it('opens only allow-listed http(s) origins', () => {
    expect(shouldOpenExternally('https://www.amtsplatz.example/hilfe?x=1', policy)).toBe(true);
    expect(shouldOpenExternally('https://www.amtsplatz.example.evil.com/', policy)).toBe(false);
    expect(shouldOpenExternally('http://www.amtsplatz.example/', policy)).toBe(false);
    expect(shouldOpenExternally('file:///C:/Windows/system32/calc.exe', policy)).toBe(false);
    expect(shouldOpenExternally('smb://server/share', policy)).toBe(false);
  });
});

describe('permissions', () => {
  it('grants clipboard writes to the app only and denies the rest', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://amtsplatz/index.html')).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      expect(isPermissionGranted(p, 'app://amtsplatz/index.html'), p).toBe(false);
    }
  });
});

/** Stands in for WebContents: a real EventEmitter plus the window-open hook. */
class FakeContents extends EventEmitter implements GuardedContents {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
}

function navigationEvent(url: string) {
  const event = { url, prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

describe('guardWebContents', () => {
  it('prevents foreign navigations and lets app navigations through', () => {
    const contents = new FakeContents();
    guardWebContents(contents, policy, () => undefined);
    const foreign = navigationEvent('https://evil.example/');
    const own = navigationEvent('app://amtsplatz/inbox');
    contents.emit('will-frame-navigate', foreign);
    contents.emit('will-frame-navigate', own);
    expect(foreign.prevented).toBe(true);
    expect(own.prevented).toBe(false);
  });

  it('blocks webviews', () => {
    const contents = new FakeContents();
    guardWebContents(contents, policy, () => undefined);
    const event = navigationEvent('');
    contents.emit('will-attach-webview', event);
    expect(event.prevented).toBe(true);
  });

  it('denies every new window and hands only allow-listed links to the browser', () => {
    const contents = new FakeContents();
    const opened: string[] = [];
    guardWebContents(contents, policy, (url) => opened.push(url));
    const handler = contents.windowOpenHandler;
    expect(handler).toBeDefined();
    expect(handler?.({ url: 'https://www.amtsplatz.example/hilfe' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'app://amtsplatz/popup' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.amtsplatz.example/hilfe']);
  });
});
