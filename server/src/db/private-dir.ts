import { chmod, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Owner only: the data and blob directories hold personal data and the roles of every user. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** The umask the server runs with, so every file it (or PGlite) creates is owner-only. */
export const PRIVATE_UMASK = 0o077;

/**
 * Makes a directory tree owner-only (directories 0700, files 0600) and returns how many modes
 * it had to tighten. Symbolic links are left alone (chmod would follow them out of the tree).
 * POSIX only: on Windows, modes mean nothing and the ACLs of the install directory decide.
 */
export async function securePrivateDir(dir: string): Promise<number> {
  if (process.platform === 'win32') return 0;
  let fixed = 0;
  const visit = async (path: string): Promise<void> => {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return;
    const want = info.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((info.mode & 0o777) !== want) {
      await chmod(path, want);
      fixed += 1;
    }
    if (info.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
  };
  await visit(dir);
  return fixed;
}
