import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DEMO_AUTHORITY, authoritySchema, type Authority } from '../../../../shared/bescheid/authority.ts';

export { DEMO_AUTHORITY, authoritySchema, type Authority };

/** Reads and validates `--behoerde FILE`; the Error names the file and every problem in it. */
export async function loadAuthority(file: string): Promise<Authority> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`--behoerde ${file}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const parsed = authoritySchema.safeParse(json);
  if (!parsed.success) throw new Error(`--behoerde ${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The authority of the server configuration: `--behoerde FILE`, else the demo authority in demo
 * mode, else none (the server then serves `authority: null` and seals nothing).
 */
export async function resolveAuthority(options: {
  behoerde?: string | undefined;
  demo: boolean;
}): Promise<Authority | undefined> {
  if (options.behoerde !== undefined) return loadAuthority(options.behoerde);
  return options.demo ? DEMO_AUTHORITY : undefined;
}
