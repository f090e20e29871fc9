import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './services/app-origin.ts';
import { newMainWindow } from './services/window-options.ts';

/** Opens the app window on the app:// origin; security guards come from 'web-contents-created'. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = newMainWindow(BrowserWindow, preloadPath);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
