import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LAENDER, type Land } from '../../shared/domain/feiertage.ts';
import { checkConnectorUrl } from './modules/akte/http-connector.ts';
import { DEFAULT_LAND } from './modules/intake/new-vorgang.ts';

/** An HTTP connector's base URL and its bearer token (from the environment only). */
export interface ConnectorUrl {
  url: string;
  token: string | undefined;
}

/** Origin of the desktop app's window (electron/main/services/app-origin.ts). */
export const DESKTOP_APP_ORIGIN = 'app://amtsplatz';

export type DatabaseConfig = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface ServerConfig {
  demo: boolean;
  demoCount: number;
  /** How many of the newest demo Vorgänge get their Antrag rendered as PDF at first start. */
  demoAntraege: number;
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Content-addressed document bytes (docs/documents.md). */
  blobDir: string;
  /** Drop directory of the DMS connector (docs/e-akte.md, "DMS"); undefined: no DMS. */
  dmsDir: string | undefined;
  abgabeDir: string | undefined;
  archivDir: string | undefined;
  /** HTTP connectors instead of drop directories (docs/e-akte.md); the token from the environment only. */
  dmsUrl: ConnectorUrl | undefined;
  abgabeUrl: ConnectorUrl | undefined;
  archivUrl: ConnectorUrl | undefined;
  /** The Land whose public holidays count for Fristen. */
  land: Land;
  webRoot: string | undefined;
  corsOrigins: string[];
  sessionTtlMinutes: number;
  logLevel: string;
  trustProxy: boolean;
  /** The authority's seal (docs/bescheid-freigabe.md); demo mode generates a test PKI instead. */
  seal: { sealKey?: string; sealCert?: string; trustCa?: string; behoerde?: string; tsaUrl?: string };
}

export type ConfigResult =
  { kind: 'config'; config: ServerConfig } | { kind: 'help' } | { kind: 'error'; message: string };

/** The built web client of this checkout, served when present and no --web-root is given. */
export const DEFAULT_WEB_ROOT = resolve(import.meta.dirname, '../../out/renderer');

export const USAGE = `Usage: npm run server -- [options]

Amtsplatz reference server (HTTP API + optional web client).

Options (each also as environment variable):
  --demo                      Seed demo accounts (password "demo") and Vorgänge into an
                              empty database; demo accounts can log in only with --demo
                                                                   AMTSPLATZ_DEMO=1
  --demo-count N              Number of demo Vorgänge (default 1000) AMTSPLATZ_DEMO_COUNT
  --demo-antraege N           Newest demo Vorgänge whose Antrag is rendered as PDF and filed
                              in the background after seeding (default 50)
                                                                   AMTSPLATZ_DEMO_ANTRAEGE
  --port N                    TCP port, 0 = random (default 8080)   AMTSPLATZ_PORT
  --host ADDR                 Listen address (default 127.0.0.1)    AMTSPLATZ_HOST
  --data DIR                  PGlite data directory (default ./var/data)
                                                                   AMTSPLATZ_DATA
  --database-url URL          PostgreSQL (postgres://…) instead of PGlite
                                                                   AMTSPLATZ_DATABASE_URL
  --blob-dir DIR              Document store (default <data dir>/blobs with PGlite;
                              required with --database-url)         AMTSPLATZ_BLOB_DIR
  --dms-dir DIR               File closed Akten into a DMS through this drop directory
                              (xdomea 0605 to DIR/ausgang, answers from DIR/eingang;
                              default with --demo and PGlite: <data dir>/dms)
                                                                   AMTSPLATZ_DMS_DIR
  --abgabe-dir DIR            Hand Vorgänge to other authorities through this drop directory
                              (xdomea 0401 to DIR/ausgang, 0402/0403 from DIR/eingang;
                              default with --demo and PGlite: <data dir>/abgabe)
                                                                   AMTSPLATZ_ABGABE_DIR
  --archiv-dir DIR            Offer Akten whose retention ended to the archive through this
                              drop directory (xdomea 0501/0503 to DIR/ausgang, 0502/0504/
                              0506/0507 from DIR/eingang; default with --demo and PGlite:
                              <data dir>/archiv)                    AMTSPLATZ_ARCHIV_DIR
  --dms-url URL, --abgabe-url URL, --archiv-url URL
                              The same over HTTPS instead of a drop directory (http only on
                              loopback); bearer token from AMTSPLATZ_DMS_TOKEN,
                              AMTSPLATZ_ABGABE_TOKEN, AMTSPLATZ_ARCHIV_TOKEN
                                                                   AMTSPLATZ_DMS_URL, …_ABGABE_URL, …_ARCHIV_URL
  --land XX                   Land whose public holidays Fristen skip (default ${DEFAULT_LAND})
                              ${LAENDER.join(' ')}
                                                                   AMTSPLATZ_LAND
  --web-root DIR              Serve the web client from DIR (default: out/renderer if built)
                                                                   AMTSPLATZ_WEB_ROOT
  --cors-origin ORIGIN        Allow this origin to call /api; repeatable (default app://amtsplatz)
                                                                   AMTSPLATZ_CORS_ORIGINS (comma-separated)
  --session-ttl-minutes N     Session lifetime (default 720)        AMTSPLATZ_SESSION_TTL_MINUTES
  --log-level LEVEL           fatal|error|warn|info|debug|silent (default info)
                                                                   AMTSPLATZ_LOG_LEVEL
  --trust-proxy               Take the client IP from X-Forwarded-For (behind a reverse proxy)
                                                                   AMTSPLATZ_TRUST_PROXY=1
  --seal-key FILE             PEM private key of the authority's seal (unencrypted; keep the
                              file readable by the server account only) AMTSPLATZ_SEAL_KEY
  --seal-cert FILE            PEM seal certificate, then its chain  AMTSPLATZ_SEAL_CERT
  --trust-ca FILE             PEM CA certificate(s) sealed Bescheide are verified against
                                                                   AMTSPLATZ_TRUST_CA
  --behoerde FILE             JSON of the authority the server works for (letterhead,
                              Land, court, bank account; served to the clients and used
                              by the seal; required with --seal-key)  AMTSPLATZ_BEHOERDE
                              Without seal keys the server seals nothing; with --demo it
                              generates a test PKI under <data dir>/pki
  --tsa-url URL               RFC 3161 time-stamp authority (http or https): seals become
                              PAdES B-T; sealing fails while the TSA does  AMTSPLATZ_TSA_URL
  --help                      Show this help`;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

