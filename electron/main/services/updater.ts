import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { UpdateInfo } from 'electron-updater';
import { load } from 'js-yaml';
import { z } from 'zod';
import { UpdateFeedError, validateUpdateFeed } from './update-feed.ts';
import type { LoadedUpdatePolicy } from './update-policy.ts';
import { isValidSignature, signatureUrl } from './update-signature.ts';
import { decideUpdate, describeDecision, rolloutBucket, type UpdateDecision } from './updates.ts';

/**
 * Updates in the packaged app: electron-updater fetches the feed, downloads, checks the
 * SHA-512 (and on Windows the installer's Authenticode publisher) and installs on quit; what it
 * may take is decided here. Its `isUserWithinRollout` hook — called with the feed's UpdateInfo
 * before anything is downloaded — is where the feed is validated, the decision made
 * (updates.ts) and, when the policy names keys, the installers' signatures checked. A `false`
 * there stops electron-updater before the download.
 */

/** What this module uses of electron-updater's AppUpdater (the real autoUpdater satisfies it). */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  isUserWithinRollout: (info: UpdateInfo) => boolean | Promise<boolean>;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean } | null>;
  downloadUpdate(): Promise<string[]>;
}

/**
 * How the app was installed, which decides whether it can update itself: NSIS and AppImage
 * replace themselves, a deb is installed with dpkg through pkexec. An MSI belongs to the
 * software distribution that installed it (electron-updater would install the NSIS package
 * beside it), a development checkout to its developer.
 */
export type InstallKind = 'nsis' | 'appimage' | 'deb' | 'other' | 'development';

export const PRODUCT_NAME = 'Amtsplatz';
const SELF_UPDATING: readonly InstallKind[] = ['nsis', 'appimage', 'deb'];

