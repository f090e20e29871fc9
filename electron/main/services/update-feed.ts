import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { load } from 'js-yaml';
import { z } from 'zod';
import { parseVersion } from './versions.ts';

/**
 * The update feed: the `latest.yml` (Windows), `latest-linux.yml` (Linux x64) … files that
 * electron-builder writes next to the installers and electron-updater's generic provider reads
 * from the feed URL IT hosts. Validated before anything is decided or downloaded: a malformed
 * feed is refused, never half-used.
 */

export class UpdateFeedError extends Error {
  readonly problems: readonly string[];
  constructor(source: string, problems: readonly string[]) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'UpdateFeedError';
    this.problems = problems;
  }
}

const semver = z.string().refine((v) => parseVersion(v) !== undefined, 'expected a semantic version such as 1.4.2');

/** base64 of a SHA-512 digest, as electron-builder writes it. */
const sha512 = z
  .string()
  .regex(/^[A-Za-z0-9+/]{86}==$/, 'expected the base64 SHA-512 digest electron-builder writes (88 characters)');

/**
 * A file name beside the feed. electron-builder writes bare names; a URL or a path out of the
 * feed's folder would let whoever edits the feed send the client to another server.
 */
const feedRelativeFile = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (url) =>
      !/[:\\?#%]/.test(url) && !url.startsWith('/') && url.split('/').every((s) => s !== '' && s !== '..' && s !== '.'),
    'expected a file name relative to the feed (no scheme, no absolute path, no ..)',
  );

const feedFile = z.looseObject({
  url: feedRelativeFile,
  sha512,
  size: z.int().positive().optional(),
  blockMapSize: z.int().positive().optional(),
  isAdminRightsRequired: z.boolean().optional(),
});
export type FeedFile = z.infer<typeof feedFile>;

/** js-yaml reads an unquoted timestamp as a Date; electron-builder quotes it, a hand edit may not. */
const releaseDate = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString() : v),
  z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2026-03-01T10:00:00.000Z' }),
);

/** Unknown keys pass: electron-builder adds fields (releaseNotes, minimumSystemVersion) over time. */
export const updateFeedSchema = z.looseObject({
  version: semver,
  files: z.array(feedFile).min(1, 'expected at least one file'),
  releaseDate,
  /** Staged rollout: the share of installations (by rollout bucket) that take this version. */
  stagingPercentage: z
    .number({ error: 'expected a whole number from 0 to 100' })
    .int('expected a whole number from 0 to 100')
    .min(0)
    .max(100)
    .optional(),
  releaseName: z.string().nullish(),
});
export type UpdateFeed = z.infer<typeof updateFeedSchema>;

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(feed)'}: ${issue.message}`);
}

/** Checks a feed already parsed (electron-updater hands its UpdateInfo to the rollout hook). */
export function validateUpdateFeed(value: unknown, source = 'update feed'): UpdateFeed {
  const parsed = updateFeedSchema.safeParse(value);
  if (!parsed.success) throw new UpdateFeedError(source, problemsOf(parsed.error));
  return parsed.data;
}

/** Parses the YAML text of a channel file (the same js-yaml reading electron-updater uses). */
export function parseUpdateFeed(text: string, source = 'update feed'): UpdateFeed {
  let value: unknown;
  try {
    value = load(text);
  } catch (error) {
    throw new UpdateFeedError(source, [
      `not YAML: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : ''}`,
    ]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UpdateFeedError(source, ['(feed): expected a YAML mapping with version, files and releaseDate']);
  }
  return validateUpdateFeed(value, source);
}

/**
 * The channel file electron-updater's generic provider asks for: `<channel>.yml` on Windows,
 * `<channel>-mac.yml` on macOS, `<channel>-linux.yml` on Linux x64 and `<channel>-linux-<arch>.yml`
 * on other Linux architectures.
 */
export function channelFileName(channel: string, platform: NodeJS.Platform, arch: string): string {
  if (platform === 'linux') return `${channel}-linux${arch === 'x64' ? '' : `-${arch}`}.yml`;
  if (platform === 'darwin') return `${channel}-mac.yml`;
  return `${channel}.yml`;
}

/** base64 SHA-512 of a file, read as a stream. */
export async function fileSha512(path: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

/** Whether the downloaded file is the one the feed describes: its SHA-512 and, when given, its size. */
export async function verifyDownloadedFile(
  path: string,
  expected: Pick<FeedFile, 'sha512' | 'size'>,
): Promise<{ ok: true } | { ok: false; problem: string }> {
  const actual = await fileSha512(path);
  if (actual !== expected.sha512) return { ok: false, problem: 'sha512 does not match the feed' };
  if (expected.size !== undefined) {
    const { size } = await stat(path);
    if (size !== expected.size)
      return { ok: false, problem: `size ${size} does not match the feed (${expected.size})` };
  }
  return { ok: true };
}
