import type { User } from '../../../shared/domain/index.ts';

/** Messages from the main thread to the sync worker. */
export type ToWorker =
  | { type: 'start'; serverUrl: string; token: string; user: User }
  | { type: 'syncNow' }
  /** The window's online/offline events: Chromium does not fire them inside workers. */
  | { type: 'network'; online: boolean }
  | { type: 'stop' };

/** Messages from the sync worker to the main thread. */
export type FromWorker = { type: 'started' } | { type: 'stopped' } | { type: 'failed'; message: string };