export interface InstallLocation {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** process.execPath: the installed executable. */
  execPath: string;
  resourcesPath: string;
  env: Readonly<Record<string, string | undefined>>;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function detectInstallKind(location: InstallLocation): Promise<InstallKind> {
  if (!location.isPackaged) return 'development';
  switch (location.platform) {
    case 'win32': {
      // The NSIS installer leaves its uninstaller beside the executable; the MSI does not.
      const uninstaller = join(dirname(location.execPath), `Uninstall ${PRODUCT_NAME}.exe`);
      return (await exists(uninstaller)) ? 'nsis' : 'other';
    }
    case 'linux': {
      if (location.env['APPIMAGE'] !== undefined) return 'appimage';
      // electron-builder's deb target writes this marker; electron-updater reads the same file.
      const marker = await readFile(join(location.resourcesPath, 'package-type'), 'utf8').catch(() => '');
      return marker.trim() === 'deb' ? 'deb' : 'other';
    }
    default:
      return 'other';
  }
}

const appUpdateYml = z.looseObject({ provider: z.literal('generic'), url: z.url({ protocol: /^https?$/ }) });

/** Hosts under .invalid (RFC 2606) mark the placeholder in build/electron-builder.yml. */
export function isPlaceholderFeed(url: string): boolean {
  return new URL(url).hostname.endsWith('.invalid');
}

/**
 * The feed built into the app: electron-builder writes the `publish` configuration to
 * `<resources>/app-update.yml`. Undefined when missing, not a generic feed, or the placeholder.
 */
export async function readBuiltInFeedUrl(resourcesPath: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = appUpdateYml.safeParse(load(text));
  if (!parsed.success || isPlaceholderFeed(parsed.data.url)) return undefined;
  return parsed.data.url;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** This installation's rollout id: a random UUID kept in a file (made on first use). */
export async function readRolloutId(file: string): Promise<string> {
  const stored = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (UUID.test(stored)) return stored;
  const id = randomUUID();
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${id}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return id;
}

export type UpdateOutcome =
  | { kind: 'off'; reason: 'disabled' | 'no_feed' | 'not_self_updating'; detail: string }
  | { kind: 'none'; decision: UpdateDecision | undefined }
  | { kind: 'wait'; version: string; notBefore: string }
  /** The feed or a signature did not pass: nothing was downloaded. */
  | { kind: 'refused'; problem: string }
  /** Downloaded and verified; electron-updater installs it when the app quits. */
  | { kind: 'downloaded'; version: string }
  | { kind: 'failed'; problem: string };

export interface UpdateServiceOptions {
  /** Called once, at the first check that may run: electron-updater's autoUpdater in the app. */
  updater: () => UpdaterPort;
  policy: LoadedUpdatePolicy;
  /** The feed built into the app (readBuiltInFeedUrl); the policy's feedUrl wins. */
  builtInFeedUrl: string | undefined;
  installKind: InstallKind;
  currentVersion: string;
  rolloutId: string;
  /** For the `.sig` files: Electron's net.fetch in the app (system proxy and certificates). */
  fetch: (url: string, init: { signal: AbortSignal }) => Promise<Response>;
  now?: () => Date;
}

export interface UpdateService {
  /** The feed in use, if updates can run at all. */
  readonly feedUrl: string | undefined;
  check(): Promise<UpdateOutcome>;
}

const SIGNATURE_TIMEOUT_MS = 30_000;
const MAX_SIGNATURE_BYTES = 1024;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const { policy: loaded, currentVersion } = options;
  const { policy } = loaded;
  const now = options.now ?? (() => new Date());
  const feedUrl = policy.feedUrl ?? options.builtInFeedUrl;
  const bucket = rolloutBucket(options.rolloutId);

  const off = ((): UpdateOutcome | undefined => {
    if (loaded.problem !== undefined) return { kind: 'off', reason: 'disabled', detail: loaded.problem };
    if (policy.disabled) return { kind: 'off', reason: 'disabled', detail: `disabled by ${loaded.source ?? 'policy'}` };
    if (!SELF_UPDATING.includes(options.installKind)) {
      return { kind: 'off', reason: 'not_self_updating', detail: `installed as ${options.installKind}` };
    }
    if (feedUrl === undefined) return { kind: 'off', reason: 'no_feed', detail: 'no feed URL configured' };
    return undefined;
  })();

  async function fetchSignature(url: string): Promise<Uint8Array> {
    const res = await options.fetch(url, { signal: AbortSignal.timeout(SIGNATURE_TIMEOUT_MS) });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status}`);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength > MAX_SIGNATURE_BYTES) throw new Error(`${bytes.byteLength} bytes is not a signature`);
    return bytes;
  }

  /** Every installer the feed lists needs a valid signature: which one electron-updater picks is its business. */
  async function signatureProblem(
    base: string,
    decision: UpdateDecision & { kind: 'update' },
  ): Promise<string | undefined> {
    for (const file of decision.files) {
      const url = signatureUrl(base, file);
      let signature: Uint8Array;
      try {
        signature = await fetchSignature(url);
      } catch (error) {
        return `signature of ${file.url} could not be fetched (${messageOf(error)})`;
      }
      if (!isValidSignature(decision.version, file, signature, policy.signatureKeys)) {
        return `signature of ${file.url} is not valid for version ${decision.version} with the policy's keys`;
      }
    }
    return undefined;
  }

  let configured: UpdaterPort | undefined;
  function configure(base: string): UpdaterPort {
    if (configured !== undefined) return configured;
    const updater = options.updater();
    configured = updater;
    updater.autoDownload = false;
    updater.autoInstallOnAppQuit = true;
    updater.setFeedURL({ provider: 'generic', url: base, channel: policy.channel });
    updater.channel = policy.channel;
    // Setting a channel allows downgrades in electron-updater; the app never downgrades.
    updater.allowDowngrade = false;
    return updater;
  }

  return {
    feedUrl: off === undefined ? feedUrl : undefined,
    async check() {
      if (off !== undefined || feedUrl === undefined) return off ?? { kind: 'off', reason: 'no_feed', detail: '' };
      const base = feedUrl;
      const updater = configure(base);
      let decision: UpdateDecision | undefined;
      let refusal: string | undefined;
      updater.isUserWithinRollout = async (info) => {
        try {
          const feed = validateUpdateFeed(info, `update feed ${base}`);
          decision = decideUpdate({ currentVersion, feed, bucket, policy, now: now() });
        } catch (error) {
          refusal = error instanceof UpdateFeedError ? error.message : messageOf(error);
          return false;
        }
        if (decision.kind !== 'update') return false;
        if (policy.signatureKeys.length > 0) refusal = await signatureProblem(base, decision);
        return refusal === undefined;
      };
      let result: { isUpdateAvailable: boolean } | null;
      try {
        result = await updater.checkForUpdates();
      } catch (error) {
        return { kind: 'failed', problem: messageOf(error) };
      }
      if (refusal !== undefined) return { kind: 'refused', problem: refusal };
      if (decision?.kind === 'wait') return { kind: 'wait', version: decision.version, notBefore: decision.notBefore };
      if (decision?.kind !== 'update' || result?.isUpdateAvailable !== true) return { kind: 'none', decision };
      try {
        await updater.downloadUpdate();
      } catch (error) {
        return { kind: 'failed', problem: messageOf(error) };
      }
      return { kind: 'downloaded', version: decision.version };
    },
  };
}

/** One log line per check; versions, dates and reasons only. */
export function describeOutcome(outcome: UpdateOutcome, currentVersion: string): string {
  switch (outcome.kind) {
    case 'off':
      return `updates off (${outcome.reason}): ${outcome.detail}`;
    case 'none':
      return outcome.decision === undefined
        ? `no update (running ${currentVersion})`
        : describeDecision(outcome.decision, currentVersion);
    case 'wait':
      return `update ${outcome.version} held until ${outcome.notBefore} (delayDays)`;
    case 'refused':
      return `update refused: ${outcome.problem}`;
    case 'downloaded':
      return `update ${outcome.version} downloaded and verified; it is installed when Amtsplatz quits`;
    case 'failed':
      return `update check failed: ${outcome.problem}`;
  }
}
