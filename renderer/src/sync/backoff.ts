export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 30_000;

/**
 * Delay before retry number `attempt` (0-based): the ceiling doubles from 1 s up to 30 s and
 * the delay is drawn from its upper half ("equal jitter"), so clients that lost the server at
 * the same moment do not all come back at the same moment.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
