import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDatabase, parseConfig } from './config.ts';

const ok = (argv: string[], env: Record<string, string> = {}) => {
  const result = parseConfig(argv, env);
  if (result.kind !== 'config') throw new Error(`expected a config, got ${JSON.stringify(result)}`);
  return result.config;
};
const error = (argv: string[], env: Record<string, string> = {}) => {
  const result = parseConfig(argv, env);
  if (result.kind !== 'error') throw new Error(`expected an error, got ${result.kind}`);
  return result.message;
};

describe('server configuration', () => {
  it('has safe defaults: loopback, port 8080, PGlite in ./var/data, blobs beside it, Berlin, no demo', () => {
    expect(ok([])).toMatchObject({
      demo: false,
      demoCount: 1000,
      demoAntraege: 50,
      port: 8080,
      host: '127.0.0.1',
      database: { kind: 'pglite', dataDir: './var/data' },
      blobDir: join('./var/data', 'blobs'),
      land: 'BE',
      corsOrigins: ['app://amtsplatz'],
      sessionTtlMinutes: 720,
    });
  });

  it('reads the environment and lets the command line win', () => {
    const env = {
      AMTSPLATZ_PORT: '9000',
      AMTSPLATZ_DEMO: '1',
      AMTSPLATZ_CORS_ORIGINS: 'app://a, http://localhost:5173',
    };
    expect(ok([], env)).toMatchObject({ port: 9000, demo: true, corsOrigins: ['app://a', 'http://localhost:5173'] });
    expect(ok(['--port', '0', '--cors-origin', 'app://b'], env)).toMatchObject({ port: 0, corsOrigins: ['app://b'] });
    expect(ok(['--database-url', 'postgres://u:p@db:5432/amtsplatz', '--blob-dir', '/srv/blobs'])).toMatchObject({
      database: { kind: 'postgres', url: 'postgres://u:p@db:5432/amtsplatz' },
      blobDir: '/srv/blobs',
    });
  });

  it('keeps blobs beside the PGlite data unless told otherwise, and takes the Land in any case', () => {
    expect(ok(['--data', '/d']).blobDir).toBe(join('/d', 'blobs'));
    expect(ok(['--data', '/d'], { AMTSPLATZ_BLOB_DIR: '/b' }).blobDir).toBe('/b');
    expect(ok(['--blob-dir', '/c'], { AMTSPLATZ_BLOB_DIR: '/b' }).blobDir).toBe('/c');
    expect(ok(['--land', 'by']).land).toBe('BY');
    expect(ok([], { AMTSPLATZ_LAND: 'NW' }).land).toBe('NW');
    expect(ok(['--land', 'SN'], { AMTSPLATZ_LAND: 'NW' }).land).toBe('SN');
  });

  it('explains bad arguments', () => {
    expect(error(['--port', '70000'])).toBe('--port must be between 0 and 65535, got 70000');
    expect(error(['--demo-count', 'many'])).toBe('--demo-count must be a whole number, got "many"');
    expect(ok(['--demo-antraege', '0'])).toMatchObject({ demoAntraege: 0 });
    // A DMS only where one is named; the demo on PGlite gets a drop directory beside its data.
    expect(ok([]).dmsDir).toBeUndefined();
    expect(ok(['--demo', '--data', '/tmp/d'])).toMatchObject({ dmsDir: join('/tmp/d', 'dms') });
    expect(ok(['--dms-dir', '/srv/dms'])).toMatchObject({ dmsDir: '/srv/dms' });
    expect(ok(['--demo', '--database-url', 'postgres://u@h/db', '--blob-dir', '/b']).dmsDir).toBeUndefined();
    // Abgabe and archive likewise; each of the three over HTTPS instead, with the token from the environment.
    expect(ok(['--demo', '--data', '/tmp/d'])).toMatchObject({
      abgabeDir: join('/tmp/d', 'abgabe'),
      archivDir: join('/tmp/d', 'archiv'),
    });
    expect(
      ok(['--demo', '--data', '/tmp/d', '--archiv-url', 'https://archiv.example.de/x'], {
        AMTSPLATZ_ARCHIV_TOKEN: 't',
      }),
    ).toMatchObject({ archivDir: undefined, archivUrl: { url: 'https://archiv.example.de/x/', token: 't' } });
    expect(error(['--dms-dir', '/srv/dms', '--dms-url', 'https://dms.example.de/'])).toBe(
      '--dms-dir and --dms-url exclude each other',
    );
    expect(error(['--abgabe-url', 'http://gateway.example.de/'])).toMatch(/^--abgabe-url: .*must use https/);
    expect(ok([], { AMTSPLATZ_DEMO_ANTRAEGE: '7' })).toMatchObject({ demoAntraege: 7 });
    expect(error(['--data', 'x', '--database-url', 'postgres://h/db'])).toMatch(/either --data .* or --database-url/);
    expect(error(['--database-url', 'mysql://h/db'])).toMatch(/must start with postgres:\/\//);
    expect(error(['--database-url', 'postgres://h/db'])).toBe(
      '--database-url needs --blob-dir (a directory all server instances share)',
    );
    expect(error(['--land', 'XY'])).toMatch(/^--land must be one of BW, BY, BE, .*, got "XY"$/);
    expect(error(['--cors-origin', 'https://x/path'])).toMatch(/not an origin/);
    expect(error(['--web-root', '/nonexistent-dir'])).toBe('--web-root /nonexistent-dir has no index.html');
    expect(error(['--frobnicate'])).toMatch(/--frobnicate/);
    expect(error([], { AMTSPLATZ_DEMO: 'yes' })).toMatch(/AMTSPLATZ_DEMO must be 1\/true or 0\/false/);
    expect(parseConfig(['--help'], {}).kind).toBe('help');
  });

  it('takes an http(s) time-stamp authority URL and refuses anything else without echoing it', () => {
    expect(ok(['--tsa-url', 'https://tsa.example/rfc3161']).seal.tsaUrl).toBe('https://tsa.example/rfc3161');
    expect(ok([], { AMTSPLATZ_TSA_URL: 'http://127.0.0.1:3180/' }).seal.tsaUrl).toBe('http://127.0.0.1:3180/');
    expect(ok([]).seal.tsaUrl).toBeUndefined();
    expect(error(['--tsa-url', 'tsa.example/rfc3161'])).toBe('--tsa-url is not a valid URL');
    const message = error(['--tsa-url', 'ftp://user:secret@tsa.example/']);
    expect(message).toBe('--tsa-url must be an http(s) URL');
    expect(message).not.toContain('secret');
  });

  it('never prints database credentials', () => {
    expect(describeDatabase({ kind: 'postgres', url: 'postgres://admin:s3cret@db.local:5433/amtsplatz' })).toBe(
      'postgres db.local:5433/amtsplatz',
    );
    expect(describeDatabase({ kind: 'pglite', dataDir: './var/data' })).toBe('pglite ./var/data');
  });
});
