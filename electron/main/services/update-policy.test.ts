import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadUpdatePolicy, updatePolicyPath } from './update-policy.ts';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-policy-'));
  file = join(dir, 'update-policy.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const ed25519 = () => generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
const write = (value: unknown) => writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));

describe('updatePolicyPath', () => {
  it('sits beside the machine configuration on each platform', () => {
    expect(updatePolicyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Amtsplatz\\update-policy.json',
    );
    expect(updatePolicyPath('win32', {})).toBe('C:\\ProgramData\\Amtsplatz\\update-policy.json');
    expect(updatePolicyPath('linux', {})).toBe('/etc/amtsplatz/update-policy.json');
    expect(updatePolicyPath('darwin', {})).toBe('/Library/Application Support/Amtsplatz/update-policy.json');
  });
});

describe('loadUpdatePolicy', () => {
  it('without a file: updates on, channel latest, no pin, no delay, no keys', async () => {
    const loaded = await loadUpdatePolicy(file);
    expect(loaded).toEqual({
      policy: {
        disabled: false,
        channel: 'latest',
        pinVersion: undefined,
        delayDays: 0,
        feedUrl: undefined,
        signatureKeys: [],
      },
      source: undefined,
      problem: undefined,
    });
  });

  it('reads every key', async () => {
    await write({
      channel: 'beta',
      pinVersion: '1.4.2',
      delayDays: 14,
      feedUrl: 'https://software.behoerde.example/amtsplatz/',
      signatureKeys: [ed25519(), ed25519()],
    });
    const { policy, source, problem } = await loadUpdatePolicy(file);
    expect(problem).toBeUndefined();
    expect(source).toBe(file);
    expect(policy).toMatchObject({
      disabled: false,
      channel: 'beta',
      pinVersion: '1.4.2',
      delayDays: 14,
      feedUrl: 'https://software.behoerde.example/amtsplatz/',
    });
    expect(policy.signatureKeys.map((k) => k.asymmetricKeyType)).toEqual(['ed25519', 'ed25519']);
  });

  it('switches updates off as told, also from a file Notepad saved with a byte order mark', async () => {
    await write({ disabled: true });
    expect((await loadUpdatePolicy(file)).policy.disabled).toBe(true);
    await write('\uFEFF{ "delayDays": 3 }');
    expect(await loadUpdatePolicy(file)).toMatchObject({
      policy: { disabled: false, delayDays: 3 },
      problem: undefined,
    });
  });

  it.each([
    ['broken JSON', '{"disabled": tru', /not valid JSON/],
    ['a misspelt key', { delaydays: 3 }, /\(file\): Unrecognized key: "delaydays"/],
    ['a pin that is no version', { pinVersion: 'latest' }, /pinVersion: expected a semantic version/],
    ['a negative delay', { delayDays: -1 }, /delayDays: expected a whole number of days from 0 to 365/],
    ['half a day', { delayDays: 0.5 }, /delayDays: expected a whole number of days from 0 to 365/],
    ['a channel with a path in it', { channel: '../latest' }, /channel: expected a channel name/],
    ['a feed that is no URL', { feedUrl: 'updates' }, /feedUrl: expected an http/],
    [
      'an RSA key where Ed25519 is expected',
      {
        signatureKeys: [
          generateKeyPairSync('rsa', { modulusLength: 2048 })
            .publicKey.export({ type: 'spki', format: 'pem' })
            .toString(),
        ],
      },
      /signatureKeys\.0: expected an Ed25519 public key/,
    ],
  ])('switches updates off on %s and says why', async (_what, content, problem) => {
    await write(content);
    const loaded = await loadUpdatePolicy(file);
    expect(loaded.policy.disabled).toBe(true);
    expect(loaded.problem).toMatch(problem);
    expect(loaded.problem).toMatch(/; updates are off$/);
  });

  it('switches updates off when the file exists but cannot be read', async () => {
    await mkdir(file);
    const loaded = await loadUpdatePolicy(file);
    expect(loaded.policy.disabled).toBe(true);
    expect(loaded.problem).toBe(`${file}: cannot be read (EISDIR); updates are off`);
  });
});
