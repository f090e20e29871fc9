/**
 * How the e2e suite and the benchmarks launch Debian's Chromium (never a downloaded browser).
 * Without the networking flags Chromium floods a closed network with connection attempts.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
