/**
 * The org's daily API request counter. Salesforce counts every API call
 * (REST and SOAP alike; logins excepted), reports it on REST responses as
 * `Sforce-Limit-Info: api-usage=N/M`, and refuses calls once it is spent.
 */
export class ApiUsage {
  used: number;
  readonly max: number;

  constructor(start: { used: number; max: number } = { used: 0, max: 15_000 }) {
    this.used = start.used;
    this.max = start.max;
  }

  /** Counts one call; false when the allocation is already used up (the call must then be refused). */
  consume(): boolean {
    if (this.used >= this.max) return false;
    this.used++;
    return true;
  }

  header(): Record<string, string> {
    return { 'Sforce-Limit-Info': `api-usage=${this.used}/${this.max}` };
  }
}

/** Salesforce's message when the daily allocation is exhausted. */
export const LIMIT_EXCEEDED_MESSAGE = 'TotalRequests Limit exceeded.';
