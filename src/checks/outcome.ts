import type { Rule } from '../ruleset/types.js';
import type { Finding, FindingStatus, Outcome } from '../report/finding.js';

type FindingBody = Omit<Finding, 'ruleId' | 'step' | 'severity' | 'status'> & { status?: FindingStatus };

/** A finding of `rule`, with the rule's id, step and severity filled in (status defaults to `fail`). */
export function finding(rule: Rule<any, any>, body: FindingBody): Finding {
  return { ruleId: rule.id, step: rule.step, severity: rule.severity, status: 'fail', ...body };
}

export function pass(metadataType: string, component: string, location?: string): Outcome {
  return { status: 'pass', metadataType, component, location };
}
