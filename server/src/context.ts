import type { Authority } from '../../shared/bescheid/authority.ts';
import type { Aktenplan } from '../../shared/domain/aktenplan.ts';
import type { VerfahrenDef } from '../../shared/domain/verfahren.ts';
import type { Database } from './db/database.ts';
import type { BlobStore } from './modules/blobs/store.ts';
import type { SealService } from './modules/bescheid/seal-service.ts';
import type { ThrottleSettings } from './modules/auth/throttle.ts';
import type { DmsConnector } from './modules/akte/dms.ts';
import type { ChangeFeed } from './modules/sync/events.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Test hooks: points where a test can interfere with the request flow. */
export interface AppHooks {
  /** Runs after a push transaction committed, before the response (simulate a crash here). */
  afterPushCommit?: (info: { clientId: string; seq: number }) => void | Promise<void>;
}

/** Everything the route modules need; built once by buildApp. */
export interface AppContext {
  db: Database;
  /** Document bytes (docs/documents.md). */
  blobs: BlobStore;
  clock: Clock;
  sessionTtlMs: number;
  throttle: ThrottleSettings;
  /** Demo accounts may log in only while this is true (server started with --demo). */
  demoMode: boolean;
  verfahren: readonly VerfahrenDef[];
  aktenplan: Aktenplan;
  changes: ChangeFeed;
  sseHeartbeatMs: number;
  validateResponses: boolean;
  hooks: AppHooks;
  /** The authority's seal (docs/bescheid-freigabe.md); undefined: this server seals nothing. */
  seal?: SealService | undefined;
  /** The authority this server works for (GET /api/authority); undefined: none configured. */
  authority?: Authority | undefined;
  /** Where closed Akten are filed (docs/e-akte.md, "DMS"); undefined: no DMS connected. */
  dms?: DmsConnector | undefined;
  /** Where Abgaben to other authorities go (docs/e-akte.md, "Abgabe"); undefined: none possible. */
  abgabe?: DmsConnector | undefined;
  /** The archive the Aussonderung offers Akten to (docs/e-akte.md); undefined: none connected. */
  archiv?: DmsConnector | undefined;
}
