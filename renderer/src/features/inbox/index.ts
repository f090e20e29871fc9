export { InboxScreen } from './InboxScreen.tsx';
export { createInboxSource, firstPage, type InboxSource } from './inbox-source.ts';
export {
  INBOX_VIEWS,
  InboxIndex,
  isInboxView,
  isStatusFilter,
  type DayRange,
  type InboxEntry,
  type InboxFilter,
  type InboxIndexChange,
  type InboxQuery,
  type InboxView,
  type StatusFilter,
} from './inbox-index.ts';
export { berlinDayOf } from './berlin-day.ts';
export { inboxLinkQuery, parseInboxLink, type InboxLink } from './route-filter.ts';
export { initialInboxUiState, type InboxUiState } from './ui-state.ts';
export { dueWiedervorlagen } from './due-wiedervorlagen.ts';
export { viewLabelKey } from './view-labels.ts';
