import { createHash } from 'node:crypto';
import type { FeedFile, UpdateFeed } from './update-feed.ts';
import type { UpdatePolicy } from './update-policy.ts';
import { compareVersions } from './versions.ts';

/**
 * Whether this installation takes the version the feed offers, and when: the machine policy
 * (off, pinned, delayed), the version order and the staged rollout. Pure: the feed comes in
 * validated, the clock and the rollout bucket are arguments.
 */

export type NoUpdateReason =
  /** The machine policy switches updates off. */
  | 'disabled'
  /** The feed offers this version or an older one; the app never downgrades. */
  | 'up_to_date'
  /** The policy pins another version than the feed offers. */
  | 'pinned'
  /** The feed's stagingPercentage does not reach this installation's bucket yet. */
  | 'not_in_rollout';

export type UpdateDecision =
  | { kind: 'none'; reason: NoUpdateReason; version: string }
  /** Allowed, but not before `notBefore` (the policy's delayDays after the release date). */
  | { kind: 'wait'; version: string; notBefore: string }
  | { kind: 'update'; version: string; files: FeedFile[] };

export interface UpdateDecisionInput {
  currentVersion: string;
  feed: UpdateFeed;
  /** This installation's place in the staged rollout, 0–99 (rolloutBucket). */
  bucket: number;
  policy: Pick<UpdatePolicy, 'disabled' | 'pinVersion' | 'delayDays'>;
  now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function decideUpdate({ currentVersion, feed, bucket, policy, now }: UpdateDecisionInput): UpdateDecision {
  const { version } = feed;
  if (policy.disabled) return { kind: 'none', reason: 'disabled', version };
  if (compareVersions(version, currentVersion) <= 0) return { kind: 'none', reason: 'up_to_date', version };
  if (policy.pinVersion !== undefined) {
    // IT chose this exact version: neither the vendor's rollout nor the delay holds it back.
    if (compareVersions(version, policy.pinVersion) !== 0) return { kind: 'none', reason: 'pinned', version };
    return { kind: 'update', version, files: feed.files };
  }
  if (bucket >= (feed.stagingPercentage ?? 100)) return { kind: 'none', reason: 'not_in_rollout', version };
  const notBefore = new Date(Date.parse(feed.releaseDate) + policy.delayDays * DAY_MS);
  if (now < notBefore) return { kind: 'wait', version, notBefore: notBefore.toISOString() };
  return { kind: 'update', version, files: feed.files };
}

/**
 * A stable bucket 0–99 for a rollout id (one random id per installation, kept by the caller):
 * the first 32 bits of its SHA-256, modulo 100. An installation in bucket b takes a version
 * whose stagingPercentage is greater than b, so raising the percentage only ever adds
 * installations.
 */
export function rolloutBucket(rolloutId: string): number {
  return createHash('sha256').update(`amtsplatz-rollout:${rolloutId}`).digest().readUInt32BE(0) % 100;
}

/** One line for the log; no personal data (versions, dates, reasons only). */
export function describeDecision(decision: UpdateDecision, currentVersion: string): string {
  switch (decision.kind) {
    case 'none':
      return `update ${decision.version} not taken (${decision.reason}; running ${currentVersion})`;
    case 'wait':
      return `update ${decision.version} held until ${decision.notBefore} (delayDays)`;
    case 'update':
      return `update ${decision.version} taken (running ${currentVersion})`;
  }
}
