import { berlinDate, vorgangPruefliste, type Vorgang } from '../../shared/domain/index.ts';
import type { ApiClient } from './api.ts';

/**
 * The `skip`-th unassigned Vorgang in `eingegangen` whose Verfahren has a Prüfliste, ordered by
 * Aktenzeichen. Specs pick different indexes so they never work on the same Vorgang.
 */
export async function unassignedWithPruefliste(lead: ApiClient, skip: number): Promise<Vorgang> {
  const snap = await lead.pullAll();
  const candidates = [...snap.vorgaenge.values()]
    .filter((v) => v.assigneeId === null && v.status === 'eingegangen' && v.prueflisteVersion !== null)
    .sort((a, b) => a.aktenzeichen.localeCompare(b.aktenzeichen));
  const v = candidates[skip];
  if (!v) throw new Error('the demo data has too few unassigned Vorgänge with a Prüfliste');
  return v;
}

/**
 * Such a Vorgang brought by the clerk through the API to `entscheidungsreif`: claimed, every
 * manual item decided, every rule result that did not pass overridden with a reason.
 */
export async function entscheidungsreif(lead: ApiClient, clerk: ApiClient, skip: number): Promise<Vorgang> {
  const v = await unassignedWithPruefliste(lead, skip);
  const def = (await lead.verfahren()).find((d) => d.id === v.verfahrenId);
  if (!def) throw new Error(`Verfahren ${v.verfahrenId} missing`);
  await clerk.apply('claim', { vorgangId: v.id });
  await clerk.apply('changeStatus', { vorgangId: v.id, to: 'in_bearbeitung' });
  const plan = vorgangPruefliste(def, v, berlinDate(new Date()));
  if (!plan) throw new Error('the target has no Prüfliste');
  for (const item of plan.template.items) {
    if (item.kind === 'manual') {
      await clerk.apply('decidePruefItem', { vorgangId: v.id, itemId: item.id, decision: { decision: 'ok' } });
    } else if (plan.results.get(item.id)?.outcome !== 'pass') {
      await clerk.apply('overridePruefRule', {
        vorgangId: v.id,
        itemId: item.id,
        override: { decision: 'ok', reason: 'Nachweis liegt in Papierform vor' },
      });
    }
  }
  await clerk.apply('changeStatus', { vorgangId: v.id, to: 'entscheidungsreif' });
  return v;
}
