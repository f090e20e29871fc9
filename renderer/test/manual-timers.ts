import type { Timers } from '../src/sync/timers.ts';

/** Timers that only fire when the test says so; records every requested delay. */
export class ManualTimers implements Timers {
  readonly delays: number[] = [];
  private next = 1;
  private readonly pending = new Map<number, () => void>();

  set(fn: () => void, ms: number): number {
    const handle = this.next++;
    this.delays.push(ms);
    this.pending.set(handle, fn);
    return handle;
  }

  clear(handle: unknown): void {
    if (typeof handle === 'number') this.pending.delete(handle);
  }

  get count(): number {
    return this.pending.size;
  }

  /** Fires every timer set so far (not the ones they set in turn). */
  fireAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const fn of due) fn();
  }
}
