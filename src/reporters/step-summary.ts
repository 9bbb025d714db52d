import type { Finding } from '../report/finding.js';
import type { Report } from '../report/report.js';
import { groupByStep } from './group.js';

export type StepStatus = 'pass' | 'fail' | 'error' | 'manual';

export interface StepSummary {
  step: string;
  status: StepStatus;
  rules: number;
  passed: number;
  failed: number;
  errors: number;
  manual: number;
  findings: Finding[];
}

/** Counts per ritual step, in ruleset order; a step is as bad as its worst rule. */
export function stepSummaries(report: Report): StepSummary[] {
  return groupByStep(report).map((group) => {
    const findings = group.rules.flatMap((r) => r.findings);
    const sum = (key: 'passed' | 'failed' | 'errors' | 'manual') => group.rules.reduce((n, r) => n + r.rule[key], 0);
    const failed = sum('failed');
    const errors = sum('errors');
    const manual = sum('manual');
    const status: StepStatus = errors ? 'error' : failed ? 'fail' : manual ? 'manual' : 'pass';
    return { step: group.step, status, rules: group.rules.length, passed: sum('passed'), failed, errors, manual, findings };
  });
}

export const VERDICT_WORD = { pass: 'PASS', fail: 'FAIL', error: 'INCOMPLETE' } as const;

/** `2026-01-05 08:00 UTC`: minutes are enough for people, and the JSON keeps the exact time. */
export function humanTime(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a finding's status means to a reader, severity included for discrepancies. */
export function statusLabel(f: Finding): string {
  return f.status === 'error' ? 'could not check' : f.status === 'manual' ? 'manual check' : f.severity;
}
