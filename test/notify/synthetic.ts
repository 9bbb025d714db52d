import type { Finding, Report, RuleResult } from '../../src/index.js';
import { summarise } from '../../src/report/report.js';

/**
 * A report as a big org would produce: `count` discrepancies spread over `steps`
 * ritual steps, with long expected/found lists, hostile names here and there.
 */
export function syntheticReport(count: number, steps = 12): Report {
  const rules: RuleResult[] = [];
  const findings: Finding[] = [];
  for (let s = 0; s < steps; s++) {
    rules.push({ id: `rule-${s}`, step: `Step ${s}: ${'the layout section has all the fields the team needs '.repeat(3)}`, kind: 'layout-section', severity: s % 3 === 0 ? 'warning' : 'error', passed: 3, failed: 0, errors: 0, manual: 0, status: 'pass' });
  }
  for (let i = 0; i < count; i++) {
    const rule = rules[i % steps]!;
    rule.failed++;
    rule.status = 'fail';
    findings.push({
      ruleId: rule.id,
      step: rule.step,
      severity: rule.severity,
      status: 'fail',
      metadataType: 'Layout',
      component: i === 7 ? 'Account-<!channel> Layout' : `Object${i}__c-Object${i} Layout`,
      location: `section "Section ${i}"`,
      expected: `ordered: ${Array.from({ length: 40 }, (_, k) => `Field number ${k} (Field_${k}__c)`).join(', ')}`,
      actual: `${Array.from({ length: 39 }, (_, k) => `Field number ${k} (Field_${k}__c)`).join(', ')}`,
      message: i === 9 ? 'Record <https://evil.example/login|Salesforce login> & <@U123> is wrong' : `Section "Section ${i}" of Object${i}__c-Object${i} Layout: missing Field number 39 (Field_39__c)`,
      fix: 'Drag the field into the section.',
    });
  }
  return {
    schemaVersion: 1,
    tool: { name: 'sfaudit', version: '0.0.0-test' },
    generatedAt: '2026-01-05T08:00:00.000Z',
    org: { kind: 'org', location: 'https://fleet.my.salesforce.com' },
    ruleset: { name: 'Big ritual <!here>', files: [] },
    summary: summarise(rules, findings),
    rules,
    findings,
    notes: [],
    stats: {},
  };
}
