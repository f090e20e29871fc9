import { join } from 'node:path';

/**
 * Where the embedded server's code is and what runs it. Packaged, the server is the bundle that
 * `npm run build:server` writes to out/server and electron-builder copies to
 * `<resources>/server` (build/electron-builder.yml); Electron's utilityProcess runs it, because
 * the runAsNode fuse is off. In a checkout, Node 24 from node_modules/.bin runs the TypeScript
 * sources directly.
 */

/** Folder of the bundle below `out/` and below the packaged app's resources folder. */
export const SERVER_BUNDLE_DIR = 'server';
/** The bundle's entry file (ESM; utilityProcess accepts ES module entries since Electron 28). */
export const SERVER_BUNDLE_ENTRY = 'server.mjs';

export type ServerRuntime = 'utility-process' | 'node';

export interface ServerEntry {
  /** Absolute path of the file the runtime starts. */
  entry: string;
  runtime: ServerRuntime;
}

export interface AppLocation {
  isPackaged: boolean;
  /** `process.resourcesPath`: the folder beside app.asar. */
  resourcesPath: string;
  /** `app.getAppPath()`: the checkout in development. */
  appPath: string;
}

export function resolveServerEntry(location: AppLocation): ServerEntry {
  if (location.isPackaged) {
    return {
      entry: join(location.resourcesPath, SERVER_BUNDLE_DIR, SERVER_BUNDLE_ENTRY),
      runtime: 'utility-process',
    };
  }
  return { entry: join(location.appPath, 'server', 'src', 'main.ts'), runtime: 'node' };
}
