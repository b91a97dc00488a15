/** How the sender spaces its attempts. */
export interface BackoffPolicy {
  /** The first retry waits up to this long. */
  baseDelayMs: number;
  /** No wait is longer than this (Retry-After aside, which is honoured up to maxRetryAfterMs). */
  maxDelayMs: number;
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 2_000, maxDelayMs: 5 * 60_000, maxRetryAfterMs: 60 * 60_000 };

/**
 * The wait before the next attempt after `attempts` failed ones: exponential backoff with full jitter
 * (a uniformly random wait between 0 and base·2^(attempts−1), capped), so many stores coming back after
 * an outage do not hit the supplier in step. A Retry-After from the server is a floor.
 */
export function retryDelay(attempts: number, policy: BackoffPolicy, random: () => number, retryAfterMs: number | null = null): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}
