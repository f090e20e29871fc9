import type { JournalSummary, Vorgang } from '../domain/index.ts';
import type { MutatorTx } from './types.ts';

/** Journal target of a command that names its Vorgang. */
export async function byVorgangId(_tx: MutatorTx, args: { vorgangId: string }): Promise<string> {
  return args.vorgangId;
}

/** Journal target of a command that names a Bescheid: the Bescheid's Vorgang. */
export async function byBescheidId(tx: MutatorTx, args: { bescheidId: string }): Promise<string | undefined> {
  return (await tx.get('bescheid', args.bescheidId))?.vorgangId;
}

export function statusChange({ before, after }: { before: Vorgang; after: Vorgang }): JournalSummary {
  return { from: before.status, to: after.status };
}
