import { parseArgs } from 'node:util';

export interface StartOptions {
  port: number;
  /** Run `electron-vite build` first. */
  build: boolean;
  /** Serve the web UI only, even if Electron could start. */
  web: boolean;
  /** PGlite data directory of the demo server, relative to the repository root. */
  dataDir: string;
}

export const START_USAGE = `Usage: npm start -- [--port <n>] [--no-build] [--web] [--data <dir>]

  --port <n>    server port (default: $AMTSPLATZ_PORT or 8080)
  --no-build    skip electron-vite build and use the existing out/
  --web         do not try the desktop app; serve the web UI only
  --data <dir>  demo database directory (default: var/demo)`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseStartArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): StartOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowNegative: true,
      options: {
        port: { type: 'string' },
        build: { type: 'boolean', default: true },
        web: { type: 'boolean', default: false },
        data: { type: 'string', default: 'var/demo' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const portText = values.port ?? env['AMTSPLATZ_PORT'] ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new UsageError(`Invalid port "${portText}": expected a number from 1 to 65535`);
  }
  return { port, build: values.build, web: values.web, dataDir: values.data };
}
