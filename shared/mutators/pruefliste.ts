import { z } from 'zod';
import {
  DomainError,
  PRUEFLISTE_EDITABLE_STATUSES,
  manualDecision,
  prueflisteFor,
  prueflisteItemId,
  ruleOverride,
  type PrueflisteItem,
  type User,
  type Vorgang,
} from '../domain/index.ts';
import { assertMayWork, loadVisible, touched } from './guards.ts';
import { defineMutator, type MutatorTx } from './types.ts';
import { byVorgangId } from './journal.ts';

const vorgangId = z.uuid();

/** The item of the Vorgang's own template version, in a status that still allows changes. */
async function editableItem(
  tx: MutatorTx,
  actor: User,
  now: string,
  id: string,
  itemId: string,
): Promise<{ v: Vorgang; item: PrueflisteItem }> {
  const v = await loadVisible(tx, actor, id);
  await assertMayWork(tx, actor, v, now);
  if (!PRUEFLISTE_EDITABLE_STATUSES.includes(v.status)) {
    throw new DomainError('invalid_transition', `The Prüfliste of ${v.aktenzeichen} is frozen in status ${v.status}`);
  }
  const verfahren = await tx.getVerfahren(v.verfahrenId);
  const template = verfahren && prueflisteFor(verfahren, v.prueflisteVersion);
  const item = template?.items.find((i) => i.id === itemId);
  if (!item) throw new DomainError('not_found', `Prüfliste item ${itemId} not found`);
  return { v, item };
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

/** Decides a manual item (ok / not ok / n.a., with a note), or withdraws the decision (null). */
export const decidePruefItem = defineMutator({
  name: 'decidePruefItem',
  args: z.object({ vorgangId, itemId: prueflisteItemId, decision: manualDecision.nullable() }).strict(),
  journal: {
    vorgang: byVorgangId,
    // The justification belongs to the record.
    summary: ({ args }) => ({
      itemId: args.itemId,
      decision: args.decision?.decision ?? null,
      note: args.decision?.note ?? null,
    }),
  },
  async run(tx, { actor, now }, { vorgangId, itemId, decision }) {
    const { v, item } = await editableItem(tx, actor, now, vorgangId, itemId);
    if (item.kind !== 'manual') throw new DomainError('validation_failed', `${itemId} is a rule item: override it`);
    const manual = without(v.pruefliste.manual, itemId);
    if (decision !== null) manual[itemId] = decision;
    await tx.put('vorgang', touched(v, now, { pruefliste: { ...v.pruefliste, manual } }));
  },
});

/** Replaces a rule's result with the clerk's decision and reason, or withdraws that (null). */
export const overridePruefRule = defineMutator({
  name: 'overridePruefRule',
  args: z.object({ vorgangId, itemId: prueflisteItemId, override: ruleOverride.nullable() }).strict(),
  journal: {
    vorgang: byVorgangId,
    summary: ({ args }) => ({
      itemId: args.itemId,
      decision: args.override?.decision ?? null,
      reason: args.override?.reason ?? null,
    }),
  },
  async run(tx, { actor, now }, { vorgangId, itemId, override }) {
    const { v, item } = await editableItem(tx, actor, now, vorgangId, itemId);
    if (item.kind !== 'rule') throw new DomainError('validation_failed', `${itemId} is a manual item: decide it`);
    const overrides = without(v.pruefliste.overrides, itemId);
    if (override !== null) overrides[itemId] = override;
    await tx.put('vorgang', touched(v, now, { pruefliste: { ...v.pruefliste, overrides } }));
  },
});
