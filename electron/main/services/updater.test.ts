import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign, type KeyObject, createPublicKey } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UpdateInfo } from 'electron-updater';
import { load } from 'js-yaml';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveUpdatePolicy, type LoadedUpdatePolicy, type UpdatePolicyFile } from './update-policy.ts';
import { signedMessage } from './update-signature.ts';
import {
  createUpdateService,
  describeOutcome,
  detectInstallKind,
  readBuiltInFeedUrl,
  readRolloutId,
  type UpdateServiceOptions,
  type UpdaterPort,
} from './updater.ts';
import { rolloutBucket } from './updates.ts';

const FEEDS = join(import.meta.dirname, 'fixtures', 'update-feed');

/**
 * Stands in for electron-updater's AppUpdater the way its checkForUpdates works
 * (AppUpdater.isUpdateAvailable): an equal version ends the check, otherwise the rollout hook
 * decides, then only a newer version (downgrades are off) is available; downloadUpdate is
 * refused before a check that found one.
 */
class StandInUpdater implements UpdaterPort {
  autoDownload = true;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  channel: string | null = null;
  isUserWithinRollout: (info: UpdateInfo) => boolean | Promise<boolean> = () => true;
  feed: { provider: 'generic'; url: string; channel: string } | undefined;
  checks = 0;
  downloads = 0;
  private available = false;
  private readonly info: UpdateInfo;
  private readonly current: string;
  private readonly failWith: Error | undefined;
  constructor(info: UpdateInfo, current: string, failWith?: Error) {
    this.info = info;
    this.current = current;
    this.failWith = failWith;
  }
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void {
    this.feed = options;
  }
  async checkForUpdates(): Promise<{ isUpdateAvailable: boolean }> {
    this.checks++;
    if (this.failWith !== undefined) throw this.failWith;
    if (this.info.version === this.current) return { isUpdateAvailable: (this.available = false) };
    const within = await this.isUserWithinRollout(this.info);
    this.available = within && this.info.version > this.current;
    return { isUpdateAvailable: this.available };
  }
  async downloadUpdate(): Promise<string[]> {
    if (!this.available) throw new Error('Please check update first');
    this.downloads++;
    return ['/tmp/installer'];
  }
}

let info: UpdateInfo;
let dir: string;
let sigServer: Server;
let sigBase: string;
let signatures: Map<string, Buffer>;
let privateKey: KeyObject;
let publicPem: string;

/** An id whose bucket is below / not below the fixture's stagingPercentage (20). */
function idWithBucket(test: (bucket: number) => boolean): string {
  for (let i = 0; ; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    if (test(rolloutBucket(id))) return id;
  }
}
const IN_ROLLOUT = idWithBucket((b) => b < 20);
const OUT_OF_ROLLOUT = idWithBucket((b) => b >= 20);

