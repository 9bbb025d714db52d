import { setTimeout as delay } from 'node:timers/promises';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** First back-off; doubles with each retry, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1; tests pin it. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

/** "Full jitter" back-off: a random wait up to the exponential bound, so parallel callers do not retry in step. */
export function backoffMs(retry: number, policy: RetryPolicy): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(bound * (policy.random ?? Math.random)());
}

/**
 * Runs `attempt` until it succeeds, fails with an error `shouldRetry` rejects,
 * or runs out of tries; then the last error is thrown.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  policy: RetryPolicy,
  onRetry?: (error: unknown, n: number) => void,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => delay(ms));
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n + 1 >= policy.maxAttempts || !shouldRetry(error)) throw error;
      onRetry?.(error, n + 1);
      await sleep(backoffMs(n, policy));
    }
  }
}
