import type { Severity } from '../ruleset/types.js';
import type { Finding } from './finding.js';

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
  verdict: Verdict;
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
