import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { emptyOrg, type DataRecord } from '../../src/model/types.js';
import type { Rule } from '../../src/ruleset/types.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { auditFolder, findingKeys, ORGS, ritual } from '../support/audit-helpers.js';
import { rule } from './org-builder.js';

const yearRule = (target: Record<string, unknown> = { object: 'Opportunity' }) =>
  rule('records', target, { fields: [{ field: 'Opportunity Name', matches: '\\b20\\d{2}\\b', meaning: 'a four-digit year' }] }, { id: 'year' });

const ruleset = (...rules: Rule[]) => ({ name: 'test', files: [], rules });

function folderOrg(records: Array<Partial<DataRecord> & { fields: Record<string, unknown> }>) {
  const org = emptyOrg({ kind: 'folder', location: 'test' });
  org.records = records.map((r, i) => ({ object: 'Opportunity', id: `OppRef${i + 1}`, ...r }));
  return org;
}

describe('records rules', () => {
  it('reports exactly the fleet opportunities without a year, naming record, field, pattern and value', async () => {
    const all = await ritual();
    const report = await auditFolder(path.join(ORGS, 'fleet'), ruleset(...all.rules.filter((r) => r.id === 'opportunity-name-has-year')));
    expect(findingKeys(report)).toEqual([
      'fail opportunity-name-has-year | Acme expansion (OpportunityRef2) | field Opportunity Name (Name)',
      'fail opportunity-name-has-year | Globex pilot (OpportunityRef4) | field Opportunity Name (Name)',
      'fail opportunity-name-has-year | Initech upsell (OpportunityRef6) | field Opportunity Name (Name)',
      'fail opportunity-name-has-year | Umbrella renewal (OpportunityRef8) | field Opportunity Name (Name)',
    ]);
    expect(report.findings[0]).toEqual({
      ruleId: 'opportunity-name-has-year',
      step: 'Opportunities: the opportunity name should have the year on it',
      severity: 'error',
      status: 'fail',
      metadataType: 'Opportunity',
      component: 'Acme expansion (OpportunityRef2)',
      location: 'field Opportunity Name (Name)',
      expected: 'matches /\\b20\\d{2}\\b/ (a four-digit year)',
      actual: '"Acme expansion"',
      message: 'Opportunity "Acme expansion (OpportunityRef2)": Opportunity Name (Name) "Acme expansion" does not match /\\b20\\d{2}\\b/ (a four-digit year)',
      fix: 'Open Opportunity "Acme expansion (OpportunityRef2)" in Salesforce and edit Opportunity Name (Name): make it include a four-digit year.',
      source: { file: 'fixtures/orgs/fleet/data/Opportunity.json', line: 17 },
    });
    expect(report.rules[0]).toMatchObject({ passed: 8, failed: 4, status: 'fail' });
    expect(report.stats.recordsChecked).toBe(12);
  });

  it('passes on fleet-clean', async () => {
    const all = await ritual();
    const report = await auditFolder(path.join(ORGS, 'fleet-clean'), ruleset(...all.rules.filter((r) => r.id === 'opportunity-name-has-year')));
    expect(report.findings).toEqual([]);
    expect(report.rules[0]).toMatchObject({ passed: 12, status: 'pass' });
  });

  it('selects with a filter (labels in double quotes too) and checks not-empty and one-of', async () => {
    const org = folderOrg([
      { fields: { Name: 'A 2026', StageName: 'Prospecting', NextStep: 'Call' } },
      { fields: { Name: 'B', StageName: 'Closed Won' } },
      { fields: { Name: 'C 2026', StageName: 'Negotiating', NextStep: '' } },
    ]);
    const r = rule(
      'records',
      { object: 'Opportunity', where: `"Stage" != 'Closed Won'` },
      { fields: [{ field: 'Next Step', notEmpty: true }, { field: 'StageName', oneOf: ['Prospecting', 'Closed Won'] }] },
      { id: 'open' },
    );
    const report = await audit(org, ruleset(r));
    expect(report.findings.map((f) => [f.component, f.location, f.expected, f.actual])).toEqual([
      ['C 2026 (OppRef3)', 'field Next Step (NextStep)', 'not empty', '(empty)'],
      ['C 2026 (OppRef3)', 'field Stage (StageName)', 'one of "Prospecting", "Closed Won"', '"Negotiating"'],
    ]);
    expect(report.rules[0]).toMatchObject({ passed: 2, failed: 2 });
  });

  it('reports the cap when more records match, and never silently', async () => {
    const org = folderOrg(Array.from({ length: 30 }, (_, i) => ({ fields: { Name: `Deal ${i}` } })));
    const capped = await audit(org, ruleset(yearRule({ object: 'Opportunity', maxRecords: 10 })));
    expect(capped.findings).toHaveLength(11);
    expect(capped.findings.at(-1)).toMatchObject({
      status: 'error',
      metadataType: 'Opportunity',
      component: 'Opportunity records',
      message: 'Checked only the first 10 Opportunity records: more match, and the rest were not checked',
    });
    expect(capped.stats.recordsChecked).toBe(10);
    // The run-wide default applies when the rule sets none; exactly the cap is not "more".
    const exact = await audit(org, ruleset(yearRule()), { maxRecords: 30 });
    expect(exact.findings.filter((f) => f.status === 'error')).toEqual([]);
    const runCap = await audit(org, ruleset(yearRule()), { maxRecords: 29 });
    expect(runCap.findings.at(-1)?.message).toMatch(/first 29 Opportunity records/);
  });

  it('is an error, never a pass, when the rule names a field or filter sfaudit cannot resolve', async () => {
    const org = folderOrg([{ fields: { Name: 'A 2026' } }]);
    const bad = rule('records', { object: 'Opportunity', where: '"Deal size" > 5' }, { fields: [{ field: 'Oportunity Name', notEmpty: true }] }, { id: 'bad' });
    const report = await audit(org, ruleset(bad));
    expect(report.findings.map((f) => [f.status, f.message])).toEqual([
      ['fail', 'No field labelled "Oportunity Name" on Opportunity (did you mean "Opportunity Name"?), so its values cannot be checked'],
      ['error', 'Could not evaluate: in the filter: no field labelled "Deal size" on Opportunity'],
    ]);
    expect(report.summary.verdict).toBe('error');
  });

  it('is a manual check when the folder has no records, and an error when a filter field is missing from the export', async () => {
    const none = await audit(emptyOrg({ kind: 'folder', location: 'x' }), ruleset(yearRule()));
    expect(none.findings).toMatchObject([{ status: 'manual', message: expect.stringMatching(/This metadata folder has no records/), fix: expect.stringMatching(/sf data export tree/) }]);
    const org = folderOrg([{ fields: { Name: 'A 2026' } }]);
    const closed = await audit(org, ruleset(yearRule({ object: 'Opportunity', where: 'IsClosed = false' })));
    expect(closed.findings).toMatchObject([{ status: 'error', location: 'where IsClosed = false', message: expect.stringMatching(/no Opportunity record in the folder's data\/ has a value for IsClosed/) }]);
    // A live model audited without a record source says so too.
    const live = await audit(emptyOrg({ kind: 'org', location: 'https://x.my.salesforce.com' }), ruleset(yearRule()));
    expect(live.findings[0]?.message).toMatch(/records were not read from this org/);
  });

  it('notes a rule that selected no records', async () => {
    const org = folderOrg([{ fields: { Name: 'A' } }]);
    const report = await audit(org, ruleset(yearRule({ object: 'Opportunity', where: "Name = 'nothing'" })));
    expect(report.findings).toEqual([]);
    expect(report.notes).toContain("Rule year: no Opportunity records match Name = 'nothing'; nothing was checked.");
  });

  it('is blocked (error) by an unreadable records file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sfaudit-records-'));
    try {
      mkdirSync(path.join(dir, 'data'));
      writeFileSync(path.join(dir, 'data/Opportunity.json'), '{"records": [');
      const { org } = await readFolder(dir);
      const report = await audit(org, ruleset(yearRule()));
      expect(report.findings).toMatchObject([{ status: 'error', metadataType: 'Record', message: expect.stringMatching(/^Could not evaluate: invalid JSON/) }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a filter or a pattern that does not parse when the rules load', () => {
    expect(() => rule('records', { object: 'Opportunity', where: 'IsClosed = no' }, { fields: [{ field: 'Name', notEmpty: true }] })).toThrow(
      /\/target\/where the filter does not parse: "no" is not a value/,
    );
    expect(() => rule('records', { object: 'Opportunity' }, { fields: [{ field: 'Name', matches: '(20' }] })).toThrow(/\/expect\/fields\/0\/matches invalid regular expression/);
    expect(() => rule('records', { object: 'Opportunity' }, { fields: [{ field: 'Name' }] })).toThrow(/invalid expect/);
  });
});

describe('records rules over 20,000 folder records', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sfaudit-big-'));
    mkdirSync(path.join(dir, 'data'));
    const records = Array.from({ length: 20_000 }, (_, i) => ({
      attributes: { type: 'Opportunity', referenceId: `OppRef${i + 1}` },
      Name: i % 1000 === 999 ? `Deal D${i + 1}` : `Deal D${i + 1} 2026`,
    }));
    writeFileSync(path.join(dir, 'data/Opportunity.json'), JSON.stringify({ records }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('checks them all under a high enough cap, and reports the cap when it is reached', async () => {
    const { org } = await readFolder(dir);
    const all = await audit(org, ruleset(yearRule({ object: 'Opportunity', maxRecords: 50_000 })));
    expect(all.findings).toHaveLength(20);
    expect(all.stats.recordsChecked).toBe(20_000);
    const capped = await audit(org, ruleset(yearRule()), { maxRecords: 5000 });
    expect(capped.findings.filter((f) => f.status === 'fail')).toHaveLength(5);
    expect(capped.findings.at(-1)?.message).toMatch(/^Checked only the first 5000 Opportunity records/);
  });
});
