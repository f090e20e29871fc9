import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileOpenInput, FileSaveInput, FileSaveResult, PickedFile } from '../../../shared/contracts/ipc/index.ts';
import { MAX_PICK_FILES } from '../../../shared/contracts/ipc/index.ts';
import { DomainError, type ErrorCode } from '../../../shared/domain/errors.ts';
import {
  ALLOWED_EXTENSIONS,
  ALLOWED_MEDIA_TYPES,
  MAX_DOKUMENT_BYTES,
  isAllowedMediaType,
  mediaTypeForName,
  sanitizeFileName,
  type AllowedMediaType,
} from '../../../shared/domain/file-names.ts';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The parts of Electron's `dialog` the service uses; index.ts binds them to the main window. */
export interface FileDialogs {
  showSaveDialog(options: { defaultPath: string; filters: FileFilter[] }): Promise<{
    canceled: boolean;
    filePath?: string | undefined;
  }>;
  showOpenDialog(options: {
    properties: ('openFile' | 'multiSelections')[];
    filters: FileFilter[];
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
}

/** Electron's `shell.openPath`: resolves to an error message, empty on success. */
export interface PathOpener {
  openPath(path: string): Promise<string>;
}

export interface FileServiceOptions {
  dialogs: FileDialogs;
  shell: PathOpener;
  /** Where the save dialog starts (the user's Downloads folder). */
  downloadsDir: string;
  /** Private folder for copies handed to the system viewer; emptied on quit. */
  openDir: string;
  now?: () => number;
}

export interface FileService {
  save(input: FileSaveInput): Promise<FileSaveResult>;
  open(input: FileOpenInput): Promise<{ opened: true }>;
  pick(input?: { multiple: boolean }): Promise<PickedFile[]>;
  /** Removes viewer copies older than STALE_AFTER_MS (left by a crash or a locked file); call on start. */
  removeStale(): Promise<void>;
  /** Removes all viewer copies; call on quit. Synchronous so it finishes before the process ends. */
  cleanup(): void;
}

export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

const PICK_FILTER_NAME = 'Dokumente';

/**
 * Saving, opening and picking documents for the renderer, which never sees or chooses a path
 * itself. Bytes arrive with the SHA-256 the renderer knows (of the stored blob) and are checked
 * again here, so a document reaches the disk exactly as the Akte holds it. Only the types of
 * ALLOWED_MEDIA_TYPES ever get a name here, and nothing is executed: opening hands a data file
 * to the system's default viewer.
 */
export function createFileService(options: FileServiceOptions): FileService {
  const { dialogs, shell, downloadsDir, openDir } = options;
  const now = options.now ?? Date.now;

  return {
    async save(input) {
      const { name, mediaType } = checked(input.suggestedName, input.mediaType, input.bytes, input.sha256);
      const exts = [...ALLOWED_MEDIA_TYPES[mediaType]];
      const { canceled, filePath } = await dialogs.showSaveDialog({
        defaultPath: join(downloadsDir, name),
        filters: [{ name: exts.map((e) => e.toUpperCase()).join(', '), extensions: exts }],
      });
      // The user may pick another name or folder: their choice, and nothing is run from it.
      if (canceled || filePath === undefined || filePath === '') return { saved: false };
      await fsStep('write the file', () => writeAtomic(filePath, input.bytes, 0o666));
      return { saved: true, path: filePath };
    },

    async open(input) {
      const { name, mediaType } = checked(input.name, input.mediaType, input.bytes, input.sha256);
      const dir = join(openDir, randomUUID());
      const path = join(dir, name);
      assertViewable(path, mediaType);
      await fsStep('prepare the file for viewing', async () => {
        await ensurePrivateDir(openDir);
        await mkdir(dir, { mode: 0o700 });
        // Read-only: the copy is not the Akte, so a viewer should not offer to save edits into it.
        await writeAtomic(path, input.bytes, 0o400);
      });
      const problem = await shell.openPath(path);
      if (problem !== '') {
        await rm(dir, { recursive: true, force: true });
        throw new DomainError('internal', 'No application could open the file');
      }
      return { opened: true };
    },

    async pick(input) {
      const extensions = [...ALLOWED_EXTENSIONS, ...ALLOWED_EXTENSIONS.map((e) => e.toUpperCase())];
      const choice = await dialogs.showOpenDialog({
        properties: input?.multiple === true ? ['openFile', 'multiSelections'] : ['openFile'],
        filters: [{ name: PICK_FILTER_NAME, extensions }],
      });
      if (choice.canceled) return [];
      if (choice.filePaths.length > MAX_PICK_FILES) {
        throw new DomainError('payload_too_large', `At most ${MAX_PICK_FILES} files can be added at once`);
      }
      const picked: PickedFile[] = [];
      for (const path of choice.filePaths) picked.push(await readPicked(path));
      return picked;
    },

    async removeStale() {
      let entries: string[];
      try {
        entries = await readdir(openDir);
      } catch {
        return;
      }
      for (const entry of entries) {
        const path = join(openDir, entry);
        try {
          if (now() - (await lstat(path)).mtimeMs > STALE_AFTER_MS) await rm(path, { recursive: true, force: true });
        } catch {
          // Still open in a viewer that locks it (Windows): the next start tries again.
        }
      }
    },

    cleanup() {
      let entries: string[];
      try {
        entries = readdirSync(openDir);
      } catch {
        return;
      }
      for (const entry of entries) {
        try {
          rmSync(join(openDir, entry), { recursive: true, force: true });
        } catch {
          // Locked by a viewer; removeStale on a later start gets it.
        }
      }
    },
  };
}

/** Allowed type, intact bytes and a safe name, checked before any dialog or disk access. */
function checked(
  suggested: string,
  mediaType: string,
  bytes: Uint8Array,
  sha256: string,
): { name: string; mediaType: AllowedMediaType } {
  if (!isAllowedMediaType(mediaType)) {
    throw new DomainError('unsupported_media_type', 'This document type is not allowed');
  }
  const name = sanitizeFileName(suggested, mediaType);
  if (bytes.byteLength > MAX_DOKUMENT_BYTES) {
    throw new DomainError('payload_too_large', `A document may have at most ${MAX_DOKUMENT_BYTES} bytes`);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new DomainError('hash_mismatch', 'The bytes do not match their SHA-256');
  }
  return { name, mediaType };
}

/**
 * Last gate before the OS, independent of how the name was built: the system picks the viewer
 * by extension, so the extension must be an allow-listed one for exactly this media type.
 */
function assertViewable(path: string, mediaType: AllowedMediaType): void {
  if (mediaTypeForName(basename(path)) !== mediaType) {
    throw new DomainError('unsupported_media_type', 'This file type is never opened');
  }
}

async function readPicked(path: string): Promise<PickedFile> {
  const name = basename(path);
  const mediaType = mediaTypeForName(name);
  if (mediaType === undefined) {
    throw new DomainError('unsupported_media_type', `"${name}" is not one of the allowed document types`);
  }
  const bytes = await fsStep('read the file', async () => {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new DomainError('bad_request', `"${name}" is not a regular file`);
      if (info.size > MAX_DOKUMENT_BYTES) throw tooLarge(name);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  });
  // The file may have grown after the size check.
  if (bytes.byteLength > MAX_DOKUMENT_BYTES) throw tooLarge(name);
  return { name: sanitizeFileName(name, mediaType), mediaType, bytes };
}

const tooLarge = (name: string) =>
  new DomainError('payload_too_large', `"${name}" is larger than ${MAX_DOKUMENT_BYTES / 1024 / 1024} MiB`);

/**
 * Writes next to the target and renames over it, so the target is either the old file or the
 * complete new one, never a partial write. The temporary name is short so a long target name
 * cannot push it past the file system's name limit.
 */
async function writeAtomic(target: string, bytes: Uint8Array, mode: number): Promise<void> {
  const temp = join(dirname(target), `.amtsplatz-${randomUUID()}.tmp`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * The viewer folder lives in the system temp directory, shared between users on Linux: it must
 * be a real directory of ours that nobody else can read or plant files in.
 */
async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  const uid = process.getuid?.();
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) {
    throw new DomainError('forbidden', 'The temporary folder for opened documents is not private');
  }
  if (uid !== undefined && (info.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

/**
 * Runs a file-system step and turns its errors into DomainErrors: Node's messages contain the
 * path (with the user's name), which must reach neither the log nor the renderer.
 */
async function fsStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const errno = (error as { code?: unknown }).code;
    const code: ErrorCode =
      errno === 'ENOENT' ? 'not_found' : errno === 'EACCES' || errno === 'EPERM' ? 'forbidden' : 'internal';
    throw new DomainError(code, `Could not ${what}${typeof errno === 'string' ? ` (${errno})` : ''}`);
  }
}
