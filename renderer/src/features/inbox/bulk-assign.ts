import type { ErrorCode, Result } from '../../../../shared/domain/index.ts';

export interface BulkAssignResult {
  done: number;
  rejected: { vorgangId: string; code: ErrorCode }[];
}

export type AssignOne = (args: { vorgangId: string; assigneeId: string | null }) => Promise<Result<void>>;

/**
 * One `assign` mutation per Vorgang, one after another (each is its own local transaction and
 * outbox entry, so the server accepts or rejects each on its own). A rejection does not stop
 * the rest. `done` counts what was accepted locally; the server may still reject some later,
 * which then shows in the rejections list like any other change.
 */
export async function bulkAssign(
  ids: readonly string[],
  assigneeId: string | null,
  assign: AssignOne,
  onProgress?: (handled: number) => void,
): Promise<BulkAssignResult> {
  const result: BulkAssignResult = { done: 0, rejected: [] };
  for (const vorgangId of ids) {
    let code: ErrorCode | null;
    try {
      const r = await assign({ vorgangId, assigneeId });
      code = r.ok ? null : r.error.code;
    } catch (e) {
      // Not a rejection by a rule but a failed local write (e.g. storage full): count it, go on.
      console.warn('bulk assign failed for one Vorgang', e instanceof Error ? e.name : 'unknown');
      code = 'internal';
    }
    if (code === null) result.done++;
    else result.rejected.push({ vorgangId, code });
    onProgress?.(result.done + result.rejected.length);
  }
  return result;
}
