import type { SyncChange } from '../../shared/contracts/http/index.ts';

/**
 * What the bench page offers to bench/run.ts (through page.evaluate). The page is built from
 * this folder by Vite and served under the app's origin, so it opens the app's own IndexedDB
 * with the app's own modules — nothing in the production bundle exists for the benchmark.
 */
export interface BenchLogin {
  token: string;
  userId: string;
  orgUnitId: string;
}

/** Rows of the pull stream by entity (vorgang, dokument, note, user, …). */
export type SyncedCounts = Partial<Record<SyncChange['entity'], number>>;

/** The team console's figures without React (ms per sample); see bench/README.md. */
export interface ConsoleAggregateTimings {
  /** Counting the whole index anew and computing the figures. */
  recount: number[];
  /** One Vorgang reassigned: the index takes it, the counters follow, the figures are computed. */
  update: number[];
  /** Of the update: the inbox index taking the change (the counters follow inside it). */
  indexApply: number[];
  /** Vorgänge of the org unit in the index. */
  teamRows: number;
}

export interface BenchApi {
  login(username: string, password: string): Promise<BenchLogin>;
  /** Pulls everything the user may see through the pull API; keeps the rows in the page. Returns the counts. */
  fetchAllRows(token: string): Promise<SyncedCounts>;
  /**
   * Time of plain bulkPuts of the fetched rows (one per table) into a throwaway database with the
   * app's schema: of every entity an initial sync writes, or of the Vorgänge alone.
   */
  baselineBulkPut(entities: 'all' | 'vorgaenge'): Promise<{ ms: number; rows: number }>;
  /** Rows in the app's database of this user (after the app's initial sync), by entity. */
  countAppRows(userId: string): Promise<SyncedCounts>;
  /** Some real search texts from the fetched rows: family names, name prefixes, Aktenzeichen numbers. */
  sampleSearchTexts(n: number): string[];
  /** Current assignee and version of rows in the app's database. */
  readRows(
    userId: string,
    ids: readonly string[],
  ): Promise<{ id: string; assigneeId: string | null; version: number }[]>;
  /** Durations of the inbox's first-page query (page of 50 through a compound index), alternating views. */
  inboxQueryTimings(userId: string, orgUnitId: string, iterations: number): Promise<number[]>;
  /** Durations of the in-memory inbox index search over all of the user's rows, one per query text. */
  indexSearchTimings(userId: string, orgUnitId: string, texts: readonly string[]): Promise<number[]>;
  /** The team console's figures over the user's database, without React: `iterations` recounts and updates. */
  consoleAggregateTimings(userId: string, orgUnitId: string, iterations: number): Promise<ConsoleAggregateTimings>;
  /** Reassigns a Vorgang through the app's mutate() in the user's database; returns the start (epoch ms, sub-ms). */
  reassign(userId: string, vorgangId: string, assigneeId: string): Promise<number>;
  /** Some of the org unit's Vorgänge with their assignee, for the reassignments. */
  teamVorgaenge(userId: string, orgUnitId: string, n: number): Promise<{ id: string; assigneeId: string | null }[]>;
  /** For comparison: one put + get of a fetched row in a throwaway database with the app's schema. */
  rawPutTimings(iterations: number): Promise<number[]>;
  /**
   * Durations from calling the app's mutate() to reading the updated row back from Dexie, with
   * `pauseMs` between writes.
   */
  localWriteTimings(userId: string, iterations: number, pauseMs: number): Promise<number[]>;
}

declare global {
  interface Window {
    bench: BenchApi;
  }
}
