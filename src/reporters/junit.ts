import type { Finding } from '../report/finding.js';
import type { Report, RuleResult } from '../report/report.js';
import type { Reporter } from './reporter.js';
import { groupByStep } from './group.js';
import { escapeXml as x, escapeXmlText as t } from './escape.js';
import { plural } from './step-summary.js';

interface TestCase {
  classname: string;
  name: string;
  /** Findings on this component; none for the passing case. */
  findings: Finding[];
  waived?: boolean;
}

/**
 * One test case per rule and component. The report counts passed checks but does
 * not name their components, so passes become one case per rule ("N checks passed").
 */
function testCases(rule: RuleResult, findings: Finding[]): TestCase[] {
  const byComponent = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.metadataType} › ${f.component}`;
    byComponent.set(key, [...(byComponent.get(key) ?? []), f]);
  }
  const cases: TestCase[] = [...byComponent].map(([name, fs]) => ({ classname: rule.id, name, findings: fs }));
  if (rule.passed > 0 || cases.length === 0) {
    const name = rule.passed > 0 ? `${plural(rule.passed, 'check')} passed` : 'nothing to check';
    cases.push({ classname: rule.id, name: cases.length ? `other components: ${name}` : name, findings: [] });
  }
  return cases;
}

function details(f: Finding): string {
  return [
    f.location ? `where:    ${f.location}` : undefined,
    f.message,
    f.expected !== undefined ? `expected: ${f.expected}` : undefined,
    f.actual !== undefined ? `found:    ${f.actual}` : undefined,
    f.fix ? `fix:      ${f.fix}` : undefined,
    f.source?.file ? `at:       ${f.source.file}${f.source.line ? `:${f.source.line}` : ''}` : undefined,
  ]
    .filter((l) => l !== undefined)
    .join('\n');
}

const worstSeverity = (fs: Finding[]) => (['error', 'warning', 'info'] as const).find((sev) => fs.some((f) => f.severity === sev)) ?? 'error';

/** A test case fails on any discrepancy, errors when sfaudit could not look, and is skipped when a person must check. */
function caseXml(c: TestCase): string {
  const open = `    <testcase classname="${x(c.classname)}" name="${x(c.name)}" time="0"`;
  if (!c.findings.length) return `${open}/>`;
  const worst = (['error', 'fail', 'manual'] as const).find((s) => c.findings.some((f) => f.status === s))!;
  const shown = c.findings.filter((f) => f.status === worst);
  if (c.waived) {
    const w = c.findings[0]!.waiver;
    const why = w ? `waived by ${w.owner} until ${w.expires}: ${w.reason}` : 'waived';
    return `${open}>\n      <skipped message="${x(why)}"/>\n      <system-out>${t(c.findings.map(details).join('\n\n'))}</system-out>\n    </testcase>`;
  }
  const message = shown.length === 1 ? shown[0]!.message : `${shown.length} problems: ${shown.map((f) => f.location ?? f.message).join('; ')}`;
  const body = c.findings.map(details).join('\n\n');
  const inner =
    worst === 'manual'
      ? `<skipped message="${x(message)}"/>\n      <system-out>${t(body)}</system-out>`
      : worst === 'error'
        ? `<error message="${x(message)}" type="could not check">${t(body)}</error>`
        : `<failure message="${x(message)}" type="${worstSeverity(shown)}">${t(body)}</failure>`;
  return `${open}>\n      ${inner}\n    </testcase>`;
}

/** A waived discrepancy is neither a pass nor a failure: skipped, with who accepted it and until when. */
function waivedCase(f: Finding): TestCase {
  return { classname: f.ruleId, name: `${f.metadataType} › ${f.component}${f.location ? ` › ${f.location}` : ''} (waived)`, findings: [{ ...f, status: 'manual' }], waived: true };
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function count(cases: TestCase[]): Counts {
  const has = (c: TestCase, s: Finding['status']) => c.findings.some((f) => f.status === s);
  return {
    tests: cases.length,
    errors: cases.filter((c) => has(c, 'error')).length,
    failures: cases.filter((c) => !has(c, 'error') && has(c, 'fail')).length,
    skipped: cases.filter((c) => !has(c, 'error') && !has(c, 'fail') && has(c, 'manual')).length,
  };
}

const attrs = (c: Counts) => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"`;

/** JUnit XML as Jenkins, GitLab, GitHub test reporters and Azure DevOps read it: a suite per ritual step. */
export const junit: Reporter = {
  name: 'junit',
  description: 'JUnit XML for CI systems: one test suite per ritual step, one test case per rule and component.',
  extension: 'xml',
  render(report: Report) {
    const timestamp = report.generatedAt.replace(/\.\d+Z$|Z$/, '');
    const suites = groupByStep(report).map((group, i) => {
      const cases = group.rules.flatMap(({ rule, findings }) => [
        ...testCases(rule, findings),
        ...(report.waived ?? []).filter((f) => f.ruleId === rule.id).map(waivedCase),
      ]);
      return { name: group.step, cases, counts: count(cases), id: i };
    });
    const total = suites.reduce<Counts>(
      (t, s) => ({ tests: t.tests + s.counts.tests, failures: t.failures + s.counts.failures, errors: t.errors + s.counts.errors, skipped: t.skipped + s.counts.skipped }),
      { tests: 0, failures: 0, errors: 0, skipped: 0 },
    );
    const properties: Array<[string, string]> = [
      ['org', `${report.org.kind} ${report.org.location}`],
      ['ruleset', report.ruleset.name],
      ['sfaudit', report.tool.version],
    ];
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="${x(`sfaudit: ${report.ruleset.name}`)}" ${attrs(total)} time="0" timestamp="${x(timestamp)}">`,
    ];
    for (const s of suites) {
      lines.push(`  <testsuite id="${s.id}" name="${x(s.name)}" ${attrs(s.counts)} time="0" timestamp="${x(timestamp)}">`);
      lines.push('    <properties>', ...properties.map(([k, v]) => `      <property name="${x(k)}" value="${x(v)}"/>`), '    </properties>');
      lines.push(...s.cases.map(caseXml));
      lines.push('  </testsuite>');
    }
    lines.push('</testsuites>');
    return `${lines.join('\n')}\n`;
  },
};
