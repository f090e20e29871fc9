import { unresolvedMarkers } from '../../../../shared/bescheid/template/index.ts';
import { bescheidContentHash, err, ok, type BescheidContent, type Result } from '../../../../shared/domain/index.ts';
import type { AmtsplatzDb, SyncHandle } from '../../sync/index.ts';
import { bescheideTable, deleteDraft } from './data.ts';
import { sameContent } from './form.ts';

/**
 * The Bescheid commands as sequences of mutations: each step is a named mutator through the
 * outbox (optimistic here, authoritative on the server), so a step the server refuses comes
 * back in the rejection list like any other change.
 */
export interface CommandDeps {
  readonly db: AmtsplatzDb;
  readonly mutate: SyncHandle['mutate'];
}

/**
 * A mutation that throws instead of refusing (storage failure, a bug) comes back as an
 * `internal` error value, so the screen reports it rather than waiting forever.
 */
async function settled<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run();
  } catch (e) {
    return err({ code: 'internal', message: e instanceof Error ? e.message : String(e) });
  }
}

export interface DraftRef {
  readonly bescheidId: string;
  readonly vorgangId: string;
}

/** Saves the content unless the stored Bescheid says exactly this already (then nothing is queued). */
export function saveContent(
  deps: CommandDeps,
  ref: DraftRef,
  content: BescheidContent,
): Promise<Result<'saved' | 'unchanged'>> {
  return settled(async () => {
    const stored = await bescheideTable(deps.db).get(ref.bescheidId);
    if (stored && sameContent(stored.content, content)) return ok('unchanged');
    const r = await deps.mutate('saveBescheid', { bescheidId: ref.bescheidId, vorgangId: ref.vorgangId, content });
    return r.ok ? ok('saved') : r;
  });
}

/**
 * Submits exactly this content for Freigabe: saves it first if the stored Bescheid differs,
 * brings a returned Vorgang back to entscheidungsreif (an unchanged returned draft does not do
 * that by saving), then submits with the content hash the lead's approval will have to name.
 * The local draft is no longer needed afterwards. Returns the hash.
 */
export function submitContent(deps: CommandDeps, ref: DraftRef, content: BescheidContent): Promise<Result<string>> {
  return settled(async () => {
    const open = unresolvedMarkers(content);
    if (open.length > 0)
      return err({ code: 'validation_failed', message: `Unresolved placeholders: ${open.join(', ')}` });
    const saved = await saveContent(deps, ref, content);
    if (!saved.ok) return saved;
    const v = await deps.db.vorgaenge.get(ref.vorgangId);
    if (v?.status === 'zurueckgegeben') {
      const back = await deps.mutate('changeStatus', { vorgangId: ref.vorgangId, to: 'entscheidungsreif' });
      if (!back.ok) return back;
    }
    const contentHash = await bescheidContentHash(content);
    const submitted = await deps.mutate('submitBescheid', { bescheidId: ref.bescheidId, contentHash });
    if (!submitted.ok) return submitted;
    await deleteDraft(deps.db, ref.bescheidId);
    return ok(contentHash);
  });
}

/** Approves exactly the submitted version; refuses locally when the stored text no longer has that hash. */
export function approve(deps: CommandDeps, bescheidId: string): Promise<Result<void>> {
  return settled(async () => {
    const b = await bescheideTable(deps.db).get(bescheidId);
    if (!b || b.submittedHash === null) return err({ code: 'not_found', message: 'No submitted Bescheid' });
    if ((await bescheidContentHash(b.content)) !== b.submittedHash) {
      return err({ code: 'stale_content', message: 'The Bescheid changed after it was submitted' });
    }
    return deps.mutate('approveBescheid', { bescheidId, contentHash: b.submittedHash });
  });
}

export function returnWithComment(deps: CommandDeps, bescheidId: string, comment: string): Promise<Result<void>> {
  return settled(() => deps.mutate('returnBescheid', { bescheidId, comment: comment.trim() }));
}

/** Records the postal dispatch of the sealed Bescheid on the given day; the Vorgang becomes `versandt`. */
export function recordPostalDispatch(deps: CommandDeps, ref: DraftRef, date: string): Promise<Result<void>> {
  return settled(() =>
    deps.mutate('recordDispatch', { vorgangId: ref.vorgangId, bescheidId: ref.bescheidId, channel: 'post', date }),
  );
}
