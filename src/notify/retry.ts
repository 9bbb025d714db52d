export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Back-off before retry n is baseDelayMs × 2^(n-1), at most maxDelayMs (5xx and network errors). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the run reports the failure instead. */
  maxRetryAfterSeconds: number;
}

/** 4 attempts over 3.5 s of back-off for outages; rate limits wait what Slack asks, up to 2 minutes. */
export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterSeconds: 120 };

/** What to do after a failed attempt: give up, or try again (after Slack's Retry-After when it sent one). */
export type RetryDecision = { retry: false; cause: string } | { retry: true; cause: string; retryAfterSeconds?: number };

export class RetriesExhausted extends Error {
  constructor(
    readonly reason: string,
    readonly attempts: number,
  ) {
    super(reason);
  }
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds, `judge` says stop, or the policy's retries are used up. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  judge: (error: unknown) => RetryDecision,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void> = realSleep,
): Promise<{ value: T; attempts: number }> {
  for (let n = 1; ; n++) {
    try {
      return { value: await attempt(), attempts: n };
    } catch (error) {
      const decision = judge(error);
      if (!decision.retry) throw new RetriesExhausted(decision.cause, n);
      if (n > policy.retries) throw new RetriesExhausted(`${decision.cause} (${n} attempts)`, n);
      if (decision.retryAfterSeconds !== undefined && decision.retryAfterSeconds > policy.maxRetryAfterSeconds) {
        throw new RetriesExhausted(`${decision.cause}: Slack asked to wait ${decision.retryAfterSeconds} s, longer than sfaudit waits`, n);
      }
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
      await sleep(decision.retryAfterSeconds !== undefined ? decision.retryAfterSeconds * 1000 : backoff);
    }
  }
}

/** Retry-After in seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
