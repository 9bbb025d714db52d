import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { recordQueries } from '../../src/engine/record-queries.js';
import { folderRecordSource } from '../../src/records/folder-source.js';
import { buildSoql } from '../../src/records/live-source.js';
import type { RecordQuery, RecordSource } from '../../src/records/types.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { NOW, ORGS, ritual, rulesFromYaml } from '../support/audit-helpers.js';

/** The queries an audit asks of its record source, in the order asked. */
async function asked(org: Awaited<ReturnType<typeof readFolder>>['org'], rules: Awaited<ReturnType<typeof ritual>>, rulesAtOnce: number): Promise<string[]> {
  const folder = folderRecordSource(org.records);
  const seen: string[] = [];
  const recording: RecordSource = {
    kind: 'folder',
    query(query: RecordQuery) {
      seen.push(buildSoql(query));
      return folder.query(query);
    },
  };
  await audit(org, rules, { now: NOW, links: { network: false }, records: recording, rulesAtOnce });
  return seen;
}

describe('recordQueries: the queries the audit starts first, known before it runs', () => {
  it('are the queries the audit asks for first, in the same terms', async () => {
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    const rules = await ritual();
    for (const rulesAtOnce of [1, 2, 4]) {
      const early = recordQueries(org, rules.rules, { rulesAtOnce }).map(buildSoql);
      expect(early.length).toBeGreaterThan(0);
      expect(early).toEqual((await asked(org, rules, rulesAtOnce)).slice(0, rulesAtOnce));
    }
    // A record cap is part of the query (its LIMIT): the audit's own cap must be given.
    expect(recordQueries(org, rules.rules, { maxRecords: 7 }).map(buildSoql).every((soql) => soql.endsWith('LIMIT 8'))).toBe(true);
  });

  it('leaves out rules that the model’s load problems block, and rules that read no records', async () => {
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    const rules = await rulesFromYaml(`
name: t
rules:
  - id: names-have-a-year
    step: Opportunity names have a year
    kind: records
    target: { object: Opportunity }
    expect: { fields: [{ field: Opportunity Name, matches: '\\b20\\d{2}\\b' }] }
  - id: no-notes
    step: No notes on accounts
    kind: related-lists
    target: { object: Account }
    expect: { absent: [Notes] }
`);
    expect(recordQueries(org, rules.rules).map(buildSoql)).toEqual(['SELECT Id, Name FROM Opportunity LIMIT 10001']);
    org.problems.push({ metadataType: 'CustomObject', component: 'Opportunity', message: 'could not read Opportunity' });
    expect(recordQueries(org, rules.rules)).toEqual([]);
  });
});
