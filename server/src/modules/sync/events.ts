/** A committed change, announced to the SSE connections that may see it. */
export interface ChangeEvent {
  /** Highest change sequence value of the commit. */
  cursor: number;
  /** Org units whose members can pull something new. */
  orgUnitIds: readonly string[];
  /** Users with something new of their own (rejections of their mutations). */
  userIds: readonly string[];
}

export type ChangeListener = (event: ChangeEvent) => void;

/**
 * In-process fan-out from committing requests to SSE connections. One server instance only:
 * several instances on one PostgreSQL would relay events through LISTEN/NOTIFY instead.
 */
export class EventBus {
  readonly #listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(event: ChangeEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
