import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reason given when the package is installed but its binary is not (yet) there. */
export const BINARY_NOT_DOWNLOADED = 'binary not downloaded';

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
    return { available: false, reason: BINARY_NOT_DOWNLOADED };
  } else {
    binary = join(packageDir, 'dist', relative);
  }
  if (!existsSync(binary)) return { available: false, reason: BINARY_NOT_DOWNLOADED };
  if (platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return { available: false, reason: 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set' };
  }
  return { available: true, binary };
}

/**
 * Electron (since 42) fetches its binary on first use instead of at install time. Runs the
 * package's own installer once, so that `npm start` on a machine with internet opens the
 * desktop app. Without internet it fails within a second or two and the caller falls back
 * to the web UI. ELECTRON_SKIP_BINARY_DOWNLOAD=1 (as in CI) skips the attempt.
 */
export function fetchElectronBinary(
  packageDir: string,
  env: Readonly<Record<string, string | undefined>>,
  timeoutMs: number,
): { ok: true } | { ok: false; reason: string } {
  if (env['ELECTRON_SKIP_BINARY_DOWNLOAD'] === '1') return { ok: false, reason: 'download skipped' };
  const installer = join(packageDir, 'install.js');
  if (!existsSync(installer)) return { ok: false, reason: 'the electron package has no installer' };
  const res = spawnSync(process.execPath, [installer], { cwd: packageDir, stdio: 'pipe', timeout: timeoutMs });
  if (res.error) return { ok: false, reason: `download did not finish (${res.error.message})` };
  return res.status === 0 ? { ok: true } : { ok: false, reason: 'binary download failed (no internet?)' };
}
