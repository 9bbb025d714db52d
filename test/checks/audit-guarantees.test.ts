import { afterEach, describe, expect, it, vi } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { CHECK_KINDS } from '../../src/checks/index.js';
import type { LoadProblem } from '../../src/model/types.js';
import type { Rule } from '../../src/ruleset/types.js';
import { buildOrg, layout, rule, section, type RawOrg } from './org-builder.js';

const NOW = new Date('2026-01-05T08:00:00Z');
const RAW: RawOrg = {
  objects: {
    Account: {
      compactLayoutAssignment: 'Highlights',
      compactLayouts: { fullName: 'Highlights', fields: 'Name' },
      listViews: { fullName: 'Customers', label: 'Customers', filterScope: 'Everything' },
      webLinks: { fullName: 'POs', masterLabel: 'POs', url: 'https://drive.google.com/?q={!Account.Name}' },
    },
  },
  flexiPages: {
    Account_Record_Page: {
      flexiPageRegions: { itemInstances: { componentInstance: { componentName: 'c:meetingNotes' } }, name: 'sidebar', type: 'Region' },
      sobjectType: 'Account',
      type: 'RecordPage',
    },
  },
  layouts: { 'Account-Account Layout': layout([section('Details', 'OneColumn', ['Name'])], ['RelatedContactList']) },
  profiles: { Standard: { tabVisibilities: { tab: 'standard-Account', visibility: 'DefaultOn' } } },
  apps: { Fleet_Sales: { label: 'Fleet Sales', tabs: 'standard-Account' } },
};

async function run(rules: Rule[], problems: LoadProblem[] = []) {
  return audit(buildOrg({ ...RAW, problems }), { name: 'test', files: ['rules/test.yaml'], rules }, { now: NOW });
}

const problem = (metadataType: string, component: string): LoadProblem => ({
  metadataType,
  component,
  file: `force-app/${component}.xml`,
  message: 'malformed XML (line 3, column 1): unexpected end',
});

// Each rule passes on RAW; with a load problem on a component it needs, it must report `error`, never pass or fail.
const CASES: Array<[string, Rule, LoadProblem]> = [
  ['tabs (profile)', rule('tabs', { profile: 'Standard User' }, { visible: ['Accounts'] }), problem('Profile', 'Standard')],
  ['tabs (app by API name)', rule('tabs', { app: 'Fleet_Sales' }, { visible: ['Accounts'] }), problem('CustomApplication', 'Fleet_Sales')],
  ['tabs (app by label)', rule('tabs', { app: 'Fleet Sales' }, { visible: ['Accounts'] }), problem('CustomApplication', 'Fleet_Sales')],
  ['list-view (the list view)', rule('list-view', { object: 'Account', listView: 'Customers' }, {}), problem('ListView', 'Account.Customers')],
  ['list-view (its object)', rule('list-view', { object: 'Account', listView: 'Customers' }, {}), problem('CustomObject', 'Account')],
  ['layout-section', rule('layout-section', { object: 'Account', section: 'Details' }, { fields: ['Name'] }), problem('Layout', 'Account-Account Layout')],
  ['layout-section (another layout of the object)', rule('layout-section', { object: 'Account', section: 'Details' }, { fields: ['Name'] }), problem('Layout', 'Account-Partner Layout')],
  ['compact-layout (the object)', rule('compact-layout', { object: 'Account' }, { fields: ['Name'] }), problem('CustomObject', 'Account')],
  ['compact-layout (the compact layout)', rule('compact-layout', { object: 'Account' }, { fields: ['Name'] }), problem('CompactLayout', 'Account.Highlights')],
  ['record-page', rule('record-page', { object: 'Account' }, { components: ['c:meetingNotes'] }), problem('FlexiPage', 'Account_Record_Page')],
  ['related-lists', rule('related-lists', { object: 'Account' }, { absent: ['Notes'] }), problem('Layout', 'Account-Account Layout')],
  ['custom-links (a link file)', rule('custom-links', { object: 'Account' }, { links: [{ label: 'POs' }] }), problem('WebLink', 'Account.POs')],
  ['custom-links (the object file holding the links)', rule('custom-links', { object: 'Account' }, { links: [{ label: 'POs' }] }), problem('CustomObject', 'Account')],
  ['fields-exist', rule('fields-exist', { object: 'Account' }, { fields: ['Account Name'] }), problem('CustomField', 'Account.Tier__c')],
];

