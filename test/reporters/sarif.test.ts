import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORTERS, type Report } from '../../src/index.js';
import { fileUri } from '../../src/reporters/sarif.js';
import { fleetReport, ROOT } from './fleet-report.js';
import { SARIF_SUBSET_SCHEMA } from './sarif-schema.js';

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv-formats is not installed: the three formats SARIF uses, checked with the URL parser and Date.
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s<>"{}|\\^`]/.test(s) && URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
  return ajv.compile(SARIF_SUBSET_SCHEMA);
}

const validate = validator();
let report: Report;
let log: any;

beforeAll(async () => {
  report = await fleetReport();
  log = JSON.parse(REPORTERS.sarif!.render(report));
});

describe('sarif reporter', () => {
  it('validates against the SARIF 2.1.0 schema (hand-written subset)', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator is not vacuous: it rejects what SARIF forbids', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].severity = 'error'; // not a SARIF property
    expect(validate(broken)).toBe(false);
    const badLevel = structuredClone(log);
    badLevel.runs[0].results[0].kind = 'review'; // §3.27.9: a non-fail kind must have level "none"
    expect(validate(badLevel)).toBe(false);
    const noLine = structuredClone(log);
    noLine.runs[0].results[0].locations[0].physicalLocation.region = {};
    expect(validate(noLine)).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  it('has one result per finding, with the rule metadata', () => {
    const run = log.runs[0];
    expect(run.results).toHaveLength(report.findings.length);
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(report.rules.map((r) => r.id));
    for (const [i, result] of run.results.entries()) {
      const f = report.findings[i]!;
      expect(result.ruleId).toBe(f.ruleId);
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(f.ruleId);
      expect(result.message.text).toContain(f.message);
    }
    const manual = run.results.find((r: any) => r.ruleId === 'meeting-notes-naming');
    expect([manual.kind, manual.level]).toEqual(['review', 'none']);
  });

  it('points each folder finding at its metadata file and line (the layout section)', async () => {
    const result = log.runs[0].results.find((r: any) => r.ruleId === 'account-additional-information');
    const physical = result.locations[0].physicalLocation;
    expect(physical.artifactLocation.uri).toBe('fixtures/orgs/fleet/force-app/main/default/layouts/Account-Account%20Layout.layout-meta.xml');
    const text = await readFile(path.join(ROOT, decodeURIComponent(physical.artifactLocation.uri)), 'utf8');
    const lines = text.split('\n');
    expect(lines[physical.region.startLine - 1]).toContain('<layoutSections>');
    // The section at that line is the one the finding is about.
    expect(lines.slice(physical.region.startLine - 1, physical.region.startLine + 6).join('\n')).toContain('<label>Additional Information</label>');
    expect(result.locations[0].logicalLocations[0]).toMatchObject({ kind: 'Layout', name: 'Account-Account Layout › section "Additional Information"' });
  });

  it('keeps fingerprints stable and distinct', () => {
    const prints = log.runs[0].results.map((r: any) => r.partialFingerprints['sfauditFinding/v1']);
    expect(new Set(prints).size).toBe(prints.length);
    expect(JSON.parse(REPORTERS.sarif!.render(report)).runs[0].results.map((r: any) => r.partialFingerprints['sfauditFinding/v1'])).toEqual(prints);
  });

  it('marks waived findings as suppressed and could-not-check as open, still valid', () => {
    const f = report.findings[0]!;
    const variant: Report = {
      ...report,
      findings: [...report.findings, { ...f, status: 'error', message: 'Could not evaluate: unreadable file' }],
      waived: [{ ...f, waiver: { rule: f.ruleId, reason: 'migration in Q1', owner: 'ops@example.com', expires: '2026-03-31' } }],
    };
    const out = JSON.parse(REPORTERS.sarif!.render(variant));
    expect(validate(out)).toBe(true);
    const results = out.runs[0].results;
    expect(results.at(-1).suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'migration in Q1 (owner ops@example.com, until 2026-03-31)' }]);
    expect(results.at(-2)).toMatchObject({ kind: 'open', level: 'none' });
    expect(out.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('writes file URIs that tools can resolve', () => {
    expect(fileUri('a b/c#d.xml')).toBe('a%20b/c%23d.xml');
    expect(fileUri('/abs/x y.xml')).toBe('file:///abs/x%20y.xml');
    expect(fileUri('C:\\org\\x.xml')).toBe('file:///C:/org/x.xml');
  });
});
