import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORTERS, type Report } from '../../src/index.js';
import { groupByStep } from '../../src/reporters/group.js';
import { fleetReport } from './fleet-report.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
});

function parse(xml: string): any {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites;
}

let report: Report;
beforeAll(async () => {
  report = await fleetReport();
});

describe('junit reporter', () => {
  it('parses as XML: a suite per ritual step, counts that add up', () => {
    const doc = parse(REPORTERS.junit!.render(report));
    const steps = groupByStep(report);
    expect(doc.testsuite.map((s: any) => s.name)).toEqual(steps.map((s) => s.step));

    let tests = 0;
    let failures = 0;
    let skipped = 0;
    let errors = 0;
    for (const suite of doc.testsuite) {
      const cases = suite.testcase as any[];
      expect(Number(suite.tests)).toBe(cases.length);
      expect(Number(suite.failures)).toBe(cases.filter((c) => c.failure).length);
      expect(Number(suite.errors)).toBe(cases.filter((c) => c.error).length);
      expect(Number(suite.skipped)).toBe(cases.filter((c) => c.skipped).length);
      tests += cases.length;
      failures += cases.filter((c) => c.failure).length;
      skipped += cases.filter((c) => c.skipped).length;
      errors += cases.filter((c) => c.error).length;
    }
    expect([Number(doc.tests), Number(doc.failures), Number(doc.skipped), Number(doc.errors)]).toEqual([tests, failures, skipped, errors]);
    expect(errors).toBe(new Set(report.findings.filter((f) => f.status === 'error').map((f) => `${f.ruleId}|${f.component}`)).size);
  });

  it('has one failing case per rule and component, with expected and found', () => {
    const doc = parse(REPORTERS.junit!.render(report));
    const cases = doc.testsuite.flatMap((s: any) => s.testcase);
    const failingComponents = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId}|${f.metadataType} › ${f.component}`));
    const failing = cases.filter((c: any) => c.failure).map((c: any) => `${c.classname}|${c.name}`);
    expect(new Set(failing)).toEqual(failingComponents);
    expect(failing).toHaveLength(failingComponents.size);

    const tabs = cases.find((c: any) => c.classname === 'standard-user-tabs' && c.name === 'Profile › Standard');
    expect(tabs.failure.message).toBe('2 problems: tab Leads (standard-Lead); tab Cases (standard-Case)');
    expect(tabs.failure['#text']).toContain('expected: visible\nfound:    Hidden');

    const manual = cases.find((c: any) => c.classname === 'meeting-notes-naming');
    expect(manual.skipped).toBeDefined();
    // Passed checks are counted per rule: the report does not name their components.
    const links = cases.filter((c: any) => c.classname === 'account-useful-links');
    expect(links.map((c: any) => c.name)).toContain('other components: 4 checks passed');
  });

  it('survives hostile text: markup, quotes and control characters', () => {
    const f = report.findings[0]!;
    const nasty = 'x <!channel> & "q" \'a\' ]]> \u0001\u0007 <script>';
    const variant: Report = {
      ...report,
      findings: [
        { ...f, component: nasty, message: nasty, expected: nasty, actual: nasty },
        { ...f, ruleId: report.rules[1]!.id, status: 'error', message: `Could not evaluate: ${nasty}` },
      ],
    };
    const doc = parse(REPORTERS.junit!.render(variant));
    const cases = doc.testsuite.flatMap((s: any) => s.testcase);
    const bad = cases.find((c: any) => c.failure);
    expect(bad.failure.message).toBe('x <!channel> & "q" \'a\' ]]> \uFFFD\uFFFD <script>');
    const error = cases.find((c: any) => c.error);
    expect(error.error.type).toBe('could not check');
    expect(Number(doc.errors)).toBe(1);
  });
});
