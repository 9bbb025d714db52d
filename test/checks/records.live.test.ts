// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../support/salesforce/no-proxy.js';
import jsforce from 'jsforce';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { liveRecordSource } from '../../src/records/live-source.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import type { OrgModel } from '../../src/model/types.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../support/salesforce/index.js';
import { startFakeWeb, type FakeWeb } from '../support/fake-web.js';
import { ORGS, ritual } from '../support/audit-helpers.js';

const DATA_RULES = ['account-linkedin-links-work', 'opportunity-name-has-year', 'contact-linkedin-links-work'];

/**
 * The fleet org served by the Salesforce emulator: records come from the REST query API
 * through jsforce, not from the folder. The metadata model is read from the folder (the
 * live metadata reader is tested on its own); its records are dropped to prove where they came from.
 */
describe('data rules against a live org (fleet on the Salesforce emulator)', () => {
  let emulator: SalesforceEmulator;
  let web: FakeWeb;
  let conn: jsforce.Connection;
  let org: OrgModel;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ orgDir: path.join(ORGS, 'fleet'), queryBatchSize: 4 });
    web = await startFakeWeb();
    conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: emulator.issueAccessToken(), version: '62.0' });
    org = (await readFolder(path.join(ORGS, 'fleet'))).org;
    org.origin = { kind: 'org', location: emulator.url };
    org.records = [];
  });
  afterAll(async () => {
    await emulator?.close();
    await web?.close();
  });

  it('reports exactly the opportunities without a year and the bad LinkedIn links, each with a link to the record', async () => {
    const rules = (await ritual()).rules.filter((r) => DATA_RULES.includes(r.id));
    const report = await audit(org, { name: 'fleet data', files: [], rules }, { records: liveRecordSource(conn), links: web.links });
    const id = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix}\\w{15}$`));
    const keys = report.findings.map((f) => [f.ruleId, f.component.replace(/ \(\w{18}\)$/, ''), f.location, f.status]);
    expect(keys).toEqual([
      ['account-linkedin-links-work', 'Acme Corporation', 'field LinkedIn company URL (LinkedIn_Company_URL__c)', 'fail'],
      ['account-linkedin-links-work', 'Globex Corporation', 'field LinkedIn company URL (LinkedIn_Company_URL__c)', 'fail'],
      ['opportunity-name-has-year', 'Acme expansion', 'field Opportunity Name (Name)', 'fail'],
      ['opportunity-name-has-year', 'Globex pilot', 'field Opportunity Name (Name)', 'fail'],
      ['opportunity-name-has-year', 'Initech upsell', 'field Opportunity Name (Name)', 'fail'],
      ['opportunity-name-has-year', 'Umbrella renewal', 'field Opportunity Name (Name)', 'fail'],
      ['contact-linkedin-links-work', 'Dana Whitfield', 'field LinkedIn (LinkedIn_URL__c)', 'fail'],
    ]);
    const opp = report.findings[2]!;
    const oppId = /\((\w{18})\)$/.exec(opp.component)![1]!;
    expect(oppId).toEqual(id('006'));
    expect(opp).toMatchObject({
      metadataType: 'Opportunity',
      url: `${emulator.url}/lightning/r/Opportunity/${oppId}/view`,
      actual: '"Acme expansion"',
      fix: `Open ${emulator.url}/lightning/r/Opportunity/${oppId}/view and edit Opportunity Name (Name): make it include a four-digit year.`,
    });
    expect(opp.source).toBeUndefined();
    expect(report.findings[6]?.message).toMatch(/^LinkedIn \(LinkedIn_URL__c\) of Contact "Dana Whitfield \(003\w{15}\)" is broken: HTTP 404 not found$/);

    // Only the fields needed, with the filter, paged over nextRecordsUrl (batches of 4 here).
    const soql = emulator.calls.filter((c) => c.method === 'query').map((c) => c.soql);
    expect(soql).toEqual([
      "SELECT Id, Name, LinkedIn_Company_URL__c, LinkedIn_Sales_Navigator_URL__c FROM Account WHERE Type = 'Customer' LIMIT 10001",
      'SELECT Id, Name FROM Opportunity LIMIT 10001',
      'SELECT Id, Name, LinkedIn_URL__c FROM Contact LIMIT 10001',
    ]);
    expect(emulator.count('queryMore')).toBe(1 + 2 + 2);
    expect(report.stats.recordsChecked).toBe(5 + 12 + 10);
  });

  it('reports a query the org refuses as an error of the rule, not a pass', async () => {
    const rules = (await ritual()).rules.filter((r) => r.id === 'opportunity-name-has-year');
    const broken = { ...rules[0]!, target: { object: 'Opportunity', where: 'Bogus = 1' } };
    const report = await audit(org, { name: 't', files: [], rules: [broken] }, { records: liveRecordSource(conn) });
    expect(report.findings).toMatchObject([
      { status: 'error', component: 'Opportunity records', message: expect.stringMatching(/^Could not evaluate: the org refused the query of Opportunity records \(INVALID_FIELD\)/) },
    ]);
  });
});
