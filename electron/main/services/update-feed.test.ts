import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  channelFileName,
  fileSha512,
  parseUpdateFeed,
  UpdateFeedError,
  validateUpdateFeed,
  verifyDownloadedFile,
  type UpdateFeed,
} from './update-feed.ts';

const FEEDS = join(import.meta.dirname, 'fixtures', 'update-feed');
const fixture = (name: string) => readFile(join(FEEDS, name), 'utf8');
/** The fixtures' digests are those of this text (fixtures/update-feed/README.md). */
const standIn = (file: string) => `stand-in for ${file}`;

function problems(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof UpdateFeedError) return error.problems;
    throw error;
  }
  throw new Error('the feed was accepted');
}

let windows: UpdateFeed;
let dir: string;
beforeAll(async () => {
  windows = parseUpdateFeed(await fixture('latest.yml'));
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-feed-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('parseUpdateFeed', () => {
  it('reads the feed electron-builder writes for NSIS per machine', () => {
    expect(windows).toMatchObject({
      version: '1.3.0',
      releaseDate: '2026-03-02T09:30:00.000Z',
      files: [
        {
          url: 'Amtsplatz-Setup-1.3.0.exe',
          sha512: 'Px72wGOjlOKaZEk1NvgjV1DlR4G6E62/7JyopFatEPPtdYgX8fzh3xcs2xMx24qFboccLpIoCMwmQkCyjJ5Obg==',
          size: 38,
          isAdminRightsRequired: true,
        },
      ],
    });
    expect(windows.stagingPercentage).toBeUndefined();
  });

  it('reads the Linux feed with both packages and a staged rollout', async () => {
    const linux = parseUpdateFeed(await fixture('latest-linux.yml'));
    expect(linux.files.map((f) => f.url)).toEqual(['Amtsplatz-1.3.0.AppImage', 'amtsplatz_1.3.0_amd64.deb']);
    expect(linux.stagingPercentage).toBe(20);
  });

  it("agrees with electron-updater's own reading of the same files", async () => {
    for (const name of ['latest.yml', 'latest-linux.yml']) {
      const text = await fixture(name);
      const theirs = parseUpdateInfo(text, name, new URL(`https://updates.example.org/amtsplatz/${name}`));
      expect(validateUpdateFeed(theirs)).toEqual(parseUpdateFeed(text));
    }
  });

  it('accepts an unquoted release date (a hand edit) and keeps unknown keys', () => {
    const feed = parseUpdateFeed(
      `version: 1.3.1\nfiles:\n  - url: a.exe\n    sha512: ${windows.files[0]?.sha512 ?? ''}\nreleaseDate: 2026-04-01T08:00:00Z\nminimumSystemVersion: 10.0.19045\n`,
    );
    expect(feed.releaseDate).toBe('2026-04-01T08:00:00.000Z');
    expect(feed['minimumSystemVersion']).toBe('10.0.19045');
  });

  it('refuses text that is not a feed, naming the problem', () => {
    expect(problems(() => parseUpdateFeed('version: [1.3.0'))[0]).toMatch(/^not YAML: /);
    expect(problems(() => parseUpdateFeed('- 1.3.0\n'))).toEqual([
      '(feed): expected a YAML mapping with version, files and releaseDate',
    ]);
    expect(problems(() => parseUpdateFeed('releaseDate: "2026-03-02T09:30:00.000Z"\n'))).toEqual([
      'version: Invalid input: expected string, received undefined',
      'files: Invalid input: expected array, received undefined',
    ]);
  });

  it.each([
    ['a version that is not semver', { version: 'v1.3' }, 'version: expected a semantic version such as 1.4.2'],
    ['no files', { files: [] }, 'files: expected at least one file'],
    [
      'an absolute URL',
      { files: [{ url: 'https://elsewhere.example/evil.exe', sha512: 'A'.repeat(86) + '==' }] },
      'files.0.url: expected a file name relative to the feed (no scheme, no absolute path, no ..)',
    ],
    [
      'a path out of the feed',
      { files: [{ url: '../other/Amtsplatz.exe', sha512: 'A'.repeat(86) + '==' }] },
      'files.0.url: expected a file name relative to the feed (no scheme, no absolute path, no ..)',
    ],
    [
      'a digest that is not SHA-512',
      { files: [{ url: 'a.exe', sha512: 'abc' }] },
      'files.0.sha512: expected the base64 SHA-512 digest electron-builder writes (88 characters)',
    ],
    ['a fractional rollout', { stagingPercentage: 12.5 }, 'stagingPercentage: expected a whole number from 0 to 100'],
    ['a rollout above 100 %', { stagingPercentage: 150 }, 'stagingPercentage: expected a whole number from 0 to 100'],
    [
      'a date that is no date',
      { releaseDate: 'gestern' },
      'releaseDate: expected an ISO 8601 date-time such as 2026-03-01T10:00:00.000Z',
    ],
  ])('refuses %s', (_what, change, problem) => {
    expect(problems(() => validateUpdateFeed({ ...windows, ...change }))).toEqual([problem]);
  });
});

describe('channelFileName', () => {
  it("names the file electron-updater's generic provider asks for", () => {
    expect(channelFileName('latest', 'win32', 'x64')).toBe('latest.yml');
    expect(channelFileName('beta', 'win32', 'arm64')).toBe('beta.yml');
    expect(channelFileName('latest', 'linux', 'x64')).toBe('latest-linux.yml');
    expect(channelFileName('latest', 'linux', 'arm64')).toBe('latest-linux-arm64.yml');
    expect(channelFileName('latest', 'darwin', 'arm64')).toBe('latest-mac.yml');
  });
});

describe('verifyDownloadedFile', () => {
  const file = () => windows.files[0] ?? expect.fail('no file');

  it('accepts the file the feed describes', async () => {
    const path = join(dir, file().url);
    await writeFile(path, standIn(file().url));
    expect(await fileSha512(path)).toBe(file().sha512);
    expect(await verifyDownloadedFile(path, file())).toEqual({ ok: true });
  });

  it('refuses a file with one byte changed, and one of another size', async () => {
    const changed = join(dir, 'changed.exe');
    await writeFile(changed, standIn(file().url).replace('s', 'S'));
    expect(await verifyDownloadedFile(changed, file())).toEqual({
      ok: false,
      problem: 'sha512 does not match the feed',
    });
    const path = join(dir, file().url);
    await writeFile(path, standIn(file().url));
    expect(await verifyDownloadedFile(path, { ...file(), size: 39 })).toEqual({
      ok: false,
      problem: 'size 38 does not match the feed (39)',
    });
  });
});
