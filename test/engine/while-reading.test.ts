import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { recordQueries } from '../../src/engine/record-queries.js';
import { auditWhileReading } from '../../src/engine/while-reading.js';
import type { OrgModel } from '../../src/model/types.js';
import { folderRecordSource } from '../../src/records/folder-source.js';
import type { LiveRecordSource } from '../../src/records/live-source.js';
import type { RecordQuery } from '../../src/records/types.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { NOW, ORGS, ritual } from '../support/audit-helpers.js';

describe('auditWhileReading', () => {
  it('gives the reader what the audit needs early, and the audit what was checked meanwhile: the same report', async () => {
    const ruleset = await ritual();
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    const meanwhile = auditWhileReading(Promise.resolve(ruleset.rules), { data: { maxRecords: 5 } });
    expect(Object.keys(meanwhile.reading).sort()).toEqual(['onObjectsRead', 'onWaiting']);
    expect(meanwhile.kept).toBeUndefined();
    // Nothing waited for yet: nothing checked ahead.
    expect(meanwhile.forAudit()).toEqual({});
    // Once the objects are in, the record queries the audit will make, with its options for data rules, go out.
    const { records, prefetched } = prefetching(org);
    await meanwhile.reading.onObjectsRead!(org, records);
    expect(prefetched).toEqual(recordQueries(org, ruleset.rules, { maxRecords: 5 }));
    // Without the audit's link checks, the data rules are left to it.
    expect(meanwhile.forAudit().dataAhead).toBeUndefined();
    // The whole model in, and settled: the rules of kinds that read only what they need are checked now.
    meanwhile.reading.onWaiting!(org, () => true);
    const done = meanwhile.forAudit();
    expect((await done.ahead!).size).toBeGreaterThan(0);
    const links = { network: false } as const;
    expect(await audit(org, ruleset, { now: NOW, links, ...done })).toEqual(await audit(org, ruleset, { now: NOW, links }));
  });

  it("given the audit's link checks, checks the data rules as their records come: the audit takes them as they are", async () => {
    const ruleset = await ritual();
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    const links = { network: false } as const;
    const meanwhile = auditWhileReading(Promise.resolve(ruleset.rules), { data: { links } });
    const { records, asked, prefetched } = prefetching(org);
    await meanwhile.reading.onObjectsRead!(org, records);
    const { dataAhead } = meanwhile.forAudit();
    // Each check sends its own queries: nothing is prefetched, no query is worked out twice.
    expect(prefetched).toEqual([]);
    expect(asked).toEqual(recordQueries(org, ruleset.rules, { links }));
    const dataRules = ruleset.rules.filter((rule) => rule.kind === 'links' || rule.kind === 'records');
    expect([...dataAhead!.keys()]).toEqual(dataRules);
    await Promise.all(dataAhead!.values());
    const queried = asked.length;
    expect(queried).toBeGreaterThan(0);
    // Not checked again: no record is asked for twice.
    const report = await audit(org, ruleset, { now: NOW, links, records, dataAhead });
    expect(asked.length).toBe(queried);
    expect(report).toEqual(await audit(org, ruleset, { now: NOW, links, records: folderRecordSource(org.records) }));
  });

  it('with a cache, keeps the findings of the last run', () => {
    const meanwhile = auditWhileReading(Promise.resolve([]), { keep: true });
    expect(meanwhile.kept).toBeDefined();
    expect(typeof meanwhile.reading.keep).toBe('function');
    expect(meanwhile.forAudit().kept).toBe(meanwhile.kept);
  });
});

/** The folder's records as a live read's source: what is prefetched, and every query asked for. */
function prefetching(org: OrgModel): { records: LiveRecordSource; prefetched: RecordQuery[]; asked: RecordQuery[] } {
  const folder = folderRecordSource(org.records);
  const prefetched: RecordQuery[] = [];
  const asked: RecordQuery[] = [];
  const records: LiveRecordSource = {
    kind: 'org',
    prefetch: (query) => prefetched.push(query),
    query: (query) => {
      asked.push(query);
      return folder.query(query);
    },
  };
  return { records, prefetched, asked };
}
