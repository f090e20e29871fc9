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

export interface BenchApi {
  login(username: string, password: string): Promise<BenchLogin>;
  /** Pulls every Vorgang the user may see through the pull API; keeps them in the page. Returns the count. */
  fetchAllVorgaenge(token: string): Promise<number>;
  /** Time of one plain bulkPut of the fetched rows into a throwaway database with the app's schema. */
  baselineBulkPut(): Promise<{ ms: number; rows: number }>;
  /** Rows in the app's database of this user (after the app's initial sync). */
  countAppRows(userId: string): Promise<number>;
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