beforeAll(async () => {
  info = load(await readFile(join(FEEDS, 'latest-linux.yml'), 'utf8')) as UpdateInfo;
  const pem = execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519']).toString();
  privateKey = createPrivateKey(pem);
  publicPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  signatures = new Map();
  sigServer = createServer((req, res) => {
    const body = signatures.get(req.url ?? '');
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => sigServer.listen(0, '127.0.0.1', resolve));
  sigBase = `http://127.0.0.1:${(sigServer.address() as AddressInfo).port}/amtsplatz/`;
});
afterAll(() => new Promise<void>((resolve) => sigServer.close(() => resolve())));
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-updater-'));
  signatures.clear();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const loaded = (file: UpdatePolicyFile = {}, problem?: string): LoadedUpdatePolicy => ({
  policy: resolveUpdatePolicy(file),
  source: '/etc/amtsplatz/update-policy.json',
  problem,
});

function service(updater: StandInUpdater, change: Partial<UpdateServiceOptions> = {}) {
  let created = 0;
  const options: UpdateServiceOptions = {
    updater: () => {
      created++;
      return updater;
    },
    policy: loaded(),
    builtInFeedUrl: sigBase,
    installKind: 'appimage',
    currentVersion: '1.2.4',
    rolloutId: IN_ROLLOUT,
    fetch: (url, init) => fetch(url, init),
    now: () => new Date('2026-03-10T00:00:00.000Z'),
    ...change,
  };
  return { updates: createUpdateService(options), created: () => created };
}

function signAll(version: string, files = info.files): void {
  for (const file of files) {
    signatures.set(`/amtsplatz/${file.url}.sig`, sign(null, signedMessage(version, file), privateKey));
  }
}

describe('createUpdateService', () => {
  it('configures electron-updater for the generic feed and downloads a version it may take', async () => {
    const updater = new StandInUpdater(info, '1.2.4');
    const { updates } = service(updater, { policy: loaded({ channel: 'beta' }) });
    expect(updates.feedUrl).toBe(sigBase);
    const outcome = await updates.check();
    expect(outcome).toEqual({ kind: 'downloaded', version: '1.3.0' });
    expect(describeOutcome(outcome, '1.2.4')).toBe(
      'update 1.3.0 downloaded and verified; it is installed when Amtsplatz quits',
    );
    expect(updater).toMatchObject({
      autoDownload: false,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      channel: 'beta',
      feed: { provider: 'generic', url: sigBase, channel: 'beta' },
      downloads: 1,
    });
  });

  it('prefers the feed of the policy to the one built into the app', async () => {
    const updater = new StandInUpdater(info, '1.2.4');
    const { updates } = service(updater, {
      policy: loaded({ feedUrl: 'https://sw.behoerde.example/amtsplatz/' }),
      builtInFeedUrl: 'https://build.example/feed/',
    });
    await updates.check();
    expect(updater.feed?.url).toBe('https://sw.behoerde.example/amtsplatz/');
  });

  it.each([
    ['the policy switches updates off', { policy: loaded({ disabled: true }) }, 'disabled'],
    ['the policy file is invalid', { policy: loaded({}, 'bad file; updates are off') }, 'disabled'],
    ['an MSI install', { installKind: 'other' as const }, 'not_self_updating'],
    ['a checkout', { installKind: 'development' as const }, 'not_self_updating'],
    ['no feed is configured', { builtInFeedUrl: undefined }, 'no_feed'],
  ])('stays off, without touching electron-updater, when %s', async (_what, change, reason) => {
    const updater = new StandInUpdater(info, '1.2.4');
    const { updates, created } = service(updater, change);
    expect(updates.feedUrl).toBeUndefined();
    expect(await updates.check()).toMatchObject({ kind: 'off', reason });
    expect(created()).toBe(0);
    expect(updater.checks).toBe(0);
  });

  it('does not download outside the rollout, when pinned elsewhere, or while delayed', async () => {
    const out = new StandInUpdater(info, '1.2.4');
    expect(await service(out, { rolloutId: OUT_OF_ROLLOUT }).updates.check()).toMatchObject({
      kind: 'none',
      decision: { reason: 'not_in_rollout' },
    });
    const pinned = new StandInUpdater(info, '1.2.4');
    expect(await service(pinned, { policy: loaded({ pinVersion: '1.2.5' }) }).updates.check()).toMatchObject({
      kind: 'none',
      decision: { reason: 'pinned' },
    });
    const delayed = new StandInUpdater(info, '1.2.4');
    const outcome = await service(delayed, { policy: loaded({ delayDays: 14 }) }).updates.check();
    expect(outcome).toEqual({ kind: 'wait', version: '1.3.0', notBefore: '2026-03-16T09:30:00.000Z' });
    expect([out.downloads, pinned.downloads, delayed.downloads]).toEqual([0, 0, 0]);
  });

  it('reports an up-to-date app without a decision when electron-updater stops at the equal version', async () => {
    const updater = new StandInUpdater(info, '1.3.0');
    const outcome = await service(updater, { currentVersion: '1.3.0' }).updates.check();
    expect(outcome).toEqual({ kind: 'none', decision: undefined });
    expect(describeOutcome(outcome, '1.3.0')).toBe('no update (running 1.3.0)');
  });

  it('refuses a malformed feed before anything is downloaded', async () => {
    const broken = { ...info, files: [{ url: 'https://elsewhere.example/x.AppImage', sha512: 'x' }] } as UpdateInfo;
    const updater = new StandInUpdater(broken, '1.2.4');
    const outcome = await service(updater).updates.check();
    expect(outcome.kind).toBe('refused');
    expect(describeOutcome(outcome, '1.2.4')).toMatch(
      /^update refused: update feed http:\/\/127\.0\.0\.1:\d+\/amtsplatz\/: files\.0\.url: expected a file name relative to the feed .*; files\.0\.sha512: /,
    );
    expect(updater.downloads).toBe(0);
  });

  describe('with signature keys in the policy', () => {
    const keys = () => loaded({ signatureKeys: [publicPem] });

    it('downloads when every installer of the feed carries a valid signature', async () => {
      signAll('1.3.0');
      const updater = new StandInUpdater(info, '1.2.4');
      expect(await service(updater, { policy: keys() }).updates.check()).toEqual({
        kind: 'downloaded',
        version: '1.3.0',
      });
    });

    it('refuses when one signature is missing', async () => {
      signAll('1.3.0', info.files.slice(0, 1));
      const updater = new StandInUpdater(info, '1.2.4');
      expect(await service(updater, { policy: keys() }).updates.check()).toEqual({
        kind: 'refused',
        problem: 'signature of amtsplatz_1.3.0_amd64.deb could not be fetched (HTTP 404)',
      });
      expect(updater.downloads).toBe(0);
    });

    it('refuses signatures made for another version (an old installer passed off as new)', async () => {
      signAll('1.2.9');
      const updater = new StandInUpdater(info, '1.2.4');
      expect(await service(updater, { policy: keys() }).updates.check()).toEqual({
        kind: 'refused',
        problem: "signature of Amtsplatz-1.3.0.AppImage is not valid for version 1.3.0 with the policy's keys",
      });
      expect(updater.downloads).toBe(0);
    });
  });

  it('reports a failing check (feed unreachable) without throwing', async () => {
    const updater = new StandInUpdater(info, '1.2.4', new Error('net::ERR_NAME_NOT_RESOLVED'));
    expect(await service(updater).updates.check()).toEqual({ kind: 'failed', problem: 'net::ERR_NAME_NOT_RESOLVED' });
  });
});

describe('detectInstallKind', () => {
  const base = { isPackaged: true, env: {} };

  it('tells NSIS from MSI on Windows by the uninstaller beside the executable', async () => {
    const app = join(dir, 'Amtsplatz');
    await mkdir(app);
    const location = { ...base, platform: 'win32' as const, execPath: join(app, 'Amtsplatz.exe'), resourcesPath: app };
    expect(await detectInstallKind(location)).toBe('other');
    await writeFile(join(app, 'Uninstall Amtsplatz.exe'), '');
    expect(await detectInstallKind(location)).toBe('nsis');
  });

  it('knows an AppImage by its variable and a deb by the marker electron-builder writes', async () => {
    const linux = { ...base, platform: 'linux' as const, execPath: join(dir, 'amtsplatz'), resourcesPath: dir };
    expect(await detectInstallKind(linux)).toBe('other');
    expect(await detectInstallKind({ ...linux, env: { APPIMAGE: '/home/u/Amtsplatz.AppImage' } })).toBe('appimage');
    await writeFile(join(dir, 'package-type'), 'deb');
    expect(await detectInstallKind(linux)).toBe('deb');
    expect(await detectInstallKind({ ...linux, isPackaged: false })).toBe('development');
  });
});

describe('readBuiltInFeedUrl', () => {
  it('reads the generic feed electron-builder wrote to app-update.yml, but not the placeholder', async () => {
    expect(await readBuiltInFeedUrl(dir)).toBeUndefined();
    await writeFile(
      join(dir, 'app-update.yml'),
      'provider: generic\nurl: https://sw.behoerde.example/amtsplatz\nupdaterCacheDirName: amtsplatz-updater\n',
    );
    expect(await readBuiltInFeedUrl(dir)).toBe('https://sw.behoerde.example/amtsplatz');
    await writeFile(join(dir, 'app-update.yml'), 'provider: generic\nurl: https://updates.amtsplatz.invalid/feed\n');
    expect(await readBuiltInFeedUrl(dir)).toBeUndefined();
    await writeFile(join(dir, 'app-update.yml'), 'provider: github\nowner: x\nrepo: y\n');
    expect(await readBuiltInFeedUrl(dir)).toBeUndefined();
  });
});

describe('readRolloutId', () => {
  it('makes a random id once and keeps it; replaces one that is not a UUID', async () => {
    const file = join(dir, 'user-data', 'update-rollout-id');
    const first = await readRolloutId(file);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await readRolloutId(file)).toBe(first);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
    await writeFile(file, 'garbage');
    const second = await readRolloutId(file);
    expect(second).not.toBe(first);
    expect(await readRolloutId(file)).toBe(second);
  });
});
