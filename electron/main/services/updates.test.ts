import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseUpdateFeed, type UpdateFeed } from './update-feed.ts';
import { decideUpdate, describeDecision, rolloutBucket, type UpdateDecisionInput } from './updates.ts';

const FEEDS = join(import.meta.dirname, 'fixtures', 'update-feed');

let feed: UpdateFeed;
beforeAll(async () => {
  // Version 1.3.0, released 2026-03-02T09:30Z, stagingPercentage 20.
  feed = parseUpdateFeed(await readFile(join(FEEDS, 'latest-linux.yml'), 'utf8'));
});

const RELEASED = new Date('2026-03-02T09:30:00.000Z');
const input = (change: Partial<UpdateDecisionInput> = {}): UpdateDecisionInput => ({
  currentVersion: '1.2.4',
  feed,
  bucket: 5,
  policy: { disabled: false, pinVersion: undefined, delayDays: 0 },
  now: new Date('2026-03-03T08:00:00.000Z'),
  ...change,
});
const policy = (change: Partial<UpdateDecisionInput['policy']>) => ({ ...input().policy, ...change });

describe('decideUpdate', () => {
  it('takes a newer version inside the rollout, with the files to download', () => {
    const decision = decideUpdate(input());
    expect(decision).toEqual({ kind: 'update', version: '1.3.0', files: feed.files });
    expect(describeDecision(decision, '1.2.4')).toBe('update 1.3.0 taken (running 1.2.4)');
  });

  it('takes nothing when the policy switches updates off', () => {
    expect(decideUpdate(input({ policy: policy({ disabled: true }) }))).toEqual({
      kind: 'none',
      reason: 'disabled',
      version: '1.3.0',
    });
  });

  it('never takes the same or an older version', () => {
    expect(decideUpdate(input({ currentVersion: '1.3.0' }))).toMatchObject({ kind: 'none', reason: 'up_to_date' });
    expect(decideUpdate(input({ currentVersion: '1.4.0' }))).toMatchObject({ kind: 'none', reason: 'up_to_date' });
    // A pre-release of the offered version is older than the release.
    expect(decideUpdate(input({ currentVersion: '1.3.0-rc.2' }))).toMatchObject({ kind: 'update' });
  });

  it('follows the staged rollout by bucket: below the percentage in, from it on out', () => {
    expect(decideUpdate(input({ bucket: 19 })).kind).toBe('update');
    expect(decideUpdate(input({ bucket: 20 }))).toEqual({ kind: 'none', reason: 'not_in_rollout', version: '1.3.0' });
    expect(decideUpdate(input({ bucket: 99, feed: { ...feed, stagingPercentage: 100 } })).kind).toBe('update');
    expect(decideUpdate(input({ bucket: 0, feed: { ...feed, stagingPercentage: 0 } })).kind).toBe('none');
    // No stagingPercentage: everyone.
    const { stagingPercentage: _omitted, ...unstaged } = feed;
    expect(decideUpdate(input({ bucket: 99, feed: unstaged })).kind).toBe('update');
  });

  it('holds a version back for delayDays after its release date, and says until when', () => {
    const delayed = input({ policy: policy({ delayDays: 7 }) });
    const decision = decideUpdate(delayed);
    expect(decision).toEqual({ kind: 'wait', version: '1.3.0', notBefore: '2026-03-09T09:30:00.000Z' });
    expect(describeDecision(decision, '1.2.4')).toBe('update 1.3.0 held until 2026-03-09T09:30:00.000Z (delayDays)');
    expect(decideUpdate({ ...delayed, now: new Date('2026-03-09T09:29:59.999Z') }).kind).toBe('wait');
    expect(decideUpdate({ ...delayed, now: new Date('2026-03-09T09:30:00.000Z') }).kind).toBe('update');
    expect(decideUpdate({ ...delayed, now: RELEASED, bucket: 50 }).kind).toBe('none');
  });

  it('with a pin takes exactly that version, ahead of rollout and delay, and no other', () => {
    const pinned = policy({ pinVersion: '1.3.0', delayDays: 30 });
    expect(decideUpdate(input({ policy: pinned, bucket: 99, now: RELEASED }))).toMatchObject({
      kind: 'update',
      version: '1.3.0',
    });
    expect(decideUpdate(input({ policy: policy({ pinVersion: '1.2.9' }) }))).toEqual({
      kind: 'none',
      reason: 'pinned',
      version: '1.3.0',
    });
    // Pinned to the running version: the feed's newer one is not taken.
    expect(decideUpdate(input({ policy: policy({ pinVersion: '1.2.4' }) }))).toMatchObject({ reason: 'pinned' });
    // A pin never downgrades.
    expect(decideUpdate(input({ currentVersion: '1.3.2', policy: pinned }))).toMatchObject({ reason: 'up_to_date' });
  });
});

describe('rolloutBucket', () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => `0f8fad5b-d9cb-469f-a165-${String(i).padStart(12, '0')}`);

  it('is stable per id and within 0–99', () => {
    expect(rolloutBucket(ids[0] ?? '')).toBe(rolloutBucket(ids[0] ?? ''));
    expect(rolloutBucket('a')).not.toBe(rolloutBucket('b'));
    for (const id of ids) {
      const bucket = rolloutBucket(id);
      expect(Number.isInteger(bucket) && bucket >= 0 && bucket < 100).toBe(true);
    }
  });

  it('spreads installations evenly, so a percentage reaches about that share', () => {
    const counts = new Array<number>(100).fill(0);
    for (const id of ids) counts[rolloutBucket(id)] = (counts[rolloutBucket(id)] ?? 0) + 1;
    // 100 per bucket expected; a binomial spread stays well within 50–150.
    expect(Math.min(...counts)).toBeGreaterThan(50);
    expect(Math.max(...counts)).toBeLessThan(150);
    const inAt20 = ids.filter((id) => rolloutBucket(id) < 20).length;
    expect(inAt20 / ids.length).toBeGreaterThan(0.18);
    expect(inAt20 / ids.length).toBeLessThan(0.22);
  });
});