describe('audit: a rule whose inputs could not be read reports error', () => {
  it.each(CASES)('%s', async (_name, r, p) => {
    const report = await run([r], [p]);
    expect(report.rules).toEqual([expect.objectContaining({ id: r.id, status: 'error', errors: 1, passed: 0, failed: 0 })]);
    expect(report.findings).toEqual([
      {
        ruleId: r.id,
        step: r.step,
        severity: r.severity,
        status: 'error',
        metadataType: p.metadataType,
        component: p.component,
        message: `Could not evaluate: ${p.message}`,
        fix: `Fix or re-retrieve ${p.file}, then run the audit again.`,
        source: { file: p.file },
      },
    ]);
  });

  // Not for record pages (any unreadable record page might be the one people see) nor apps named
  // by label (any app might carry that label): there, every component of the type is needed.
  it.each(CASES.filter(([name]) => !name.startsWith('record-page') && !name.startsWith('tabs (app by label)')))(
    '%s: a problem elsewhere does not block it',
    async (_name, r, p) => {
      const elsewhere = { ...p, component: p.component!.replace(/Account|Standard|Fleet_Sales/, 'Other') };
      const report = await run([r], [elsewhere]);
      expect(report.rules[0]?.status, JSON.stringify(report.findings)).not.toBe('error');
    },
  );

  it('does not block configuration rules on a problem with no metadata type (a data file)', async () => {
    const r = rule('layout-section', { object: 'Account', section: 'Details' }, { fields: ['Name'] });
    const report = await run([r], [{ file: 'data/Account.json', message: 'not JSON' }]);
    expect(report.rules[0]?.status).toBe('pass');
  });

  it('keeps a manual step manual whatever failed to load', async () => {
    const r = rule('manual', { system: 'Google Drive' }, { reason: 'Outside Salesforce.' });
    const report = await run([r], [problem('Layout', 'Account-Account Layout'), { message: 'connection reset' }]);
    expect(report.rules[0]?.status).toBe('manual');
  });

  it('reports one error per blocking problem, and other rules still run', async () => {
    const blocked = rule('layout-section', { object: 'Account', section: 'Details' }, { fields: ['Name'] }, { id: 'blocked' });
    const fine = rule('tabs', { profile: 'Standard User' }, { visible: ['Accounts'] }, { id: 'fine' });
    const report = await run([blocked, fine], [problem('Layout', 'Account-Account Layout'), problem('Layout', 'Account-Partner Layout')]);
    expect(report.rules.map((x) => [x.id, x.status, x.errors])).toEqual([
      ['blocked', 'error', 2],
      ['fine', 'pass', 0],
    ]);
    expect(report.summary.errors).toBe(2);
  });
});

describe('audit: a check that throws becomes an error finding', () => {
  afterEach(() => vi.restoreAllMocks());

  it('turns the exception into an error for that rule only', async () => {
    vi.spyOn(CHECK_KINDS['related-lists']!, 'check').mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'name')");
    });
    const broken = rule('related-lists', { object: 'Account' }, { absent: ['Notes'] }, { id: 'broken' });
    const fine = rule('layout-section', { object: 'Account', section: 'Details' }, { fields: ['Name'] }, { id: 'fine' });
    const report = await run([broken, fine]);
    expect(report.rules.map((x) => [x.id, x.status])).toEqual([
      ['broken', 'error'],
      ['fine', 'pass'],
    ]);
    expect(report.findings).toEqual([
      {
        ruleId: 'broken',
        step: broken.step,
        severity: 'error',
        status: 'error',
        metadataType: 'Rule',
        component: 'broken',
        message: "Could not evaluate: internal error: Cannot read properties of undefined (reading 'name')",
        fix: 'Please report this with the rule and the metadata that triggered it.',
      },
    ]);
  });

  it('reports an unknown kind as an error, not a pass', async () => {
    const unknown = { ...rule('manual', {}, { reason: 'x' }), kind: 'no-such-kind', id: 'unknown' };
    const report = await run([unknown]);
    expect(report.rules[0]?.status).toBe('error');
    expect(report.findings[0]).toMatchObject({ status: 'error', component: 'unknown', message: 'unknown rule kind no-such-kind' });
  });
});

describe('audit: the rules pass on the clean org', () => {
  it('every case above passes without load problems', async () => {
    const report = await run(CASES.map(([, r], i) => ({ ...r, id: `${r.id}-${i}` })));
    expect(report.findings).toEqual([]);
    expect(report.rules.every((x) => x.status === 'pass' && x.passed > 0)).toBe(true);
  });
});
