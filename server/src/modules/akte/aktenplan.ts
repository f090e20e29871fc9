import { resolve } from 'node:path';
import { aktenplanFile, aktenplanLeaf, flattenAktenplan, type Aktenplan } from '../../../../shared/domain/aktenplan.ts';
import type { VerfahrenDef } from '../../../../shared/domain/verfahren.ts';
import { describeIssue, readLimited } from '../verfahren/load.ts';

/** resources/aktenplan/aktenplan.json of this checkout. */
export const DEFAULT_AKTENPLAN_FILE = resolve(import.meta.dirname, '../../../../resources/aktenplan/aktenplan.json');

/** A municipal plan has a few thousand Einheiten; this is far above, and far below harm. */
export const MAX_AKTENPLAN_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Reads, validates and flattens the Aktenplan. Throws one Error listing every problem with
 * its path, so the author fixes them in one round.
 */
export async function loadAktenplan(path: string = DEFAULT_AKTENPLAN_FILE): Promise<Aktenplan> {
  const fail = (problems: readonly string[]): never => {
    throw new Error(`Invalid Aktenplan ${path}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  };
  let json: unknown;
  try {
    json = JSON.parse((await readLimited(path, MAX_AKTENPLAN_FILE_BYTES)).replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail([e instanceof Error ? e.message : String(e)]);
  }
  const parsed = aktenplanFile.safeParse(json);
  if (!parsed.success) return fail(parsed.error.issues.map(describeIssue));
  const flat = flattenAktenplan(parsed.data);
  if (!flat.ok) return fail(flat.problems);
  return flat.value;
}

/**
 * Every Verfahren files its Vorgänge under a leaf of the Aktenplan: the server refuses to
 * start otherwise (an Akte under an unknown or inner Einheit has no retention).
 */
export function assertVerfahrenFiled(verfahren: readonly VerfahrenDef[], plan: Aktenplan): void {
  const problems: string[] = [];
  for (const v of verfahren) {
    const leaf = aktenplanLeaf(plan, v.aktenplanKennzeichen);
    if (leaf.ok) continue;
    problems.push(
      leaf.reason === 'unknown'
        ? `${v.id}: aktenplanKennzeichen ${v.aktenplanKennzeichen} is not in the Aktenplan`
        : `${v.id}: aktenplanKennzeichen ${v.aktenplanKennzeichen} is a group, not a leaf where Akten are formed`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`Verfahren outside the Aktenplan:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}
