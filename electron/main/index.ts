import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
  utilityProcess,
} from 'electron';
import electronUpdater from 'electron-updater';
import { registerIpcHandlers, sendIpcEvent } from './ipc.ts';
import { APP_SCHEME } from './services/app-origin.ts';
import { appSchemePrivileges, createAppProtocolHandler } from './services/app-protocol.ts';
import { ConfigError, loadConfig, machineConfigPath, type ClientSettings } from './services/config.ts';
import { buildCsp } from './services/csp.ts';
import { describeExit, startEmbeddedServer, type EmbeddedServer } from './services/embedded-server.ts';
import { createFileService } from './services/file-service.ts';
import { createNotificationService } from './services/notifications.ts';
import { guardWebContents, isPermissionGranted } from './services/security.ts';
import { resolveServerEntry } from './services/server-entry.ts';
import { nodeLauncher } from './services/server-process.ts';
import { createSigningService } from './services/signing.ts';
import { createSigningIpcHandlers } from './services/signing-ipc.ts';
import { loadUpdatePolicy, updatePolicyPath } from './services/update-policy.ts';
import {
  createUpdateService,
  describeOutcome,
  detectInstallKind,
  readBuiltInFeedUrl,
  readRolloutId,
} from './services/updater.ts';
import { utilityProcessLauncher } from './services/utility-process.ts';
import { createMainWindow } from './window.ts';

/** Composition root: lifecycle and wiring only; behaviour lives in ./services. */

const OUT_DIR = fileURLToPath(new URL('..', import.meta.url));
const RENDERER_DIR = join(OUT_DIR, 'renderer');
const PRELOAD = join(OUT_DIR, 'preload', 'index.cjs');
/** Updates: first check a minute after start (the embedded server and the first sync go first). */
const FIRST_UPDATE_CHECK_MS = 60_000;
const UPDATE_CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

class StartupError extends Error {
  readonly detail: string;
  constructor(message: string, detail: string) {
    super(message);
    this.detail = detail;
  }
}

protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();
// Same folder in development (package name "amtsplatz") and packaged (productName), as
// documented for administrators in docs/configuration.md.
app.setPath('userData', join(app.getPath('appData'), 'Amtsplatz'));

if (app.requestSingleInstanceLock()) {
  main().catch((error: unknown) => {
    const [message, detail] =
      error instanceof StartupError
        ? [error.message, error.detail]
        : ['Unerwarteter Fehler beim Start.', error instanceof Error ? error.message : String(error)];
    console.error(`[startup] ${message} ${detail}`);
    dialog.showErrorBox('Amtsplatz kann nicht starten', `${message}\n\n${detail}`);
    app.exit(1);
  });
} else {
  app.quit();
}

async function main(): Promise<void> {
  await app.whenReady();
  const { settings, warnings } = await loadSettings();
  const server = settings.embeddedServer.enabled ? await startServer(settings) : undefined;
  const serverUrl = server?.url ?? settings.serverUrl;
  const sources = server === undefined ? settings.sources : [...settings.sources, 'embedded-server'];

  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: RENDERER_DIR, csp: buildCsp(serverUrl) }));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, settings, (url) => void shell.openExternal(url)),
  );

  let window = createMainWindow(PRELOAD);
  const focusWindow = () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  };
  const files = createFileService({
    dialogs: {
      showSaveDialog: (options) => dialog.showSaveDialog(window, options),
      showOpenDialog: (options) => dialog.showOpenDialog(window, options),
    },
    shell,
    downloadsDir: app.getPath('downloads'),
    // Per user: on Linux the system temp folder is shared.
    openDir: join(app.getPath('temp'), `amtsplatz-open-${process.getuid?.() ?? 'user'}`),
  });
  void files.removeStale();
  app.on('will-quit', () => files.cleanup());
  const notifications = createNotificationService({
    create: (options) => new Notification(options),
    isSupported: () => Notification.isSupported(),
    onClick: (vorgangId) => {
      focusWindow();
      if (vorgangId !== null && !window.isDestroyed()) sendIpcEvent(window.webContents, 'open-vorgang', { vorgangId });
    },
  });
  const signing = createSigningService({
    store: join(app.getPath('userData'), 'signing'),
    // The asynchronous API: Electron 45 deprecates the synchronous one.
    safeStorage: {
      isEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
      encryptString: (plainText) => safeStorage.encryptStringAsync(plainText),
      decryptString: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
      ...(process.platform === 'linux' && { getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() }),
    },
  });
  // Registered in the same task that starts loading the window, so before its first invoke.
  registerIpcHandlers(ipcMain, {
    'app.info': () => ({
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron,
    }),
    'config.get': () => ({ serverUrl, sources }),
    'file.save': (input) => files.save(input),
    'file.open': (input) => files.open(input),
    'file.pick': (input) => files.pick(input),
    'notify.wiedervorlage': (input) => notifications.notifyWiedervorlage(input),
    ...createSigningIpcHandlers(signing, {
      dialogs: { showOpenDialog: (options) => dialog.showOpenDialog(window, options) },
    }),
  });

  app.on('second-instance', focusWindow);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(PRELOAD);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  if (server !== undefined) stopOnQuit(server);
  // Updates never stop the app: a failure here is logged, the app runs on.
  startUpdates().catch((error: unknown) =>
    console.error(`[updates] not started: ${error instanceof Error ? error.message : String(error)}`),
  );
  if (warnings.length > 0) {
    void dialog.showMessageBox(window, {
      type: 'warning',
      title: 'Amtsplatz',
      message: 'Ein Teil der persönlichen Einstellungen wird nicht verwendet.',
      detail: warnings.join('\n\n'),
    });
  }
}

