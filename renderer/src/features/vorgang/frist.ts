import { OPEN_STATUSES, type VorgangStatus } from '../../../../shared/domain/index.ts';
import { daysUntil } from '../../i18n/format.ts';

export type FristState = { kind: 'overdue'; days: number } | { kind: 'today' } | { kind: 'left'; days: number };

/** Where a Frist stands relative to today; null for a malformed date. */
export function fristState(frist: string, today: string): FristState | null {
  const d = daysUntil(frist, today);
  if (d === null) return null;
  if (d < 0) return { kind: 'overdue', days: -d };
  if (d === 0) return { kind: 'today' };
  return { kind: 'left', days: d };
}

const OPEN = new Set<VorgangStatus>(OPEN_STATUSES);

/** Overdue means open work past its Frist; a Frist of finished work no longer runs. */
export function isOverdue(frist: string, status: VorgangStatus, today: string): boolean {
  return OPEN.has(status) && frist < today;
}
