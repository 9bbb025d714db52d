// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import './salesforce/no-proxy.js';
import jsforce from 'jsforce';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './salesforce/index.js';

const VERSION = '62.0';
const PMM = '/work/shared/realworld/pmmOrgDump';

/** A small org: one custom field file and `sf data export tree` style records (both reference styles). */
function writeOrg(dir: string): void {
  const fields = path.join(dir, 'force-app/main/default/objects/Account/fields');
  mkdirSync(fields, { recursive: true });
  writeFileSync(
    path.join(fields, 'Tier__c.field-meta.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Tier__c</fullName>
    <label>Customer Tier</label>
    <type>Picklist</type>
    <valueSet><valueSetDefinition>
        <value><fullName>Gold</fullName><default>false</default><label>Gold</label></value>
        <value><fullName>Silver</fullName><default>true</default><label>Silver</label></value>
    </valueSetDefinition></valueSet>
</CustomField>
`,
  );
  mkdirSync(path.join(dir, 'data'));
  const accounts = Array.from({ length: 25 }, (_, i) => ({
    attributes: { type: 'Account', referenceId: `AccountRef${i + 1}` },
    Name: `Acme ${String(i + 1).padStart(2, '0')}`,
    Industry: i % 3 === 0 ? 'Banking' : i % 3 === 1 ? 'Energy' : null,
    NumberOfEmployees: (i + 1) * 10,
    Tier__c: i < 5 ? 'Gold' : 'Silver',
  }));
  writeFileSync(path.join(dir, 'data/Account.json'), JSON.stringify({ records: accounts }));
  writeFileSync(
    path.join(dir, 'data/Contact.json'),
    JSON.stringify({
      records: [
        { attributes: { type: 'Contact', referenceId: 'ContactRef1' }, LastName: 'Lovelace', Email: 'ada@example.com', AccountId: '@AccountRef1' },
        { attributes: { type: 'Contact', referenceId: 'ContactRef2' }, LastName: "O'Brien", Email: null, AccountId: '@AccountRef2' },
      ],
    }),
  );
  writeFileSync(
    path.join(dir, 'data/Account-Opportunity.json'),
    JSON.stringify({
      records: [
        {
          attributes: { type: 'Account', referenceId: 'NestedAccount' },
          Name: 'Nested Parent',
          Opportunities: { records: [{ attributes: { type: 'Opportunity', referenceId: 'OppRef1' }, Name: 'Big deal', Amount: 5000, StageName: 'Prospecting', CloseDate: '2025-03-31' }] },
        },
      ],
    }),
  );
  writeFileSync(path.join(dir, 'data/Account-Contact-plan.json'), JSON.stringify([{ sobject: 'Account', files: ['Account.json'] }]));
}

describe('Salesforce emulator: REST query and describe', () => {
  let orgDir: string;
  let emulator: SalesforceEmulator;
  let conn: jsforce.Connection;

  beforeAll(async () => {
    orgDir = mkdtempSync(path.join(tmpdir(), 'sf-emulator-'));
    writeOrg(orgDir);
    emulator = await startSalesforceEmulator({ orgDir, queryBatchSize: 10, apiUsage: { used: 100, max: 5000 } });
    conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: emulator.issueAccessToken(), version: VERSION });
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(orgDir, { recursive: true, force: true });
  });
  beforeEach(() => emulator.faults.reset());

  it('answers a query with typed records and stable 18-char ids', async () => {
    const result = await conn.query<{ Id: string; Name: string }>("SELECT Id, Name FROM Account WHERE Name = 'acme 03'");
    expect(result).toMatchObject({ totalSize: 1, done: true });
    const [record] = result.records;
    expect(record).toEqual({
      attributes: { type: 'Account', url: `/services/data/v${VERSION}/sobjects/Account/${record?.Id}` },
      Id: expect.stringMatching(/^001\w{15}$/),
      Name: 'Acme 03',
    });
    const again = await conn.query<{ Id: string }>("SELECT Id FROM Account WHERE Name = 'Acme 03'");
    expect(again.records[0]?.Id).toBe(record?.Id);
    expect(emulator.calls.at(-1)).toMatchObject({ api: 'rest', method: 'query', soql: "SELECT Id FROM Account WHERE Name = 'Acme 03'" });
  });

  it('pages with nextRecordsUrl, followed by autoFetch or by queryMore', async () => {
    const first = await conn.query('SELECT Id, Name FROM Account ORDER BY Name');
    expect(first.totalSize).toBe(26);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(10);
    // jsforce hands nextRecordsUrl back absolute; Salesforce (and the emulator) send it relative.
    expect(first.nextRecordsUrl).toMatch(new RegExp(`^${emulator.url}/services/data/v${VERSION}/query/01g\\w{15}-10$`));
    const raw = await conn.request<{ nextRecordsUrl: string }>(`/services/data/v${VERSION}/query?q=${encodeURIComponent('SELECT Id FROM Account')}`);
    expect(raw.nextRecordsUrl).toMatch(new RegExp(`^/services/data/v${VERSION}/query/01g\\w{15}-10$`));

    const second = await conn.queryMore(first.nextRecordsUrl as string);
    expect(second.records).toHaveLength(10);
    expect(emulator.calls.at(-1)).toMatchObject({ method: 'queryMore', status: 200 });

    const all = await conn.query('SELECT Id, Name FROM Account ORDER BY Name DESC').run({ autoFetch: true, maxFetch: 100 });
    expect(all.records.map((r) => (r as { Name?: string }).Name)).toEqual(
      [...Array.from({ length: 25 }, (_, i) => `Acme ${String(i + 1).padStart(2, '0')}`), 'Nested Parent'].sort().reverse(),
    );
    const capped = await conn.query('SELECT Id FROM Account').run({ autoFetch: true, maxFetch: 15 });
    expect(capped.records).toHaveLength(15);
  });

  it('filters with AND/OR/parentheses, LIKE, IN, NOT IN, null and number comparisons, LIMIT', async () => {
    const names = async (soql: string) => (await conn.query<{ Name: string }>(soql).run({ autoFetch: true })).records.map((r) => r.Name);
    expect(await names("SELECT Name FROM Account WHERE Name LIKE 'acme 0%' AND NumberOfEmployees > 50 ORDER BY Name")).toEqual(
      ['Acme 06', 'Acme 07', 'Acme 08', 'Acme 09'],
    );
    expect(await names("SELECT Name FROM Account WHERE (Industry = 'Banking' OR Industry = null) AND NumberOfEmployees <= 30 ORDER BY Name")).toEqual(
      ['Acme 01', 'Acme 03'],
    );
    expect(await names("SELECT Name FROM Account WHERE Industry IN ('Energy') AND Tier__c != 'Silver'")).toEqual(['Acme 02', 'Acme 05']);
    expect((await names("SELECT Name FROM Account WHERE Industry NOT IN ('Energy', 'Banking')")).length).toBe(9);
    expect(await names('SELECT Name FROM Account WHERE NumberOfEmployees >= 200 ORDER BY NumberOfEmployees DESC LIMIT 2')).toEqual(['Acme 25', 'Acme 24']);
    expect(await names("SELECT Name FROM Account WHERE NOT Name LIKE 'Acme%'")).toEqual(['Nested Parent']);
    const count = await conn.query("SELECT COUNT() FROM Account WHERE Tier__c = 'Gold'");
    expect(count).toMatchObject({ totalSize: 5, records: [] });
  });

  it('resolves lookups from "@ref" values and from nested child records, and parent fields', async () => {
    const contacts = await conn.query<{ LastName: string; Account: { Name: string } | null }>(
      "SELECT LastName, Account.Name FROM Contact WHERE Email != null",
    );
    expect(contacts.records).toHaveLength(1);
    expect(contacts.records[0]?.Account).toMatchObject({ attributes: { type: 'Account' }, Name: 'Acme 01' });
    const quoted = await conn.query<{ LastName: string }>("SELECT LastName FROM Contact WHERE LastName = 'O\\'Brien'");
    expect(quoted.records.map((r) => r.LastName)).toEqual(["O'Brien"]);
    const opp = await conn.query<{ Name: string; Account: { Name: string } }>('SELECT Name, Amount, Account.Name FROM Opportunity');
    expect(opp.records[0]).toMatchObject({ Name: 'Big deal', Amount: 5000, Account: { Name: 'Nested Parent' } });
  });

  it('rejects unsupported or malformed SOQL with 400 MALFORMED_QUERY, unknown names with INVALID_TYPE / INVALID_FIELD', async () => {
    await expect(conn.query('SELECT Id FROM Account GROUP BY Name')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(conn.query("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'")).rejects.toMatchObject({
      errorCode: 'MALFORMED_QUERY',
    });
    await expect(conn.query('SELECT Id, (SELECT Id FROM Contacts) FROM Account')).rejects.toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    await expect(conn.query('SELECT Id FROM Nope__c')).rejects.toMatchObject({ errorCode: 'INVALID_TYPE' });
    await expect(conn.query('SELECT Bogus__c FROM Account')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(emulator.calls.at(-1)?.status).toBe(400);
  });

  it('describes objects from field files, standard labels and data', async () => {
    const account = await conn.describe('Account');
    expect(account).toMatchObject({ name: 'Account', label: 'Account', keyPrefix: '001', custom: false });
    const byName = new Map(account.fields.map((f) => [f.name, f]));
    expect(byName.get('Id')).toMatchObject({ type: 'id', label: 'Account ID' });
    expect(byName.get('Name')).toMatchObject({ type: 'string', label: 'Account Name' });
    expect(byName.get('NumberOfEmployees')).toMatchObject({ label: 'Employees' });
    expect(byName.get('ParentId')).toMatchObject({ type: 'reference', label: 'Parent Account', referenceTo: ['Account'], relationshipName: 'Parent' });
    expect(byName.get('Tier__c')).toMatchObject({
      type: 'picklist',
      label: 'Customer Tier',
      custom: true,
      picklistValues: [
        { value: 'Gold', label: 'Gold', defaultValue: false, active: true },
        { value: 'Silver', label: 'Silver', defaultValue: true, active: true },
      ],
    });
    await expect(conn.describe('NoSuchObject__c')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
    expect(emulator.calls.at(-1)).toMatchObject({ method: 'describe', type: 'NoSuchObject__c', status: 404 });
  });

  it('describes a field file edited while it runs as it is now (describes are kept only while their files stay the same)', async () => {
    const file = path.join(orgDir, 'force-app/main/default/objects/Account/fields/Tier__c.field-meta.xml');
    const tier = async () => (await conn.describe('Account')).fields.find((f) => f.name === 'Tier__c')?.label;
    expect(await tier()).toBe('Customer Tier');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('<label>Customer Tier</label>', '<label>Account Tier</label>'));
      expect(await tier()).toBe('Account Tier');
      const { records } = await conn.query<{ Tier__c: string }>("SELECT Tier__c FROM Account WHERE Tier__c = 'Gold'");
      expect(records).toHaveLength(5);
    } finally {
      writeFileSync(file, original);
    }
    expect(await tier()).toBe('Customer Tier');
  });

  it('reports and counts API usage in Sforce-Limit-Info', async () => {
    await conn.query('SELECT Id FROM Account LIMIT 1');
    const first = conn.limitInfo.apiUsage?.used ?? 0;
    expect(conn.limitInfo.apiUsage?.limit).toBe(5000);
    expect(first).toBeGreaterThan(100);
    await conn.describe('Contact');
    expect(conn.limitInfo.apiUsage?.used).toBe(first + 1);
    expect(emulator.apiUsage).toEqual({ used: first + 1, max: 5000 });
  });

  it('answers 401 INVALID_SESSION_ID to a bad bearer token', async () => {
    const stranger = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: '00Dbogus!AQnope', version: VERSION });
    await expect(stranger.query('SELECT Id FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_SESSION_ID',
      message: 'Session expired or invalid',
    });
    expect(emulator.calls.at(-1)?.status).toBe(401);
  });
});

describe('Salesforce emulator: describe of a real org folder', () => {
  let emulator: SalesforceEmulator;

  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ orgDir: PMM, apiUsage: { used: 0, max: 2 } });
  });
  afterAll(() => emulator.close());

  it('labels standard fields from the built-in table and custom ones from their files', async () => {
    const conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: emulator.issueAccessToken(), version: VERSION });
    const opportunity = await conn.describe('Opportunity');
    const labels = Object.fromEntries(opportunity.fields.map((f) => [f.name, f.label]));
    expect(labels).toMatchObject({ AccountId: 'Account Name', CloseDate: 'Close Date', NextStep: 'Next Step', OwnerId: 'Opportunity Owner', StageName: 'Stage' });
    const contact = await conn.describe('Contact');
    const contactFields = Object.fromEntries(contact.fields.map((f) => [f.name, f]));
    expect(contactFields['MobilePhone']).toMatchObject({ label: 'Mobile', type: 'phone' });
    expect(contactFields['ReportsToId']).toMatchObject({ label: 'Reports To', type: 'reference' });
    // The org allows 2 API calls a day: the third is refused.
    await expect(conn.describe('Lead')).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(emulator.calls.at(-1)?.status).toBe(403);
  });
});
