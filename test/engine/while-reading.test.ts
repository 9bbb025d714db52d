import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { recordQueries } from '../../src/engine/record-queries.js';
import { auditWhileReading } from '../../src/engine/while-reading.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { NOW, ORGS, ritual } from '../support/audit-helpers.js';

describe('auditWhileReading', () => {
  it('gives the reader what the audit needs early, and the audit what was checked meanwhile: the same report', async () => {
    const ruleset = await ritual();
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    const meanwhile = auditWhileReading(Promise.resolve(ruleset.rules), { data: { maxRecords: 5 } });
    expect(Object.keys(meanwhile.reading).sort()).toEqual(['onWaiting', 'recordQueries']);
    expect(meanwhile.kept).toBeUndefined();
    // Nothing waited for yet: nothing checked ahead.
    expect(meanwhile.forAudit()).toEqual({});
    // The record queries the audit will make, with its options for data rules.
    expect(await meanwhile.reading.recordQueries!(org)).toEqual(recordQueries(org, ruleset.rules, { maxRecords: 5 }));
    // The whole model in, and settled: the rules of kinds that read only what they need are checked now.
    meanwhile.reading.onWaiting!(org, () => true);
    const done = meanwhile.forAudit();
    expect((await done.ahead!).size).toBeGreaterThan(0);
    const links = { network: false } as const;
    expect(await audit(org, ruleset, { now: NOW, links, ...done })).toEqual(await audit(org, ruleset, { now: NOW, links }));
  });

  it('with a cache, keeps the findings of the last run', () => {
    const meanwhile = auditWhileReading(Promise.resolve([]), { keep: true });
    expect(meanwhile.kept).toBeDefined();
    expect(typeof meanwhile.reading.keep).toBe('function');
    expect(meanwhile.forAudit().kept).toBe(meanwhile.kept);
  });
});
