import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { folderRecordSource } from '../../src/records/folder-source.js';
import { RecordSourceError, type RecordQuery } from '../../src/records/types.js';
import { parseWhere } from '../../src/records/where.js';
import { fieldValue, recordLabel } from '../../src/records/values.js';
import { readRecordsFile, resolveRecordReferences } from '../../src/sources/folder/records.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import type { DataRecord } from '../../src/model/types.js';
import { ORGS } from '../support/audit-helpers.js';

async function all(source: ReturnType<typeof folderRecordSource>, query: RecordQuery): Promise<DataRecord[]> {
  const out: DataRecord[] = [];
  for await (const r of source.query(query)) out.push(r);
  return out;
}

describe('folder records (sf data export tree)', () => {
  it('reads the fleet export with @references resolved and each record placed in its file', async () => {
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    expect(org.records).toHaveLength(8 + 10 + 12);
    const dana = org.records.find((r) => r.fields.LastName === 'Whitfield')!;
    expect(dana).toMatchObject({ object: 'Contact', id: 'ContactRef5', fields: { AccountId: 'AccountRef3' } });
    expect(dana.source?.file).toMatch(/fixtures\/orgs\/fleet\/data\/Contact\.json$/);
    expect(dana.source?.line).toBe(50); // its "referenceId" line
    expect(recordLabel(dana)).toBe('Dana Whitfield (ContactRef5)');
  });

  it('flattens nested child records with a lookup to their parent, and resolves references to exported Ids', () => {
    const text = JSON.stringify({
      records: [
        {
          attributes: { type: 'Account', referenceId: 'AccRef1' },
          Id: '001000000000001AAA',
          Name: 'Acme',
          Contacts: { records: [{ attributes: { type: 'Contact', referenceId: 'ConRef1' }, LastName: 'Lopez' }] },
        },
        { attributes: { type: 'Opportunity', referenceId: 'OppRef1' }, Name: 'Deal', AccountId: '@AccRef1', Partner__c: '@Nowhere' },
      ],
    });
    const records = readRecordsFile(text, 'data/Account.json');
    resolveRecordReferences(records);
    expect(records.map((r) => [r.object, r.id])).toEqual([
      ['Account', '001000000000001AAA'],
      ['Contact', 'ConRef1'],
      ['Opportunity', 'OppRef1'],
    ]);
    expect(records[1]!.fields.AccountId).toBe('001000000000001AAA');
    expect(records[2]!.fields.AccountId).toBe('001000000000001AAA');
    expect(records[2]!.fields.Partner__c).toBe('@Nowhere'); // unknown references stay as written
  });

  it('refuses files that are not in the export format', () => {
    expect(() => readRecordsFile('{"records": 3}', 'x.json')).toThrow(/"records" array/);
    expect(() => readRecordsFile('{', 'x.json')).toThrow(/invalid JSON/);
    expect(() => readRecordsFile('null', 'x.json')).toThrow(/"records" array/);
  });

  it('selects with a WHERE clause, follows relationship paths and stops at the limit', async () => {
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    const source = folderRecordSource(org.records);
    const customers = await all(source, { object: 'account', fields: ['Name'], where: parseWhere("Type = 'Customer'") });
    expect(customers.map((r) => r.fields.Name)).toEqual([
      'Acme Corporation',
      'Globex Corporation',
      'Initech',
      'Umbrella Corporation',
      'Stark Industries',
    ]);
    const ofCustomers = await all(source, {
      object: 'Contact',
      fields: ['Name', 'Account.Name'],
      where: parseWhere("Account.Type = 'Prospect'"),
    });
    expect(ofCustomers.map((r) => [fieldValue(r, 'Name'), fieldValue(r, 'Account.Name')])).toEqual([
      ['Marcus Reid', 'Wayne Enterprises'],
      ['Elena Petrova', 'Hooli'],
      ['Samuel Okafor', 'Soylent Corp'],
    ]);
    expect(await all(source, { object: 'Opportunity', fields: ['Name'], limit: 5 })).toHaveLength(5);
    expect(await all(source, { object: 'Opportunity', fields: ['Name'], where: parseWhere("Name LIKE '%2026%'") })).toHaveLength(4);
  });

  it('refuses a filter on a field no exported record has, rather than selecting nothing', async () => {
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    const source = folderRecordSource(org.records);
    const query = { object: 'Opportunity', fields: ['Name'], where: parseWhere('IsClosed = false') };
    await expect(all(source, query)).rejects.toThrow(RecordSourceError);
    await expect(all(source, query)).rejects.toThrow(/no Opportunity record in the folder's data\/ has a value for IsClosed/);
  });

  it('says so when the folder has no records at all', async () => {
    await expect(all(folderRecordSource([]), { object: 'Account', fields: ['Name'] })).rejects.toThrow(/the folder has no records/);
  });
});
