import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, type TestPki } from './demo-pki.ts';
import { createForgeSigner } from '../../../../shared/bescheid/pades/index.ts';
import { DEMO_AUTHORITY, resolveAuthority } from './authority.ts';
import { resolveSealKeys } from './keys.ts';
import { openSealService, type OpenSealServiceOptions } from './seal-service.ts';

/** As the server starts: the authority from the configuration, then the seal service for it. */
const open = async (options: Omit<OpenSealServiceOptions, 'authority'>) =>
  openSealService({ ...options, authority: await resolveAuthority(options) });

let dir: string;
let pki: TestPki;
let other: TestPki;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'amtsplatz-keys-'));
  pki = generateTestPki({ keyBits: 2048 });
  other = generateTestPki({ keyBits: 2048 });
  await writeFile(file('seal.key.pem'), pki.seal.privateKeyPem);
  await writeFile(file('seal-chain.pem'), pki.seal.certificatePem + pki.root.certificatePem);
  await writeFile(file('root.pem'), pki.root.certificatePem);
  await writeFile(file('other-root.pem'), other.root.certificatePem);
  await writeFile(file('other.key.pem'), other.seal.privateKeyPem);
  await writeFile(file('not-pem.pem'), 'hello');
  files = { sealKey: file('seal.key.pem'), sealCert: file('seal-chain.pem'), trustCa: file('root.pem') };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let files: { sealKey: string; sealCert: string; trustCa: string };

describe('resolveSealKeys from files', () => {
  it('reads key, chain and trust anchors that fit together', async () => {
    const material = await resolveSealKeys({ ...files, demo: false });
    expect(material).toEqual({
      privateKeyPem: pki.seal.privateKeyPem,
      certChainPem: pki.seal.certificatePem + pki.root.certificatePem,
      trustAnchorsPem: pki.root.certificatePem,
    });
  });

  it('refuses incomplete, unreadable and inconsistent configurations, naming the flag', async () => {
    await expect(resolveSealKeys({ sealKey: files.sealKey, demo: true })).rejects.toThrow(
      '--seal-key and --seal-cert must be given together',
    );
    await expect(resolveSealKeys({ sealKey: files.sealKey, sealCert: files.sealCert, demo: false })).rejects.toThrow(
      /--trust-ca/,
    );
    await expect(resolveSealKeys({ trustCa: files.trustCa, demo: true })).rejects.toThrow(/--trust-ca needs/);
    await expect(resolveSealKeys({ ...files, sealCert: file('missing.pem'), demo: false })).rejects.toThrow(
      /--seal-cert .*missing\.pem: cannot read the file \(ENOENT\)/,
    );
    await expect(resolveSealKeys({ ...files, sealCert: file('not-pem.pem'), demo: false })).rejects.toThrow(
      /--seal-(key\/--seal-)?cert: /,
    );
    await expect(resolveSealKeys({ ...files, sealKey: file('other.key.pem'), demo: false })).rejects.toThrow(
      '--seal-key/--seal-cert: private key does not belong to the signer certificate',
    );
    await expect(resolveSealKeys({ ...files, trustCa: file('other-root.pem'), demo: false })).rejects.toThrow(
      /--seal-cert does not chain to --trust-ca/,
    );
  });

  it('is undefined outside demo mode when nothing is configured: the server then seals nothing', async () => {
    expect(await resolveSealKeys({ demo: false })).toBeUndefined();
    expect(await open({ demo: false })).toBeUndefined();
  });
});

describe('resolveSealKeys in demo mode', () => {
  it('generates a test PKI once into the directory and reuses it on later starts', async () => {
    const pkiDir = join(dir, 'data', 'pki');
    const first = await resolveSealKeys({ demo: true, demoPkiDir: pkiDir, demoKeyBits: 2048 });
    if (!first) throw new Error('demo mode must give key material');
    expect((await readdir(pkiDir)).sort()).toEqual([
      'README.md',
      'root-ca.pem',
      'seal-chain.pem',
      'seal.key.pem',
      'seal.pem',
    ]);
    expect((await stat(join(pkiDir, 'seal.key.pem'))).mode & 0o777).toBe(0o600);
    // The key fits the chain (createForgeSigner refuses a mismatch) and the chain ends in the anchor.
    expect(createForgeSigner(first.privateKeyPem, first.certChainPem).certificateChain).toHaveLength(2);
    expect(first.certChainPem.endsWith(first.trustAnchorsPem)).toBe(true);

    const second = await resolveSealKeys({ demo: true, demoPkiDir: pkiDir, demoKeyBits: 2048 });
    expect(second).toEqual(first);
    // No temporary directories are left next to it.
    expect(await readdir(join(dir, 'data'))).toEqual(['pki']);
  });

  it('uses configured files over the demo PKI', async () => {
    const pkiDir = join(dir, 'unused-pki');
    expect(await resolveSealKeys({ ...files, demo: true, demoPkiDir: pkiDir })).toMatchObject({
      trustAnchorsPem: pki.root.certificatePem,
    });
    await expect(stat(pkiDir)).rejects.toThrow(/ENOENT/);
  });
});

describe('openSealService', () => {
  it('speaks for the demo authority in demo mode and for --behoerde otherwise', async () => {
    const demo = await open({ demo: true, demoPkiDir: join(dir, 'data', 'pki'), demoKeyBits: 2048 });
    expect(demo?.authority).toEqual(DEMO_AUTHORITY);

    const behoerde = {
      ...DEMO_AUTHORITY,
      behoerde: { ...DEMO_AUTHORITY.behoerde, name: 'Landkreis Beispiel', land: 'BY' },
    };
    await writeFile(file('behoerde.json'), JSON.stringify(behoerde));
    const configured = await open({ ...files, behoerde: file('behoerde.json'), demo: false });
    expect(configured?.authority.behoerde).toMatchObject({ name: 'Landkreis Beispiel', land: 'BY' });
    expect(configured?.trustAnchorsPem).toBe(pki.root.certificatePem);
    expect(configured?.level).toBe('B-B');
    const timestamped = await open({
      ...files,
      behoerde: file('behoerde.json'),
      tsaUrl: 'http://127.0.0.1:3180/tsa',
      demo: false,
    });
    expect(timestamped?.level).toBe('B-T');
  });

  it('refuses a missing or invalid authority configuration', async () => {
    await expect(open({ ...files, demo: false })).rejects.toThrow('--seal-key needs --behoerde');
    await writeFile(
      file('bad-behoerde.json'),
      JSON.stringify({ ...DEMO_AUTHORITY, behoerde: { ...DEMO_AUTHORITY.behoerde, land: 'XX' } }),
    );
    await expect(open({ ...files, behoerde: file('bad-behoerde.json'), demo: false })).rejects.toThrow(
      /--behoerde .*bad-behoerde\.json: .*land/s,
    );
    await writeFile(file('broken.json'), '{');
    await expect(open({ ...files, behoerde: file('broken.json'), demo: false })).rejects.toThrow(
      /--behoerde .*broken\.json/,
    );
    // An authority without seal keys is fine: clients draft for it, nothing is sealed.
    expect(await open({ behoerde: file('behoerde.json'), demo: false })).toBeUndefined();
    expect(await resolveAuthority({ behoerde: file('behoerde.json'), demo: false })).toMatchObject({
      behoerde: { name: 'Landkreis Beispiel', land: 'BY' },
    });
    expect(await resolveAuthority({ demo: false })).toBeUndefined();
    await expect(open({ tsaUrl: 'https://tsa.example/', demo: false })).rejects.toThrow('--tsa-url needs --seal-key');
  });
});
