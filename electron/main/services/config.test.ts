import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, machineConfigPath, type LoadConfigOptions } from './config.ts';

let dir: string;
let options: LoadConfigOptions;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-config-'));
  await mkdir(join(dir, 'etc'));
  await mkdir(join(dir, 'user'));
  options = {
    machineFile: join(dir, 'etc', 'config.json'),
    userFile: join(dir, 'user', 'config.json'),
    defaultDataDir: join(dir, 'user', 'embedded-server'),
    env: {},
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const writeMachine = (content: unknown) =>
  writeFile(options.machineFile, typeof content === 'string' ? content : JSON.stringify(content));
const writeUser = (content: unknown) =>
  writeFile(options.userFile, typeof content === 'string' ? content : JSON.stringify(content));

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfig', () => {
  it('uses defaults when no file exists', async () => {
    const { settings, warnings } = await loadConfig(options);
    expect(settings).toEqual({
      serverUrl: 'http://127.0.0.1:8080',
      embeddedServer: { enabled: false, port: 8080, dataDir: options.defaultDataDir, demo: false },
      allowedExternalOrigins: [],
      locked: [],
      sources: ['defaults'],
    });
    expect(warnings).toEqual([]);
  });

  it('lets the user file override the machine file key by key, merging embeddedServer', async () => {
    await writeMachine({
      serverUrl: 'https://amtsplatz.kommune.example',
      embeddedServer: { enabled: false, port: 9000 },
      allowedExternalOrigins: ['https://www.kommune.example'],
    });
    await writeUser({ serverUrl: 'https://test.kommune.example/amtsplatz', embeddedServer: { demo: true } });
    const { settings, warnings } = await loadConfig(options);
    expect(settings.serverUrl).toBe('https://test.kommune.example/amtsplatz');
    expect(settings.embeddedServer).toEqual({
      enabled: false,
      port: 9000,
      dataDir: options.defaultDataDir,
      demo: true,
    });
    expect(settings.allowedExternalOrigins).toEqual(['https://www.kommune.example']);
    expect(settings.sources).toEqual(['defaults', options.machineFile, options.userFile]);
    expect(warnings).toEqual([]);
  });

  it('ignores user values for locked keys, with a warning naming file and key', async () => {
    await writeMachine({ serverUrl: 'https://amtsplatz.kommune.example', locked: ['serverUrl'] });
    await writeUser({ serverUrl: 'https://elsewhere.example', allowedExternalOrigins: ['https://a.example'] });
    const { settings, warnings } = await loadConfig(options);
    expect(settings.serverUrl).toBe('https://amtsplatz.kommune.example');
    expect(settings.allowedExternalOrigins).toEqual(['https://a.example']);
    expect(settings.locked).toEqual(['serverUrl']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(options.userFile);
    expect(warnings[0]).toContain('serverUrl');
  });

  it('does not let a user route around a locked serverUrl with the embedded server', async () => {
    await writeMachine({ serverUrl: 'https://amtsplatz.kommune.example', locked: ['serverUrl'] });
    await writeUser({ embeddedServer: { enabled: true } });
    const { settings, warnings } = await loadConfig(options);
    expect(settings.embeddedServer.enabled).toBe(false);
    expect(warnings[0]).toContain('embeddedServer');
  });

  it('fails on a malformed machine file, naming the file', async () => {
    await writeMachine('{ "serverUrl": ');
    const error = await configError(loadConfig(options));
    expect(error.file).toBe(options.machineFile);
    expect(error.problems[0]?.key).toBe('(file)');
    expect(error.message).toContain(options.machineFile);
    expect(error.message).toContain('not valid JSON');
  });

  it('fails on wrong types and unknown keys in the machine file, naming every key', async () => {
    await writeMachine({
      serverUrl: 'ftp://files.example',
      embeddedServer: { enabled: 'yes', port: 70000, dataDir: 'relative/dir' },
      serverURL: 'https://typo.example',
      locked: ['nonsense'],
    });
    const error = await configError(loadConfig(options));
    const keys = error.problems.map((p) => p.key).sort();
    expect(keys).toEqual(
      [
        'serverUrl',
        'embeddedServer.enabled',
        'embeddedServer.port',
        'embeddedServer.dataDir',
        'serverURL',
        'locked.0',
      ].sort(),
    );
    expect(error.problems.find((p) => p.key === 'serverURL')?.problem).toBe('unknown key');
    expect(error.problems.find((p) => p.key === 'embeddedServer.dataDir')?.problem).toBe('expected an absolute path');
  });

  it('rejects origins with paths and a non-object file', async () => {
    await writeMachine({ allowedExternalOrigins: ['https://www.kommune.example/hilfe'] });
    expect((await configError(loadConfig(options))).problems[0]?.key).toBe('allowedExternalOrigins.0');
    await writeMachine('[]');
    expect((await configError(loadConfig(options))).problems[0]?.key).toBe('(top level)');
  });

  it('accepts a machine file saved with a UTF-8 byte order mark', async () => {
    await writeMachine('\uFEFF{"serverUrl":"https://amtsplatz.kommune.example"}');
    const { settings } = await loadConfig(options);
    expect(settings.serverUrl).toBe('https://amtsplatz.kommune.example');
  });

  it('falls back to the machine file when the user file is bad', async () => {
    await writeMachine({ serverUrl: 'https://amtsplatz.kommune.example' });
    for (const bad of ['not json', { serverUrl: 42 }, { colour: 'blue' }, { locked: ['serverUrl'] }]) {
      await writeUser(bad);
      const { settings, warnings } = await loadConfig(options);
      expect(settings.serverUrl).toBe('https://amtsplatz.kommune.example');
      expect(settings.sources).toEqual(['defaults', options.machineFile]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(options.userFile);
    }
  });

  it('reports an unreadable machine file as an error', async () => {
    await mkdir(options.machineFile);
    const error = await configError(loadConfig(options));
    expect(error.problems[0]?.problem).toContain('cannot be read');
  });

  describe(`environment override`, () => {
    it('points at the given server and disables the embedded server', async () => {
      await writeUser({ embeddedServer: { enabled: true } });
      const { settings } = await loadConfig({ ...options, env: { AMTSPLATZ_SERVER_URL: 'http://127.0.0.1:9999' } });
      expect(settings.serverUrl).toBe('http://127.0.0.1:9999');
      expect(settings.embeddedServer.enabled).toBe(false);
      expect(settings.sources).toContain('env:AMTSPLATZ_SERVER_URL');
    });

    it('does not override a locked address or accept a non-http URL', async () => {
      await writeMachine({ serverUrl: 'https://amtsplatz.kommune.example', locked: ['serverUrl'] });
      const locked = await loadConfig({ ...options, env: { AMTSPLATZ_SERVER_URL: 'http://127.0.0.1:9999' } });
      expect(locked.settings.serverUrl).toBe('https://amtsplatz.kommune.example');
      expect(locked.warnings[0]).toContain('AMTSPLATZ_SERVER_URL');

      await writeMachine({});
      const bad = await loadConfig({ ...options, env: { AMTSPLATZ_SERVER_URL: 'javascript:alert(1)' } });
      expect(bad.settings.serverUrl).toBe('http://127.0.0.1:8080');
      expect(bad.warnings[0]).toContain('AMTSPLATZ_SERVER_URL');
    });
  });
});

describe('machineConfigPath', () => {
  it('follows each platform’s convention for machine-wide settings', () => {
    expect(machineConfigPath('linux', {})).toBe('/etc/amtsplatz/config.json');
    expect(machineConfigPath('darwin', {})).toBe('/Library/Application Support/Amtsplatz/config.json');
    expect(machineConfigPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Amtsplatz\\config.json',
    );
    expect(machineConfigPath('win32', {})).toBe('C:\\ProgramData\\Amtsplatz\\config.json');
  });
});
