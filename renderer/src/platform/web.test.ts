import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/domain/sha256.ts';
import { OBJECT_URL_LIFETIME_MS, createWebPlatform, type WebEnv } from './web.ts';

/** A browser stand-in that records what the platform asked of it. */
function fakeBrowser(options: { permission?: string | null; popupsBlocked?: boolean; grantOnRequest?: string } = {}) {
  const blobs = new Map<string, Blob>();
  const revoked: string[] = [];
  const downloads: { url: string; name: string }[] = [];
  const tabs: string[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let focused = 0;
  let permission = options.permission === undefined ? 'granted' : options.permission;
  const shown: FakeNotification[] = [];

  class FakeNotification {
    static get permission() {
      return permission ?? 'default';
    }
    static requestPermission() {
      permission = options.grantOnRequest ?? 'granted';
      return Promise.resolve(permission);
    }
    readonly title: string;
    readonly body: string | undefined;
    onclick: unknown = null;
    closed = false;
    constructor(title: string, init?: { body?: string }) {
      this.title = title;
      this.body = init?.body;
      shown.push(this);
    }
    close() {
      this.closed = true;
    }
    click() {
      if (typeof this.onclick === 'function') (this.onclick as () => void)();
    }
  }

  const env: WebEnv = {
    createObjectURL: (blob) => {
      const url = `blob:http://127.0.0.1/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: (url) => void revoked.push(url),
    download: (url, name) => void downloads.push({ url, name }),
    openTab: (url) => (options.popupsBlocked === true ? false : (tabs.push(url), true)),
    focus: () => {
      focused++;
    },
    notificationApi: () => (options.permission === null ? undefined : FakeNotification),
    later: (fn, ms) => void timers.push({ fn, ms }),
  };
  const platform = createWebPlatform('http://127.0.0.1:8099', () => Promise.reject(new Error('offline')), env);
  return { platform, blobs, revoked, downloads, tabs, timers, shown, focused: () => focused };
}

const pdf = new TextEncoder().encode('%PDF-1.7 Bescheid');
const vorgangId = '00000000-0000-4000-8000-000000000042';
const item = (n: number) => ({
  vorgangId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  aktenzeichen: `AZ-${n}`,
  date: '2026-11-23',
});

describe('web platform: documents', () => {
  it('saves by downloading an object URL of exactly the bytes under the sanitized name', async () => {
    const b = fakeBrowser();
    const r = await b.platform.saveFile({ name: 'Bescheid 32/2026', mediaType: 'application/pdf', bytes: pdf });
    expect(r).toEqual({ ok: true, value: { saved: true } });
    expect(b.downloads).toEqual([{ url: 'blob:http://127.0.0.1/0', name: 'Bescheid 32_2026.pdf' }]);
    const blob = b.blobs.get('blob:http://127.0.0.1/0');
    expect(blob?.type).toBe('application/pdf');
    expect(new Uint8Array(await (blob ?? new Blob()).arrayBuffer())).toEqual(pdf);
  });

  it('revokes the object URL later, not before the download could start', async () => {
    const b = fakeBrowser();
    await b.platform.saveFile({ name: 'a.pdf', mediaType: 'application/pdf', bytes: pdf });
    expect(b.revoked).toEqual([]);
    expect(b.timers.map((t) => t.ms)).toEqual([OBJECT_URL_LIFETIME_MS]);
    b.timers[0]?.fn();
    expect(b.revoked).toEqual(['blob:http://127.0.0.1/0']);
  });

  it('opens PDFs and images in a tab, other types as a download', async () => {
    const b = fakeBrowser();
    const pdfResult = await b.platform.openFile({ name: 'a.pdf', mediaType: 'application/pdf', bytes: pdf });
    const png = await b.platform.openFile({ name: 'b.png', mediaType: 'image/png', bytes: pdf });
    const docx = await b.platform.openFile({
      name: 'c.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: pdf,
    });
    const tiff = await b.platform.openFile({ name: 'd', mediaType: 'image/tiff', bytes: pdf });
    expect([pdfResult, png, docx, tiff].map((r) => (r.ok ? r.value.mode : r.error.code))).toEqual([
      'viewer',
      'viewer',
      'download',
      'download',
    ]);
    expect(b.tabs).toHaveLength(2);
    expect(b.downloads.map((d) => d.name)).toEqual(['c.docx', 'd.tif']);
  });

  it('falls back to a download when the pop-up is blocked', async () => {
    const b = fakeBrowser({ popupsBlocked: true });
    const r = await b.platform.openFile({ name: 'a.pdf', mediaType: 'application/pdf', bytes: pdf });
    expect(r).toEqual({ ok: true, value: { mode: 'download' } });
    expect(b.downloads).toHaveLength(1);
  });

  it('refuses forbidden types, oversized files and hash mismatches before creating any URL', async () => {
    const b = fakeBrowser();
    const codes = [
      await b.platform.openFile({ name: 'x.html', mediaType: 'text/html', bytes: pdf }),
      await b.platform.saveFile({ name: 'x.exe', mediaType: 'application/x-msdownload', bytes: pdf }),
      await b.platform.saveFile({
        name: 'big.pdf',
        mediaType: 'application/pdf',
        bytes: new Blob([new Uint8Array(50 * 1024 * 1024 + 1)]),
      }),
      await b.platform.openFile({ name: 'a.pdf', mediaType: 'application/pdf', bytes: pdf, sha256: '0'.repeat(64) }),
    ].map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toEqual(['unsupported_media_type', 'unsupported_media_type', 'payload_too_large', 'hash_mismatch']);
    expect(b.blobs.size).toBe(0);
    const verified = await b.platform.saveFile({
      name: 'a.pdf',
      mediaType: 'application/pdf',
      bytes: pdf,
      sha256: await sha256Hex(pdf),
    });
    expect(verified.ok).toBe(true);
  });

  it('leaves picking files to the UI’s own file input', async () => {
    const r = await fakeBrowser().platform.pickFiles();
    expect(r.ok ? undefined : r.error.code).toBe('bad_request');
  });
});

describe('web platform: notifications', () => {
  it('shows a notification when permission is granted; a click focuses and opens the single Vorgang', async () => {
    const b = fakeBrowser();
    const opened: string[] = [];
    b.platform.onOpenVorgang((id) => opened.push(id));
    const r = await b.platform.notifyWiedervorlage([
      { vorgangId, aktenzeichen: '32.10.05-2026/00042', date: '2026-11-23' },
    ]);
    expect(r).toEqual({ ok: true, value: { shown: 1 } });
    expect(b.shown).toMatchObject([{ title: 'Wiedervorlage fällig', body: 'Vorgang 32.10.05-2026/00042' }]);
    b.shown[0]?.click();
    expect(opened).toEqual([vorgangId]);
    expect(b.focused()).toBe(1);
    expect(b.shown[0]?.closed).toBe(true);
  });

  it('counts several Vorgänge, opens none of them on click, and does not repeat items', async () => {
    const b = fakeBrowser();
    const opened: string[] = [];
    const off = b.platform.onOpenVorgang((id) => opened.push(id));
    await b.platform.notifyWiedervorlage([item(1), item(2)], { locale: 'en' });
    expect(b.shown.map((n) => n.body)).toEqual(['2 cases are due for follow-up.']);
    b.shown[0]?.click();
    expect(opened).toEqual([]);
    expect(await b.platform.notifyWiedervorlage([item(1), item(2)])).toEqual({ ok: true, value: { shown: 0 } });
    expect(b.shown).toHaveLength(1);

    off();
    await b.platform.notifyWiedervorlage([item(3)]);
    b.shown[1]?.click();
    expect(opened).toEqual([]);
  });

  it('never prompts by itself and shows nothing without permission, remembering nothing either', async () => {
    const b = fakeBrowser({ permission: 'default' });
    expect(b.platform.notificationPermission()).toBe('default');
    expect(await b.platform.notifyWiedervorlage([item(1)])).toEqual({ ok: true, value: { shown: 0 } });
    expect(b.shown).toHaveLength(0);
    expect(b.platform.notificationPermission()).toBe('default');

    // The settings button asks; afterwards the same item is shown.
    expect(await b.platform.requestNotificationPermission()).toBe('granted');
    expect(await b.platform.notifyWiedervorlage([item(1)])).toEqual({ ok: true, value: { shown: 1 } });
  });

  it('reports a denied request and a browser without notifications', async () => {
    const denied = fakeBrowser({ permission: 'default', grantOnRequest: 'denied' });
    expect(await denied.platform.requestNotificationPermission()).toBe('denied');
    expect(await denied.platform.notifyWiedervorlage([item(1)])).toEqual({ ok: true, value: { shown: 0 } });

    const none = fakeBrowser({ permission: null });
    expect(none.platform.notificationPermission()).toBe('unsupported');
    expect(await none.platform.requestNotificationPermission()).toBe('unsupported');
    expect(await none.platform.notifyWiedervorlage([item(1)])).toEqual({ ok: true, value: { shown: 0 } });
  });
});
