import { mkdtempSync } from 'node:fs';
import { mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PKCS12_BYTES } from '../../../shared/contracts/ipc/signing.ts';
import type { IpcResult } from '../../../shared/contracts/ipc/index.ts';
import { createIpcDispatcher, type InvokeEvent, type IpcServices } from '../ipc.ts';
import { P12_PASSWORD, fakeSafeStorage, leadPkcs12 } from './fixtures/signing.ts';
import type { FileDialogs } from './file-service.ts';
import { createSigningIpcHandlers } from './signing-ipc.ts';
import { createSigningService } from './signing.ts';

const appFrame: InvokeEvent = { senderFrame: { url: 'app://amtsplatz/index.html', parent: null } };
const unused = () => {
  throw new Error('not part of this test');
};

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

function setup(pick: string[] | null = null) {
  const root = mkdtempSync(join(tmpdir(), 'amtsplatz-signing-ipc-'));
  roots.push(root);
  const dialogCalls: Parameters<FileDialogs['showOpenDialog']>[0][] = [];
  const service = createSigningService({ store: join(root, 'signing'), safeStorage: fakeSafeStorage() });
  const handlers = createSigningIpcHandlers(service, {
    dialogs: {
      showOpenDialog: (options) => {
        dialogCalls.push(options);
        return Promise.resolve(
          pick === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: pick },
        );
      },
    },
  });
  const services: IpcServices = {
    'app.info': unused,
    'config.get': unused,
    'file.save': unused,
    'file.open': unused,
    'file.pick': unused,
    'notify.wiedervorlage': unused,
    ...handlers,
  };
  const logged: string[] = [];
  const dispatch = createIpcDispatcher(services, (m) => logged.push(m));
  const call = (name: string, input?: unknown) => dispatch(`amtsplatz:${name}`, appFrame, input);
  return { root, call, dialogCalls, logged };
}

const valueOf = (result: IpcResult<unknown>) => (result.ok ? result.value : result.error);

describe('signing IPC', () => {
  it('imports bytes from the renderer, then reports and removes the identity', async () => {
    const s = setup();
    expect(valueOf(await s.call('signing.status'))).toEqual({ state: 'none' });
    const imported = await s.call('signing.import', { source: 'bytes', bytes: leadPkcs12(), password: P12_PASSWORD });
    expect(imported).toMatchObject({
      ok: true,
      value: { imported: true, certificate: { subjectCommonName: 'Dr. Sabine Köhler' } },
    });
    expect(await s.call('signing.status')).toMatchObject({ ok: true, value: { state: 'ready' } });
    expect(valueOf(await s.call('signing.remove'))).toEqual({ removed: true });
    expect(valueOf(await s.call('signing.status'))).toEqual({ state: 'none' });
  });

  it('answers a refusal as a value the UI can explain', async () => {
    const s = setup();
    const result = await s.call('signing.import', { source: 'bytes', bytes: leadPkcs12(), password: 'falsch' });
    expect(result).toEqual({ ok: true, value: { imported: false, reason: 'wrong_password' } });
  });

  it('imports a file the user picks in the system dialog, filtered to PKCS#12', async () => {
    const s = setup();
    const path = join(s.root, 'Sabine Köhler.p12');
    await writeFile(path, leadPkcs12());
    const picked = setup([path]);
    const result = await picked.call('signing.import', { source: 'dialog', password: P12_PASSWORD });
    expect(result).toMatchObject({ ok: true, value: { imported: true } });
    expect(picked.dialogCalls).toEqual([
      { properties: ['openFile'], filters: [{ name: 'PKCS#12', extensions: ['p12', 'pfx', 'P12', 'PFX'] }] },
    ]);
  });

  it('reports a cancelled dialog, a file that is too large and a folder', async () => {
    const cancelled = setup(null);
    expect(valueOf(await cancelled.call('signing.import', { source: 'dialog', password: '' }))).toEqual({
      imported: false,
      reason: 'canceled',
    });
    const root = mkdtempSync(join(tmpdir(), 'amtsplatz-signing-ipc-'));
    roots.push(root);
    const large = join(root, 'large.p12');
    await writeFile(large, '');
    await truncate(large, MAX_PKCS12_BYTES + 1);
    const folder = join(root, 'folder.p12');
    await mkdir(folder);
    for (const [path, reason] of [
      [large, 'too_large'],
      [folder, 'invalid_file'],
    ] as const) {
      expect(valueOf(await setup([path]).call('signing.import', { source: 'dialog', password: '' }))).toEqual({
        imported: false,
        reason,
      });
    }
  });

  it('reports a vanished file with its errno but without the path', async () => {
    const s = setup(['/home/erika.mustermann/weg.p12']);
    const result = await s.call('signing.import', { source: 'dialog', password: '' });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'Could not read the file (ENOENT)' } });
  });

  it('refuses oversized input before the service sees it', async () => {
    const s = setup();
    const bad = [
      { source: 'bytes', bytes: new Uint8Array(MAX_PKCS12_BYTES + 1), password: '' },
      { source: 'bytes', bytes: leadPkcs12(), password: 'x'.repeat(1025) },
      { source: 'bytes', bytes: [1, 2, 3], password: '' },
      { source: 'path', path: '/etc/passwd', password: '' },
      { source: 'dialog' },
    ];
    for (const input of bad) {
      expect(await s.call('signing.import', input)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    }
    expect(s.dialogCalls).toEqual([]);
    expect(valueOf(await s.call('signing.status'))).toEqual({ state: 'none' });
  });
});
