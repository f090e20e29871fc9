import { open, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { verfahrenDef, type VerfahrenDef } from '../../../../shared/domain/index.ts';

/** resources/verfahren of this checkout. */
export const DEFAULT_VERFAHREN_DIR = resolve(import.meta.dirname, '../../../../resources/verfahren');

/** A definition is a few KiB; anything near this limit is a mistake, not a Verfahren. */
export const MAX_VERFAHREN_FILE_BYTES = 256 * 1024;

/**
 * Reads and validates every `*.json` in `dir` (sorted by file name). Throws one Error listing
 * every problem in every file, each prefixed with the file name and, for schema problems, the
 * path inside the file — so an author fixes all mistakes in one round.
 */
export async function loadVerfahren(dir: string = DEFAULT_VERFAHREN_DIR): Promise<VerfahrenDef[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (e) {
    throw new Error(`Cannot read the Verfahren directory ${dir}: ${errorMessage(e)}`, { cause: e });
  }

  const problems: string[] = [];
  const defs: VerfahrenDef[] = [];
  const fileById = new Map<string, string>();
  for (const name of names) {
    const result = await loadFile(join(dir, name));
    if (!result.ok) {
      problems.push(...result.problems.map((p) => `${name}: ${p}`));
      continue;
    }
    const first = fileById.get(result.def.id);
    if (first !== undefined) {
      problems.push(`${name}: id: duplicate Verfahren id "${result.def.id}" (already defined in ${first})`);
      continue;
    }
    fileById.set(result.def.id, name);
    defs.push(result.def);
  }

  if (problems.length > 0) {
    throw new Error(`Invalid Verfahren definitions in ${dir}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return defs;
}

type FileResult = { ok: true; def: VerfahrenDef } | { ok: false; problems: string[] };

async function loadFile(path: string): Promise<FileResult> {
  let text: string;
  try {
    text = await readLimited(path);
  } catch (e) {
    return { ok: false, problems: [errorMessage(e)] };
  }
  let json: unknown;
  try {
    // Editors on Windows like to prepend a byte order mark, which JSON.parse rejects.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, problems: [`malformed JSON: ${errorMessage(e)}`] };
  }
  const parsed = verfahrenDef.safeParse(json);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(describeIssue) };
  return { ok: true, def: parsed.data };
}

/** Checks the size on the open handle, so a huge file is never read into memory. */
export async function readLimited(path: string, limit = MAX_VERFAHREN_FILE_BYTES): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > limit) {
      throw new Error(`file is ${stat.size} bytes, larger than the limit of ${limit} bytes`);
    }
    return await handle.readFile({ encoding: 'utf8' });
  } finally {
    await handle.close();
  }
}

/** `groups[0].fields[2].type: Invalid option: expected one of …` */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
