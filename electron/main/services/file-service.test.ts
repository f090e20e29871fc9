import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import {
  chmod,
  chown,
  mkdir,
  readFile,
  readdir,
  rm,
  stat,
  symlink,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/errors.ts';
import { MAX_DOKUMENT_BYTES } from '../../../shared/domain/file-names.ts';
import { STALE_AFTER_MS, createFileService, type FileDialogs, type FileFilter } from './file-service.ts';

const PDF = 'application/pdf';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = new TextEncoder().encode('%PDF-1.7 Bescheid');
const hash = sha(bytes);

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

interface Answers {
  savePath?: string | null;
  pickPaths?: string[] | null;
  openProblem?: string;
}

function setup(answers: Answers = {}) {
  const root = mkdtempSync(join(tmpdir(), 'amtsplatz-files-'));
  roots.push(root);
  const downloadsDir = join(root, 'Downloads');
  const openDir = join(root, 'tmp', 'amtsplatz-open');
  const saveCalls: { defaultPath: string; filters: FileFilter[] }[] = [];
  const pickCalls: { properties: string[]; filters: FileFilter[] }[] = [];
  const opened: { path: string; content: string; mode: number }[] = [];
  const dialogs: FileDialogs = {
    showSaveDialog: (o) => {
      saveCalls.push(o);
      const p = answers.savePath === undefined ? o.defaultPath : answers.savePath;
      return Promise.resolve(p === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: p });
    },
    showOpenDialog: (o) => {
      pickCalls.push(o);
      const p = answers.pickPaths ?? null;
      return Promise.resolve(p === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: p });
    },
  };
  let clock = Date.now();
  const service = createFileService({
    dialogs,
    shell: {
      async openPath(path) {
        // What the viewer would find at that moment.
        opened.push({ path, content: await readFile(path, 'utf8'), mode: (await stat(path)).mode & 0o777 });
        return answers.openProblem ?? '';
      },
    },
    downloadsDir,
    openDir,
    now: () => clock,
  });
  return {
    answers,
    root,
    downloadsDir,
    openDir,
    service,
    saveCalls,
    pickCalls,
    opened,
    advance: (ms: number) => (clock += ms),
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('file.save', () => {
  it('offers the sanitized name in Downloads and writes exactly the bytes', async () => {
    const t = setup();
    await mkdir(t.downloadsDir);
    const result = await t.service.save({ suggestedName: 'Bescheid 2026/00042', mediaType: PDF, bytes, sha256: hash });
    const target = join(t.downloadsDir, 'Bescheid 2026_00042.pdf');
    expect(result).toEqual({ saved: true, path: target });
    expect(t.saveCalls[0]).toEqual({ defaultPath: target, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(await readFile(target)).toEqual(Buffer.from(bytes));
    // No temporary file is left beside it.
    expect(await readdir(t.downloadsDir)).toEqual(['Bescheid 2026_00042.pdf']);
  });

  it('replaces an existing file the user chose to overwrite', async () => {
    const t = setup();
    const target = join(t.root, 'chosen.pdf');
    t.answers.savePath = target;
    await writeFile(target, 'old content that is longer than the new one........');
    expect(await t.service.save({ suggestedName: 'x.pdf', mediaType: PDF, bytes, sha256: hash })).toEqual({
      saved: true,
      path: target,
    });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 Bescheid');
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const t = setup({ savePath: null });
    expect(await t.service.save({ suggestedName: 'a.pdf', mediaType: PDF, bytes, sha256: hash })).toEqual({
      saved: false,
    });
    expect(await readdir(t.root)).toEqual([]);
  });

  it('refuses bytes whose hash differs before asking the user anything', async () => {
    const t = setup();
    const tampered = new Uint8Array(bytes);
    tampered[0] = 0;
    expect(
      await codeOf(t.service.save({ suggestedName: 'a.pdf', mediaType: PDF, bytes: tampered, sha256: hash })),
    ).toBe('hash_mismatch');
    expect(t.saveCalls).toHaveLength(0);
  });

  it('refuses media types outside the allowlist', async () => {
    const t = setup();
    for (const mediaType of ['application/x-msdownload', 'text/html', 'application/x-sh']) {
      const code = await codeOf(t.service.save({ suggestedName: 'setup.exe', mediaType, bytes, sha256: hash }));
      expect(code, mediaType).toBe('unsupported_media_type');
    }
    expect(t.saveCalls).toHaveLength(0);
  });

  it('reports a failed write as a code without the path', async () => {
    const t = setup();
    const dir = join(t.root, 'Erika Mustermann', 'gone');
    t.answers.savePath = join(dir, 'a.pdf');
    let error: unknown;
    try {
      await t.service.save({ suggestedName: 'a.pdf', mediaType: PDF, bytes, sha256: hash });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('not_found');
    expect((error as DomainError).message).not.toContain('Mustermann');
  });
});

describe('file.open', () => {
  it('hands a read-only copy with the sanitized name in the private folder to the system viewer', async () => {
    const t = setup();
    expect(await t.service.open({ name: 'CON', mediaType: PDF, bytes, sha256: hash })).toEqual({ opened: true });
    const [call] = t.opened;
    expect(call).toBeDefined();
    if (call === undefined) return;
    expect(basename(call.path)).toBe('_CON.pdf');
    expect(dirname(dirname(call.path))).toBe(t.openDir);
    expect(call.content).toBe('%PDF-1.7 Bescheid');
    expect(call.mode).toBe(0o400);
    if (process.platform !== 'win32') expect((await stat(t.openDir)).mode & 0o777).toBe(0o700);
  });

  it('gives two documents of the same name separate copies', async () => {
    const t = setup();
    const other = new TextEncoder().encode('other');
    await t.service.open({ name: 'Nachweis.pdf', mediaType: PDF, bytes, sha256: hash });
    await t.service.open({ name: 'Nachweis.pdf', mediaType: PDF, bytes: other, sha256: sha(other) });
    expect(t.opened.map((o) => o.content)).toEqual(['%PDF-1.7 Bescheid', 'other']);
    expect(new Set(t.opened.map((o) => o.path)).size).toBe(2);
  });

  it('never opens executable or script types, and writes nothing for them', async () => {
    const t = setup();
    const types = [
      'application/x-msdownload',
      'application/x-sh',
      'text/html',
      'application/javascript',
      'image/svg+xml',
    ];
    for (const mediaType of types) {
      const code = await codeOf(t.service.open({ name: 'run.exe', mediaType, bytes, sha256: hash }));
      expect(code, mediaType).toBe('unsupported_media_type');
    }
    expect(t.opened).toHaveLength(0);
    expect(await readdir(t.root)).toEqual([]);
  });

  it('opens an allowed type under its own extension even when the name claims another', async () => {
    const t = setup();
    await t.service.open({ name: 'rechnung.exe', mediaType: 'text/plain', bytes, sha256: hash });
    expect(t.opened[0]?.path.endsWith('rechnung.exe.txt')).toBe(true);
  });

  it('refuses a hash mismatch without writing', async () => {
    const t = setup();
    const code = await codeOf(t.service.open({ name: 'a.pdf', mediaType: PDF, bytes, sha256: '0'.repeat(64) }));
    expect(code).toBe('hash_mismatch');
    expect(await readdir(t.root)).toEqual([]);
  });

  it('removes the copy and reports an error when no application can open it', async () => {
    const t = setup({ openProblem: 'Failed to open path' });
    expect(await codeOf(t.service.open({ name: 'a.pdf', mediaType: PDF, bytes, sha256: hash }))).toBe('internal');
    expect(await readdir(t.openDir)).toEqual([]);
  });

  it.skipIf(process.getuid?.() !== 0)('refuses a viewer folder owned by another user', async () => {
    const t = setup();
    await mkdir(t.openDir, { recursive: true, mode: 0o700 });
    await chown(t.openDir, 4242, 4242);
    expect(await codeOf(t.service.open({ name: 'a.pdf', mediaType: PDF, bytes, sha256: hash }))).toBe('forbidden');
    expect(t.opened).toHaveLength(0);
  });

  it('refuses a viewer folder that is a symlink', async () => {
    const t = setup();
    await mkdir(join(t.root, 'elsewhere'));
    await mkdir(join(t.root, 'tmp'));
    await symlink(join(t.root, 'elsewhere'), t.openDir);
    expect(await codeOf(t.service.open({ name: 'a.pdf', mediaType: PDF, bytes, sha256: hash }))).toBe('forbidden');
    expect(await readdir(join(t.root, 'elsewhere'))).toEqual([]);
    expect(t.opened).toHaveLength(0);
  });

  it('tightens a viewer folder of ours that others could read', async () => {
    if (process.platform === 'win32') return;
    const t = setup();
    await mkdir(t.openDir, { recursive: true, mode: 0o755 });
    await chmod(t.openDir, 0o755);
    await t.service.open({ name: 'a.pdf', mediaType: PDF, bytes, sha256: hash });
    expect((await stat(t.openDir)).mode & 0o777).toBe(0o700);
  });

  it('cleanup removes every copy; removeStale only those older than a day', async () => {
    const t = setup();
    await t.service.open({ name: 'old.pdf', mediaType: PDF, bytes, sha256: hash });
    const oldDir = dirname(t.opened[0]?.path ?? '');
    const dayAgo = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    await utimes(oldDir, dayAgo, dayAgo);
    await t.service.open({ name: 'new.pdf', mediaType: PDF, bytes, sha256: hash });

    await t.service.removeStale();
    const left = await readdir(t.openDir);
    expect(left).toEqual([basename(dirname(t.opened[1]?.path ?? ''))]);

    t.service.cleanup();
    expect(await readdir(t.openDir)).toEqual([]);
  });

  it('removeStale and cleanup accept a missing folder', async () => {
    const t = setup();
    await t.service.removeStale();
    t.service.cleanup();
    expect(await readdir(t.root)).toEqual([]);
  });
});

describe('file.pick', () => {
  async function files(root: string, entries: Record<string, string | Uint8Array>): Promise<string[]> {
    const paths: string[] = [];
    for (const [name, content] of Object.entries(entries)) {
      const path = join(root, name);
      await writeFile(path, content);
      paths.push(path);
    }
    return paths;
  }

  it('returns sanitized names, media types and bytes, never paths', async () => {
    const root = mkdtempSync(join(tmpdir(), 'amtsplatz-pick-'));
    roots.push(root);
    const paths = await files(root, { 'Lageplan.PDF': '%PDF-lage', 'foto.jpeg': 'jpegdata', ' NUL.txt': 'text' });
    const t = setup({ pickPaths: paths });
    const picked = await t.service.pick({ multiple: true });
    expect(picked.map(({ name, mediaType }) => ({ name, mediaType }))).toEqual([
      { name: 'Lageplan.pdf', mediaType: 'application/pdf' },
      { name: 'foto.jpeg', mediaType: 'image/jpeg' },
      { name: '_NUL.txt', mediaType: 'text/plain' },
    ]);
    expect(Buffer.from(picked[0]?.bytes ?? []).toString()).toBe('%PDF-lage');
    expect(JSON.stringify(picked.map(({ name, mediaType }) => [name, mediaType]))).not.toContain(root);
    expect(t.pickCalls[0]?.properties).toEqual(['openFile', 'multiSelections']);
    expect(t.pickCalls[0]?.filters[0]?.extensions).toEqual(expect.arrayContaining(['pdf', 'PDF', 'docx', 'txt']));
    expect(t.pickCalls[0]?.filters[0]?.extensions).not.toContain('exe');
  });

  it('offers a single selection unless asked for several, and returns nothing on cancel', async () => {
    const t = setup({ pickPaths: null });
    expect(await t.service.pick()).toEqual([]);
    expect(t.pickCalls[0]?.properties).toEqual(['openFile']);
  });

  it('refuses a file whose type is not allowed, whatever the dialog let through', async () => {
    const root = mkdtempSync(join(tmpdir(), 'amtsplatz-pick-'));
    roots.push(root);
    const t = setup({ pickPaths: await files(root, { 'ok.pdf': 'x', 'evil.exe': 'MZ' }) });
    expect(await codeOf(t.service.pick({ multiple: true }))).toBe('unsupported_media_type');
  });

  it('refuses files over the size limit without reading them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'amtsplatz-pick-'));
    roots.push(root);
    const [big] = await files(root, { 'big.pdf': '' });
    // Sparse: the size is there without writing 50 MiB.
    await truncate(big ?? '', MAX_DOKUMENT_BYTES + 1);
    const t = setup({ pickPaths: [big ?? ''] });
    expect(await codeOf(t.service.pick())).toBe('payload_too_large');
  });

  it('accepts a file of exactly the limit', async () => {
    const root = mkdtempSync(join(tmpdir(), 'amtsplatz-pick-'));
    roots.push(root);
    const [edge] = await files(root, { 'edge.pdf': '' });
    await truncate(edge ?? '', MAX_DOKUMENT_BYTES);
    const picked = await setup({ pickPaths: [edge ?? ''] }).service.pick();
    expect(picked[0]?.bytes.byteLength).toBe(MAX_DOKUMENT_BYTES);
  });

  it('refuses too many files at once, directories, and missing files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'amtsplatz-pick-'));
    roots.push(root);
    const many = Array.from({ length: 21 }, (_, i) => join(root, `f${i}.pdf`));
    expect(await codeOf(setup({ pickPaths: many }).service.pick({ multiple: true }))).toBe('payload_too_large');

    await mkdir(join(root, 'folder.pdf'));
    expect(await codeOf(setup({ pickPaths: [join(root, 'folder.pdf')] }).service.pick())).toBe('bad_request');
    expect(await codeOf(setup({ pickPaths: [join(root, 'gone.pdf')] }).service.pick())).toBe('not_found');
  });
});