class ConfigError extends Error {}

function integer(name: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new ConfigError(`${name} must be a whole number, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function flag(name: string, text: string | undefined): boolean {
  if (text === undefined || text === '' || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') return true;
  throw new ConfigError(`${name} must be 1/true or 0/false, got "${text}"`);
}

/** Command line over environment over defaults. Pure apart from checking that paths exist. */
export function parseConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ConfigResult {
  try {
    const { values: a } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        demo: { type: 'boolean' },
        'demo-count': { type: 'string' },
        'demo-antraege': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'database-url': { type: 'string' },
        'blob-dir': { type: 'string' },
        'dms-dir': { type: 'string' },
        'abgabe-dir': { type: 'string' },
        'archiv-dir': { type: 'string' },
        'dms-url': { type: 'string' },
        'abgabe-url': { type: 'string' },
        'archiv-url': { type: 'string' },
        land: { type: 'string' },
        'web-root': { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        'session-ttl-minutes': { type: 'string' },
        'log-level': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        'seal-key': { type: 'string' },
        'seal-cert': { type: 'string' },
        'trust-ca': { type: 'string' },
        behoerde: { type: 'string' },
        'tsa-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (a.help) return { kind: 'help' };

    const dataDir = a.data ?? env.AMTSPLATZ_DATA;
    const databaseUrl = a['database-url'] ?? env.AMTSPLATZ_DATABASE_URL;
    if (dataDir !== undefined && databaseUrl !== undefined) {
      throw new ConfigError('give either --data (PGlite) or --database-url (PostgreSQL), not both');
    }
    if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new ConfigError('--database-url must start with postgres:// or postgresql://');
    }

    const explicitBlobDir = a['blob-dir'] ?? env.AMTSPLATZ_BLOB_DIR;
    if (databaseUrl !== undefined && explicitBlobDir === undefined) {
      // Instances behind a load balancer must share it, so there is no sensible default.
      throw new ConfigError('--database-url needs --blob-dir (a directory all server instances share)');
    }
    const blobDir = explicitBlobDir ?? join(dataDir ?? './var/data', 'blobs');
    const demo = a.demo ?? flag('AMTSPLATZ_DEMO', env.AMTSPLATZ_DEMO);

    const land = (a.land ?? env.AMTSPLATZ_LAND ?? DEFAULT_LAND).toUpperCase();
    if (!isLand(land)) throw new ConfigError(`--land must be one of ${LAENDER.join(', ')}, got "${land}"`);

    const explicitWebRoot = a['web-root'] ?? env.AMTSPLATZ_WEB_ROOT;
    if (explicitWebRoot !== undefined && !existsSync(resolve(explicitWebRoot, 'index.html'))) {
      throw new ConfigError(`--web-root ${explicitWebRoot} has no index.html`);
    }
    const webRoot =
      explicitWebRoot !== undefined
        ? resolve(explicitWebRoot)
        : existsSync(resolve(DEFAULT_WEB_ROOT, 'index.html'))
          ? DEFAULT_WEB_ROOT
          : undefined;

    // The desktop app's own origin is allowed by default: no web page can carry it.
    const corsOrigins =
      a['cors-origin'] ??
      (env.AMTSPLATZ_CORS_ORIGINS ?? DESKTOP_APP_ORIGIN)
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o !== '');
    for (const origin of corsOrigins) {
      if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(origin)) {
        throw new ConfigError(`--cors-origin "${origin}" is not an origin like https://host:port (no path)`);
      }
    }

    const seal: ServerConfig['seal'] = {};
    const sealFiles = [
      ['sealKey', '--seal-key', a['seal-key'] ?? env.AMTSPLATZ_SEAL_KEY],
      ['sealCert', '--seal-cert', a['seal-cert'] ?? env.AMTSPLATZ_SEAL_CERT],
      ['trustCa', '--trust-ca', a['trust-ca'] ?? env.AMTSPLATZ_TRUST_CA],
      ['behoerde', '--behoerde', a.behoerde ?? env.AMTSPLATZ_BEHOERDE],
    ] as const;
    for (const [key, name, path] of sealFiles) {
      if (path === undefined) continue;
      if (!existsSync(path)) throw new ConfigError(`${name} ${path} does not exist`);
      seal[key] = resolve(path);
    }
    if ((seal.sealKey === undefined) !== (seal.sealCert === undefined)) {
      throw new ConfigError('--seal-key and --seal-cert go together');
    }
    const tsaUrl = a['tsa-url'] ?? env.AMTSPLATZ_TSA_URL;
    if (tsaUrl !== undefined) seal.tsaUrl = httpUrl('--tsa-url', tsaUrl);

    const connector = (
      option: string,
      envKey: 'DMS' | 'ABGABE' | 'ARCHIV',
      dir: string | undefined,
      url: string | undefined,
      demoSubdir: string,
    ): { dir: string | undefined; url: ConnectorUrl | undefined } => {
      if (dir !== undefined && url !== undefined) {
        throw new ConfigError(`--${option}-dir and --${option}-url exclude each other`);
      }
      if (url !== undefined) {
        try {
          return { dir: undefined, url: { url: checkConnectorUrl(url).href, token: env[`AMTSPLATZ_${envKey}_TOKEN`] } };
        } catch (error) {
          throw new ConfigError(`--${option}-url: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const demoDir = demo && databaseUrl === undefined ? join(dataDir ?? './var/data', demoSubdir) : undefined;
      return { dir: dir ?? demoDir, url: undefined };
    };
    const dms = connector(
      'dms',
      'DMS',
      a['dms-dir'] ?? env.AMTSPLATZ_DMS_DIR,
      a['dms-url'] ?? env.AMTSPLATZ_DMS_URL,
      'dms',
    );
    const abgabe = connector(
      'abgabe',
      'ABGABE',
      a['abgabe-dir'] ?? env.AMTSPLATZ_ABGABE_DIR,
      a['abgabe-url'] ?? env.AMTSPLATZ_ABGABE_URL,
      'abgabe',
    );
    const archiv = connector(
      'archiv',
      'ARCHIV',
      a['archiv-dir'] ?? env.AMTSPLATZ_ARCHIV_DIR,
      a['archiv-url'] ?? env.AMTSPLATZ_ARCHIV_URL,
      'archiv',
    );
    const connectors = {
      dmsDir: dms.dir,
      dmsUrl: dms.url,
      abgabeDir: abgabe.dir,
      abgabeUrl: abgabe.url,
      archivDir: archiv.dir,
      archivUrl: archiv.url,
    };

    const logLevel = a['log-level'] ?? env.AMTSPLATZ_LOG_LEVEL ?? 'info';
    if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);

    return {
      kind: 'config',
      config: {
        demo,
        demoCount: integer('--demo-count', a['demo-count'] ?? env.AMTSPLATZ_DEMO_COUNT ?? '1000', 0, 1_000_000),
        demoAntraege: integer(
          '--demo-antraege',
          a['demo-antraege'] ?? env.AMTSPLATZ_DEMO_ANTRAEGE ?? '50',
          0,
          1_000_000,
        ),
        port: integer('--port', a.port ?? env.AMTSPLATZ_PORT ?? '8080', 0, 65_535),
        host: a.host ?? env.AMTSPLATZ_HOST ?? '127.0.0.1',
        database:
          databaseUrl !== undefined
            ? { kind: 'postgres', url: databaseUrl }
            : { kind: 'pglite', dataDir: dataDir ?? './var/data' },
        blobDir,
        ...connectors,
        land,
        webRoot,
        corsOrigins,
        sessionTtlMinutes: integer(
          '--session-ttl-minutes',
          a['session-ttl-minutes'] ?? env.AMTSPLATZ_SESSION_TTL_MINUTES ?? '720',
          1,
          60 * 24 * 30,
        ),
        logLevel,
        trustProxy: a['trust-proxy'] ?? flag('AMTSPLATZ_TRUST_PROXY', env.AMTSPLATZ_TRUST_PROXY),
        seal,
      },
    };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: 'error', message: error.message };
    // parseArgs reports unknown options and missing values with a clear message of its own.
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      return { kind: 'error', message: error.message };
    }
    throw error;
  }
}

/** An absolute http(s) URL; the message never repeats it, as it may carry credentials. */
function httpUrl(name: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL`);
  return url.href;
}

function isLand(text: string): text is Land {
  return (LAENDER as readonly string[]).includes(text);
}

/** For the startup line: never print credentials of a database URL. */
export function describeDatabase(db: DatabaseConfig): string {
  if (db.kind === 'pglite') return `pglite ${db.dataDir}`;
  try {
    const url = new URL(db.url);
    return `postgres ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return 'postgres';
  }
}
