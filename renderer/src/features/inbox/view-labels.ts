import type { InboxView } from './inbox-index.ts';

const LABEL_KEYS = {
  mine: 'nav.mine',
  team: 'nav.team',
  open: 'nav.open',
  wiedervorlagen: 'team.views.wiedervorlagen',
  waiting: 'team.views.waiting',
  overdue: 'team.views.overdue',
  deputy: 'team.views.deputy',
} as const satisfies Record<InboxView, string>;

/** The translation key of a view's name (the first three predate the team texts). */
export function viewLabelKey<V extends InboxView>(view: V): (typeof LABEL_KEYS)[V] {
  return LABEL_KEYS[view];
}
