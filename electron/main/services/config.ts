import { readFile } from 'node:fs/promises';
import { isAbsolute, win32 } from 'node:path';
import { z } from 'zod';

/**
 * Managed configuration: a machine-wide file written by IT (software distribution, GPO)
 * and a per-user file, merged key by key. The machine file can lock keys so users cannot
 * change them. See docs/configuration.md for the administrator's view.
 */

export const LOCKABLE_KEYS = ['serverUrl', 'embeddedServer', 'allowedExternalOrigins'] as const;
export type LockableKey = (typeof LOCKABLE_KEYS)[number];

export const SERVER_URL_ENV = 'AMTSPLATZ_SERVER_URL';
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';
export const DEFAULT_EMBEDDED_PORT = 8080;

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

const httpOrigin = z.string().refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === s;
  } catch {
    return false;
  }
}, 'expected an origin such as https://www.example.org (scheme and host, no path or trailing slash)');

const absolutePath = z.string().min(1).refine(isAbsolute, 'expected an absolute path');

const embeddedServerFile = z.strictObject({
  enabled: z.boolean().optional(),
  port: z.int().min(1).max(65535).optional(),
  dataDir: absolutePath.optional(),
  demo: z.boolean().optional(),
});

/** One configuration file. Unknown keys are errors so that typos do not pass silently. */
export const configFileSchema = z.strictObject({
  serverUrl: httpUrl.optional(),
  embeddedServer: embeddedServerFile.optional(),
  allowedExternalOrigins: z.array(httpOrigin).optional(),
  /** Only in the machine file: keys the user file cannot override. */
  locked: z.array(z.enum(LOCKABLE_KEYS)).optional(),
});
export type ConfigFile = z.infer<typeof configFileSchema>;

export interface EmbeddedServerSettings {
  enabled: boolean;
  port: number;
  dataDir: string;
  demo: boolean;
}

export interface ClientSettings {
  serverUrl: string;
  embeddedServer: EmbeddedServerSettings;
  allowedExternalOrigins: string[];
  locked: LockableKey[];
  /** What contributed, in order of precedence (lowest first): shown in settings and support. */
  sources: string[];
}

export interface ConfigProblem {
  /** Dotted key path, e.g. "embeddedServer.port", or "(file)" for problems with the file itself. */
  key: string;
  problem: string;
}

export class ConfigError extends Error {
  readonly file: string;
  readonly problems: readonly ConfigProblem[];
  constructor(file: string, problems: readonly ConfigProblem[]) {
    super(`${file}: ${problems.map((p) => `${p.key}: ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
    this.file = file;
    this.problems = problems;
  }
}

export interface LoadConfigOptions {
  machineFile: string;
  userFile: string;
  /** Data directory of the embedded server when the files do not name one. */
  defaultDataDir: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface LoadedConfig {
  settings: ClientSettings;
  /** Problems that did not stop the app (bad user file, ignored overrides). No personal data. */
  warnings: string[];
}

/** Where IT puts the machine-wide file on each platform. */
export function machineConfigPath(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (platform === 'win32') return win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Amtsplatz', 'config.json');
  if (platform === 'darwin') return '/Library/Application Support/Amtsplatz/config.json';
  return '/etc/amtsplatz/config.json';
}

/**
 * Reads and merges both files. A bad machine file throws ConfigError (the app must not run
 * with a configuration IT did not intend); a bad user file is ignored with a warning.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const warnings: string[] = [];
  const sources = ['defaults'];
  const machine = await readConfigFile(options.machineFile);
  if (machine !== undefined) sources.push(options.machineFile);

  let user: ConfigFile | undefined;
  try {
    user = await readConfigFile(options.userFile);
    if (user?.locked !== undefined) {
      throw new ConfigError(options.userFile, [
        { key: 'locked', problem: 'may only be set in the machine configuration' },
      ]);
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    warnings.push(`${error.message} (the user configuration is ignored; using the machine configuration)`);
    user = undefined;
  }
  if (user !== undefined) sources.push(options.userFile);

  const locked = new Set<LockableKey>(machine?.locked ?? []);
  // Enabling a local server would route around a locked server address.
  const userLocked = new Set<LockableKey>(locked);
  if (locked.has('serverUrl')) userLocked.add('embeddedServer');
  const isUserLocked = (key: LockableKey): boolean => {
    if (user?.[key] === undefined || !userLocked.has(key)) return false;
    warnings.push(`${options.userFile}: ${key}: locked by ${options.machineFile}; the user value is ignored`);
    return true;
  };

  let serverUrl = machine?.serverUrl ?? DEFAULT_SERVER_URL;
  if (user?.serverUrl !== undefined && !isUserLocked('serverUrl')) serverUrl = user.serverUrl;

  let embedded = { ...machine?.embeddedServer };
  if (user?.embeddedServer !== undefined && !isUserLocked('embeddedServer')) {
    embedded = { ...embedded, ...user.embeddedServer };
  }

  let allowedExternalOrigins = machine?.allowedExternalOrigins ?? [];
  if (user?.allowedExternalOrigins !== undefined && !isUserLocked('allowedExternalOrigins')) {
    allowedExternalOrigins = user.allowedExternalOrigins;
  }

  // Developer override (npm start): points the app at an already running server.
  const fromEnv = options.env[SERVER_URL_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (locked.has('serverUrl') || locked.has('embeddedServer')) {
      warnings.push(`${SERVER_URL_ENV} is ignored: the server address is locked by ${options.machineFile}`);
    } else if (!httpUrl.safeParse(fromEnv).success) {
      warnings.push(`${SERVER_URL_ENV} is ignored: expected an http:// or https:// URL`);
    } else {
      serverUrl = fromEnv;
      embedded = { ...embedded, enabled: false };
      sources.push(`env:${SERVER_URL_ENV}`);
    }
  }

  return {
    settings: {
      serverUrl,
      embeddedServer: {
        enabled: embedded.enabled ?? false,
        port: embedded.port ?? DEFAULT_EMBEDDED_PORT,
        dataDir: embedded.dataDir ?? options.defaultDataDir,
        demo: embedded.demo ?? false,
      },
      allowedExternalOrigins,
      locked: [...locked],
      sources,
    },
    warnings,
  };
}

/** undefined when the file does not exist; ConfigError when it exists but is not usable. */
async function readConfigFile(file: string): Promise<ConfigFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(file, [{ key: '(file)', problem: `cannot be read (${code ?? 'unknown error'})` }]);
  }
  let json: unknown;
  try {
    // Windows editors (Notepad) save UTF-8 with a byte order mark, which JSON.parse rejects.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(file, [{ key: '(file)', problem: `not valid JSON: ${(error as Error).message}` }]);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.map(toProblem));
  return parsed.data;
}

function toProblem(issue: z.core.$ZodIssue): ConfigProblem {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path === '' ? k : `${path}.${k}`));
    return { key: keys.join(', '), problem: 'unknown key' };
  }
  return { key: path === '' ? '(top level)' : path, problem: issue.message };
}
