import type { Severity } from '../ruleset/types.js';
import type { Finding, WaiverInfo } from './finding.js';

/** Bumped when a field is removed or changes meaning; adding fields keeps the version. */
export const REPORT_SCHEMA_VERSION = 1;

export type Verdict = 'pass' | 'fail' | 'error';

export interface RuleResult {
  id: string;
  step: string;
  kind: string;
  severity: Severity;
  description?: string;
  /** Checks (component, location) that passed. */
  passed: number;
  failed: number;
  errors: number;
  manual: number;
  /** Discrepancies accepted by a waiver (not counted in `failed`). */
  waived?: number;
  status: 'pass' | 'fail' | 'error' | 'manual';
}

export interface Summary {
  rules: number;
  passed: number;
  failed: number;
  errors: number;
  manual: number;
  /** Failed findings by severity. */
  bySeverity: Record<Severity, number>;
  /** Discrepancies accepted by a waiver: listed in `Report.waived`, not in `failed`. */
  waived?: number;
  verdict: Verdict;
}

/** What changed since the previous recorded run; counts leave manual findings out. */
export interface Changes {
  new: number;
  persisting: number;
  resolved: number;
  /** Findings of the previous run that this run could not re-check (rule errored or was removed): not counted as resolved. */
  unchecked: number;
  /** `generatedAt` of the run compared with; absent on the first recorded run. */
  since?: string;
  /** History id of that run. */
  previousRun?: string;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'sfaudit'; version: string };
  generatedAt: string;
  org: { kind: 'folder' | 'org'; location: string };
  ruleset: { name: string; files: string[] };
  summary: Summary;
  rules: RuleResult[];
  findings: Finding[];
  /** What the audit could not see or chose not to do, said once (e.g. per-user default list views). */
  notes: string[];
  /** Counters of the run: API calls, components read ... */
  stats: Record<string, number>;
  /** Present when the run was compared with a previous one. */
  changes?: Changes;
  /** Findings of the previous run that are gone now (`change: 'resolved'`). */
  resolved?: Finding[];
  /** Discrepancies accepted by a waiver: listed apart, never failing the run. */
  waived?: Finding[];
  /** Waivers past their expiry date: they no longer apply. */
  expiredWaivers?: WaiverInfo[];
  /** Waivers that matched no finding (the discrepancy is gone, or the waiver is misspelt). */
  staleWaivers?: WaiverInfo[];
}

export function summarise(rules: RuleResult[], findings: Finding[]): Summary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (f.status === 'fail') bySeverity[f.severity]++;
  const failed = findings.filter((f) => f.status === 'fail').length;
  const errors = findings.filter((f) => f.status === 'error').length;
  return {
    rules: rules.length,
    passed: rules.reduce((n, r) => n + r.passed, 0),
    failed,
    errors,
    manual: findings.filter((f) => f.status === 'manual').length,
    bySeverity,
    verdict: errors ? 'error' : failed ? 'fail' : 'pass',
  };
}
