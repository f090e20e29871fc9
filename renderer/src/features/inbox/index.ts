export { InboxScreen } from './InboxScreen.tsx';
export { createInboxSource, firstPage, type InboxSource } from './inbox-source.ts';
export { INBOX_VIEWS, InboxIndex, type InboxQuery, type InboxView, type StatusFilter } from './inbox-index.ts';
