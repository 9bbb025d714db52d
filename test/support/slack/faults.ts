import type { SlackFaults } from './types.js';

export type FaultDecision = { kind: 'outage' } | { kind: 'rate_limited'; retryAfter: number } | undefined;

/** Injected failures, consulted once per incoming request before any routing. */
export class FaultController implements SlackFaults {
  private rateLimitedLeft = 0;
  private retryAfterSeconds = 1;
  private down = false;

  rateLimitNext(n: number, retryAfterSeconds: number): void {
    this.rateLimitedLeft = Math.max(0, Math.floor(n));
    this.retryAfterSeconds = retryAfterSeconds;
  }

  outage(on: boolean): void {
    this.down = on;
  }

  reset(): void {
    this.rateLimitedLeft = 0;
    this.down = false;
  }

  /** Decides the fate of one request; an outage wins over (and does not consume) a pending rate limit. */
  next(): FaultDecision {
    if (this.down) return { kind: 'outage' };
    if (this.rateLimitedLeft > 0) {
      this.rateLimitedLeft--;
      return { kind: 'rate_limited', retryAfter: this.retryAfterSeconds };
    }
    return undefined;
  }
}
