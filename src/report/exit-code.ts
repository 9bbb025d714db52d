import type { Report } from './report.js';

export type FailOn = 'error' | 'warning' | 'info' | 'never';

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  discrepancies: 1,
  usage: 2,
  incomplete: 3,
  notifyFailed: 4,
  /** Salesforce refused the credentials or the session: nothing was audited (the report says so). */
  sessionRefused: 5,
  /** The org's host never answered (DNS, connection, timeout, TLS): nothing was audited (the report says so). */
  unreachable: 6,
  /** A bug in sfaudit, not in the input (set SFAUDIT_DEBUG=1 for the stack). */
  internal: 70,
} as const;

const RANK = { info: 0, warning: 1, error: 2 } as const;

/**
 * 3 when any rule could not be evaluated, whatever `failOn` says: a partial
 * audit must never look like a clean one. Otherwise 1 when a discrepancy is at
 * or above `failOn`. Waived discrepancies live in `report.waived` and never
 * count; the `waiver` test guards against a caller merging them back.
 */
export function exitCodeFor(report: Report, failOn: FailOn): number {
  if (report.findings.some((f) => f.status === 'error')) return EXIT.incomplete;
  if (failOn === 'never') return EXIT.ok;
  const threshold = RANK[failOn];
  return report.findings.some((f) => f.status === 'fail' && !f.waiver && RANK[f.severity] >= threshold) ? EXIT.discrepancies : EXIT.ok;
}
