import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_KINDS } from '../../src/checks/index.js';
import { audit, evaluateRule } from '../../src/engine/audit.js';
import { checkContext } from '../../src/engine/context.js';
import { checkDataAhead } from '../../src/engine/data-ahead.js';
import type { OrgModel } from '../../src/model/types.js';
import { folderRecordSource } from '../../src/records/folder-source.js';
import type { RecordSource } from '../../src/records/types.js';
import type { Rule, Ruleset } from '../../src/ruleset/types.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { NOW, ORGS, ritual } from '../support/audit-helpers.js';

const links = { network: false } as const;

/** What a live read has once its objects are in: the objects (with their fields), nothing else. */
function objectsOnly(org: OrgModel): OrgModel {
  const kept: OrgModel = structuredClone(org);
  kept.layouts.clear();
  kept.profiles.clear();
  kept.apps.clear();
  kept.flexiPages.clear();
  kept.records = [];
  return kept;
}

async function fleet(): Promise<{ ruleset: Ruleset; rules: Rule[]; org: OrgModel; records: RecordSource }> {
  const { org } = await readFolder(path.join(ORGS, 'fleet'));
  const ruleset = await ritual();
  return { ruleset, rules: ruleset.rules, org, records: folderRecordSource(org.records) };
}

describe('checkDataAhead: data rules checked once their objects are in', () => {
  it('every data rule of the ritual: the same findings on the objects alone as on the whole org', async () => {
    const { rules, org, records } = await fleet();
    const data = rules.filter((rule) => CHECK_KINDS[rule.kind]?.queries);
    expect(new Set(data.map((rule) => rule.kind))).toEqual(new Set(['links', 'records']));
    const ahead = checkDataAhead(objectsOnly(org), rules, { links, records });
    expect([...ahead.keys()]).toEqual(data);
    const whole = checkContext(org, { links, records }, new Set(), {});
    for (const rule of data) expect(await ahead.get(rule)).toEqual(await evaluateRule(rule, org, whole));
  });

  it('leaves to the audit a rule whose objects could not be read, and the rules of other kinds', async () => {
    const { rules, org, records } = await fleet();
    const objects = objectsOnly(org);
    objects.problems.push({ metadataType: 'CustomObject', component: 'Opportunity', message: 'could not read CustomObject Opportunity from the org: timed out' });
    const ahead = checkDataAhead(objects, rules, { links, records });
    expect([...ahead.keys()].map((rule) => rule.id)).toEqual(['account-linkedin-links-work', 'contact-linkedin-links-work']);
  });

  it('checks as many rules at once as the audit would', async () => {
    const { rules, org, records } = await fleet();
    let running = 0;
    let most = 0;
    const counting: typeof evaluateRule = async (...args) => {
      most = Math.max(most, ++running);
      try {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return await evaluateRule(...args);
      } finally {
        running--;
      }
    };
    await Promise.all(checkDataAhead(objectsOnly(org), rules, { links, records, rulesAtOnce: 2 }, counting).values());
    expect(most).toBe(2);
  });
});

describe('audit with data rules checked ahead', () => {
  it('takes them as they are: the same report, no query asked again', async () => {
    const { ruleset, rules, org } = await fleet();
    const asked: string[] = [];
    const folder = folderRecordSource(org.records);
    const records: RecordSource = { kind: 'org', query: (query) => (asked.push(query.object), folder.query(query)) };
    const dataAhead = checkDataAhead(objectsOnly(org), rules, { links, records });
    await Promise.all(dataAhead.values());
    const before = asked.length;
    const report = await audit(org, ruleset, { now: NOW, links, records, dataAhead });
    expect(asked.length).toBe(before);
    expect(report).toEqual(await audit(org, ruleset, { now: NOW, links, records: folder }));
  });

  it('checks a rule again when a load problem met since blocks what it needs: an error, never a stale pass', async () => {
    const { ruleset, rules, org, records } = await fleet();
    const dataAhead = checkDataAhead(objectsOnly(org), rules, { links, records });
    const later: OrgModel = { ...org, problems: [...org.problems, { metadataType: 'CustomObject', component: 'Account', message: 'could not read CustomObject Account from the org: timed out' }] };
    const report = await audit(later, ruleset, { now: NOW, links, records, dataAhead });
    const rule = report.rules.find((r) => r.id === 'account-linkedin-links-work')!;
    expect(rule.status).toBe('error');
    expect(report.findings.find((f) => f.ruleId === 'account-linkedin-links-work')?.message).toContain('Could not evaluate: could not read CustomObject Account');
  });

  it('checks a rule itself when its check ahead failed', async () => {
    const { ruleset, rules, org, records } = await fleet();
    const started = checkDataAhead(objectsOnly(org), rules, { links, records });
    const [first] = started.keys();
    const failed = Promise.reject(new Error('the check ahead broke'));
    failed.catch(() => undefined);
    const dataAhead = new Map([...started, [first!, failed]]);
    const report = await audit(org, ruleset, { now: NOW, links, records, dataAhead });
    expect(report).toEqual(await audit(org, ruleset, { now: NOW, links, records }));
  });

  it('is not taken when the org could not be read at all', async () => {
    const { ruleset, rules, org, records } = await fleet();
    const dataAhead = checkDataAhead(objectsOnly(org), rules, { links, records });
    const unavailable = { cause: 'Salesforce refused the session', fix: 'Log in again.' };
    const report = await audit(org, ruleset, { now: NOW, links, records, dataAhead, unavailable });
    expect(report.rules.filter((r) => r.kind === 'links' || r.kind === 'records').every((r) => r.status === 'error')).toBe(true);
  });
});
