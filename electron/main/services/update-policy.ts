import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { win32 } from 'node:path';
import { z } from 'zod';
import { parseVersion } from './versions.ts';

/**
 * The machine's update policy: a JSON file IT rolls out beside the machine configuration
 * (docs/it-guide.md). Machine-wide only: there is no per-user override, a user cannot switch
 * updates on that IT switched off. A file that cannot be read as a valid policy switches updates
 * off (IT meant to restrict something) and says why.
 */

export const UPDATE_POLICY_FILE = 'update-policy.json';

/** Where IT puts the policy on each platform: the folder of the machine configuration. */
export function updatePolicyPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  if (platform === 'win32') return win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Amtsplatz', UPDATE_POLICY_FILE);
  if (platform === 'darwin') return `/Library/Application Support/Amtsplatz/${UPDATE_POLICY_FILE}`;
  return `/etc/amtsplatz/${UPDATE_POLICY_FILE}`;
}

/** A PEM public key of type Ed25519 (the key the release job signs the installers with). */
const ed25519PublicKey = z.string().refine((pem) => {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}, 'expected an Ed25519 public key in PEM form (-----BEGIN PUBLIC KEY-----)');

export const updatePolicySchema = z.strictObject({
  /** true: never check, download or install (software distribution manages the version). */
  disabled: z.boolean().optional(),
  /** Feed channel: `latest` (default) or e.g. `beta` for pilot machines. */
  channel: z
    .string()
    .regex(/^[a-z][a-z0-9]{0,31}$/, 'expected a channel name such as latest or beta')
    .optional(),
  /** Take exactly this version when the feed offers it, and no other. */
  pinVersion: z
    .string()
    .refine((v) => parseVersion(v) !== undefined, 'expected a semantic version such as 1.4.2')
    .optional(),
  /** Take a version only this many days after its release date. */
  delayDays: z.int('expected a whole number of days from 0 to 365').min(0).max(365).optional(),
  /** The feed IT hosts; overrides the URL built into the app (build/electron-builder.yml). */
  feedUrl: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  /**
   * Ed25519 public keys (PEM). When set, every installer the feed lists needs a valid
   * `<file>.sig` beside it, signed with one of these keys, or the update is refused.
   */
  signatureKeys: z.array(ed25519PublicKey).min(1).max(8).optional(),
});
export type UpdatePolicyFile = z.infer<typeof updatePolicySchema>;

export interface UpdatePolicy {
  disabled: boolean;
  channel: string;
  pinVersion: string | undefined;
  delayDays: number;
  feedUrl: string | undefined;
  signatureKeys: KeyObject[];
}

export interface LoadedUpdatePolicy {
  policy: UpdatePolicy;
  /** The file, if one was read. */
  source: string | undefined;
  /** Why updates are off although IT wrote a policy (unreadable or invalid file). */
  problem: string | undefined;
}

export const DEFAULT_CHANNEL = 'latest';

export function resolveUpdatePolicy(file: UpdatePolicyFile): UpdatePolicy {
  return {
    disabled: file.disabled ?? false,
    channel: file.channel ?? DEFAULT_CHANNEL,
    pinVersion: file.pinVersion,
    delayDays: file.delayDays ?? 0,
    feedUrl: file.feedUrl,
    signatureKeys: (file.signatureKeys ?? []).map((pem) => createPublicKey(pem)),
  };
}

const OFF: UpdatePolicy = resolveUpdatePolicy({ disabled: true });

export async function loadUpdatePolicy(file: string): Promise<LoadedUpdatePolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { policy: resolveUpdatePolicy({}), source: undefined, problem: undefined };
    return { policy: OFF, source: file, problem: `${file}: cannot be read (${code ?? 'error'}); updates are off` };
  }
  let json: unknown;
  try {
    // Notepad writes a byte order mark; the machine configuration accepts one too.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { policy: OFF, source: file, problem: `${file}: not valid JSON (${reason}); updates are off` };
  }
  const parsed = updatePolicySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(file)'}: ${i.message}`);
    return { policy: OFF, source: file, problem: `${file}: ${problems.join('; ')}; updates are off` };
  }
  return { policy: resolveUpdatePolicy(parsed.data), source: file, problem: undefined };
}
