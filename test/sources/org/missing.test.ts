import { describe, expect, it } from 'vitest';
import path from 'node:path';
import os from 'node:os';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { comparable, folderAudit, liveAudit, rulesFromYaml, serveFleet, startOrg } from './helpers.js';
import { ORGS } from '../../support/audit-helpers.js';
import type { SalesforceEmulator } from '../../support/salesforce/index.js';

const FLEET = path.join(ORGS, 'fleet');

describe('components the org does not have (xsi:nil)', () => {
  let emulator: SalesforceEmulator;
  serveFleet((e) => (emulator = e));

  it('are missing components, reported as `fail` exactly as for a missing file: not a pass, not an error', async () => {
    const ruleset = await rulesFromYaml(`
name: missing
rules:
  - { id: no-profile, step: s, kind: tabs, target: { profile: Field Agents }, expect: { visible: [Accounts] } }
  - { id: no-app, step: s, kind: tabs, target: { app: Ghost_App }, expect: { visible: [Accounts] } }
  - { id: no-page, step: s, kind: record-page, target: { object: Account, page: Ghost_Page }, expect: { absent: [c:notes] } }
  - { id: no-object, step: s, kind: list-view, target: { object: Ghost__c, listView: All }, expect: { filterScope: Everything } }
  - { id: no-object-layout, step: s, kind: layout-section, target: { object: Ghost__c, section: Main }, expect: { fields: [Name] } }
  - { id: no-fields, step: s, kind: fields-exist, target: { object: Ghost__c }, expect: { fields: [Name__c] } }
  - { id: no-list-view, step: s, kind: list-view, target: { object: Lead, listView: All Leads }, expect: { filterScope: Everything } }
`);
    const before = emulator.calls.length;
    const { report } = await liveAudit(emulator, ruleset);
    const folder = await folderAudit(FLEET, ruleset);
    expect(comparable(report.findings)).toEqual(comparable(folder.findings));
    expect(report.findings.map((f) => `${f.status} ${f.ruleId}`)).toEqual([
      'fail no-profile',
      'fail no-app',
      'fail no-page',
      'fail no-object',
      'fail no-object-layout',
      'fail no-fields',
      'fail no-list-view',
    ]);
    expect(report.summary.errors).toBe(0);
    // The names were asked for and answered with nil records.
    const reads = emulator.calls.slice(before).filter((c) => c.method === 'readMetadata');
    expect(reads.flatMap((c) => c.names)).toEqual(expect.arrayContaining(['Field Agents', 'Ghost_App', 'Ghost_Page', 'Ghost__c']));
    expect(reads.every((c) => c.status === 200)).toBe(true);
  });

  it('looks a missed name up in a listing, for kinds that also accept labels, with one extra listMetadata', async () => {
    // A record page whose label reads like an API name: the rule names it by label.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-fleet-'));
    await cp(FLEET, dir, { recursive: true });
    const page = path.join(dir, 'force-app/main/default/flexipages/Account_Record_Page.flexipage-meta.xml');
    await writeFile(page, (await readFile(page, 'utf8')).replace('<masterLabel>Account Record Page</masterLabel>', '<masterLabel>AccountHome</masterLabel>'));
    const org = await startOrg(dir);
    const ruleset = await rulesFromYaml(`
name: by-label
rules:
  - { id: page-by-label, step: s, kind: record-page, target: { object: Account, page: AccountHome }, expect: { absent: [c:notes] } }
`);
    const { report } = await liveAudit(org, ruleset);
    const calls = org.calls;
    await org.close();
    const folder = await folderAudit(dir, ruleset);
    expect(comparable(report.findings)).toEqual(comparable(folder.findings));
    // The page named in the rule is read by name; its listing comes only after that name came back nil.
    expect(calls.filter((c) => c.method === 'listMetadata').map((c) => c.queries)).toEqual([[{ type: 'FlexiPage' }]]);
    expect(report.findings).toEqual([]);
    expect(report.rules[0]).toMatchObject({ status: 'pass', passed: 1 });
  });
});
