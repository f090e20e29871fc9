import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronAvailability = { available: true; binary: string } | { available: false; reason: string };

/**
 * Finds the Electron executable the way the electron package's index.js does, but without
 * its side effect: that code downloads the binary when it is missing, which hangs or fails
 * on machines without internet access.
 */
export function detectElectron(
  packageDir: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
): ElectronAvailability {
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { available: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  let binary: string;
  if (override !== undefined && override !== '') {
    binary = join(override, relative ?? 'electron');
  } else if (relative === undefined || relative === '') {
    return { available: false, reason: 'binary not downloaded' };
  } else {
    binary = join(packageDir, 'dist', relative);
  }
  if (!existsSync(binary)) return { available: false, reason: 'binary not downloaded' };
  if (platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return { available: false, reason: 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set' };
  }
  return { available: true, binary };
}
