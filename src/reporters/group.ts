import type { Finding } from '../report/finding.js';
import type { Report, RuleResult } from '../report/report.js';

export interface StepGroup {
  step: string;
  rules: Array<{ rule: RuleResult; findings: Finding[] }>;
}

/** Rules and their findings grouped by ritual step, in the order the ruleset lists them. */
export function groupByStep(report: Report): StepGroup[] {
  const groups = new Map<string, StepGroup>();
  for (const rule of report.rules) {
    let group = groups.get(rule.step);
    if (!group) {
      group = { step: rule.step, rules: [] };
      groups.set(rule.step, group);
    }
    group.rules.push({ rule, findings: report.findings.filter((f) => f.ruleId === rule.id) });
  }
  return [...groups.values()];
}

export function verdictLine(report: Report): string {
  const s = report.summary;
  const parts = [
    `${s.failed} discrepanc${s.failed === 1 ? 'y' : 'ies'}${s.failed ? ` (${s.bySeverity.error} error, ${s.bySeverity.warning} warning, ${s.bySeverity.info} info)` : ''}`,
    `${s.errors} could not be checked`,
    `${s.manual} manual`,
    `${s.passed} checks passed`,
  ];
  const word = s.verdict === 'pass' ? 'PASS' : s.verdict === 'fail' ? 'FAIL' : 'INCOMPLETE';
  return `${word}: ${parts.join(', ')}`;
}

export function where(f: Finding): string {
  return [f.metadataType === 'Manual' ? undefined : f.metadataType, f.component, f.location].filter(Boolean).join(' › ');
}
