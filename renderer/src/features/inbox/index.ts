export { InboxScreen } from './InboxScreen.tsx';
export { createInboxSource, firstPage, type InboxSource } from './inbox-source.ts';
export {
  INBOX_VIEWS,
  InboxIndex,
  isInboxView,
  type InboxQuery,
  type InboxView,
  type StatusFilter,
} from './inbox-index.ts';
export { initialInboxUiState, type InboxUiState } from './ui-state.ts';
export { dueWiedervorlagen } from './due-wiedervorlagen.ts';
export { viewLabelKey } from './view-labels.ts';
