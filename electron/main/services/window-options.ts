import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer runs like a web page: sandboxed, isolated from the preload, without Node.
 * Its only way into the main process is the preload's contract-checked `invoke`.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
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
      // Chromium's spellchecker downloads Hunspell dictionaries from a Google CDN: no calls to
      // third parties from an administration workstation.
      spellcheck: false,
    },
  };
}
