import type { Vorgang } from '../../shared/domain/index.ts';
import type { Snapshot } from './api.ts';

/** Demo user ids (server/src/modules/intake/demo-accounts.ts). */
export const USER_ID = {
  sachbearbeiter1: 'u-sachbearbeiter1',
  sachbearbeiter2: 'u-sachbearbeiter2',
  teamleitung1: 'u-teamleitung1',
} as const;

/**
 * An open, unassigned Vorgang in status "eingegangen". Specs share one server, so each takes a
 * different position (`nth`) and picks from a fresh pull: what an earlier spec claimed is gone.
 */
export function unassignedVorgang(snap: Snapshot, nth = 0): Vorgang {
  const candidates = [...snap.vorgaenge.values()]
    .filter((v) => v.assigneeId === null && v.status === 'eingegangen')
    .sort((a, b) => a.aktenzeichen.localeCompare(b.aktenzeichen));
  const v = candidates[nth];
  if (!v) throw new Error(`the demo data has fewer than ${nth + 1} unassigned Vorgänge in status eingegangen`);
  return v;
}

export function displayName(snap: Snapshot, userId: string): string {
  const u = snap.users.get(userId);
  if (!u) throw new Error(`user ${userId} is not in the pulled data`);
  return u.displayName;
}

/** A calendar date `days` after today (UTC) as YYYY-MM-DD, and as the German UI shows it. */
export function dateInDays(days: number): { iso: string; german: string } {
  const iso = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const [y, m, d] = iso.split('-');
  return { iso, german: `${d}.${m}.${y}` };
}
