import type { BrowserWindowConstructorOptions } from 'electron';

/** Electron's BrowserWindow class, or a recorder in tests: this module loads without Electron. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens the main window. The renderer runs like a web page: sandboxed, isolated from the
 * preload, without Node; its only way into the main process is the preload's contract-checked
 * `invoke`. The options are written out at the `new BrowserWindow(…)` itself, not built
 * elsewhere, so that static checks of the built app (electronegativity, ADR 0008) see them.
 */
export function newMainWindow<W>(BrowserWindow: WindowConstructor<W>, preloadPath: string): W {
  return new BrowserWindow({
    title: 'Amtsplatz',
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click fires no auxclick event, so it cannot open anything; the window-open
      // handler denies new windows anyway (services/security.ts).
      disableBlinkFeatures: 'Auxclick',
      // Chromium's spellchecker downloads Hunspell dictionaries from a Google CDN: no calls to
      // third parties from an administration workstation.
      spellcheck: false,
    },
  });
}