async function loadSettings(): Promise<{ settings: ClientSettings; warnings: string[] }> {
  const userData = app.getPath('userData');
  try {
    const loaded = await loadConfig({
      machineFile: machineConfigPath(process.platform, process.env),
      userFile: join(userData, 'config.json'),
      defaultDataDir: join(userData, 'embedded-server'),
      env: process.env,
    });
    for (const warning of loaded.warnings) console.warn(`[config] ${warning}`);
    return loaded;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new StartupError('Die Konfiguration ist fehlerhaft. Bitte wenden Sie sich an Ihre IT.', error.message);
  }
}

async function startServer(settings: ClientSettings): Promise<EmbeddedServer> {
  const { port, dataDir, demo } = settings.embeddedServer;
  // Packaged: the bundle from `npm run build:server` in a utilityProcess (the runAsNode fuse is
  // off); in a checkout: the TypeScript sources under Node 24 from node_modules/.bin.
  const { entry, runtime } = resolveServerEntry({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  const launch =
    runtime === 'utility-process'
      ? utilityProcessLauncher((m, a, o) => utilityProcess.fork(m, a, o))
      : nodeLauncher('node');
  await mkdir(dataDir, { recursive: true });
  try {
    return await startEmbeddedServer({
      entry,
      port,
      dataDir,
      demo,
      launch,
      onCrash: (exit) =>
        dialog.showErrorBox(
          'Amtsplatz',
          `Der lokale Amtsplatz-Server wurde unerwartet beendet (${describeExit(exit)}). Bitte starten Sie Amtsplatz neu.`,
        ),
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StartupError('Der lokale Amtsplatz-Server konnte nicht gestartet werden.', detail);
  }
}

/** Background update checks under the machine's update policy (docs/it-guide.md). */
async function startUpdates(): Promise<void> {
  const policy = await loadUpdatePolicy(updatePolicyPath(process.platform, process.env));
  if (policy.problem !== undefined) console.warn(`[updates] ${policy.problem}`);
  const installKind = await detectInstallKind({
    isPackaged: app.isPackaged,
    platform: process.platform,
    execPath: process.execPath,
    resourcesPath: process.resourcesPath,
    env: process.env,
  });
  const updates = createUpdateService({
    // electron-updater picks the platform's updater on first access: only when it may run.
    updater: () => electronUpdater.autoUpdater,
    policy,
    builtInFeedUrl: app.isPackaged ? await readBuiltInFeedUrl(process.resourcesPath) : undefined,
    installKind,
    currentVersion: app.getVersion(),
    rolloutId: await readRolloutId(join(app.getPath('userData'), 'update-rollout-id')),
    fetch: (url, init) => net.fetch(url, init),
  });
  const check = () =>
    void updates.check().then((outcome) => console.log(`[updates] ${describeOutcome(outcome, app.getVersion())}`));
  if (updates.feedUrl === undefined) {
    check();
    return;
  }
  setTimeout(check, FIRST_UPDATE_CHECK_MS);
  setInterval(check, UPDATE_CHECK_EVERY_MS);
}

function stopOnQuit(server: EmbeddedServer): void {
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void server.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}
