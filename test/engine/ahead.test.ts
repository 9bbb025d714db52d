import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_KINDS, type Need } from '../../src/checks/index.js';
import { checkAhead } from '../../src/engine/ahead.js';
import { audit } from '../../src/engine/audit.js';
import { isKnownObjectName } from '../../src/model/standard-fields.js';
import type { OrgModel } from '../../src/model/types.js';
import type { Rule, Ruleset } from '../../src/ruleset/types.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { NOW, ORGS, SOURCE_ORGS, ritual, rulesFromYaml } from '../support/audit-helpers.js';

const MORE_RULES = `
name: Narrower rules of the kinds checked ahead
rules:
  - id: my-accounts
    step: My accounts are mine only
    kind: list-view
    target: { listView: MyAccounts, object: Account }
    expect: { filterScope: Mine }
  - id: no-notes
    step: No layout has Notes
    kind: related-lists
    target: { object: Account }
    expect: { absent: [Notes] }
  - id: no-such-object
    step: Layouts of an object the org does not have
    kind: related-lists
    target: { object: Nowhere__c }
    expect: { absent: [Notes] }
`;

async function rulesAndOrg(): Promise<{ rules: Rule[]; org: OrgModel }> {
  const rules = [...(await ritual()).rules, ...(await rulesFromYaml(MORE_RULES)).rules];
  const { org } = await readFolder(path.join(ORGS, 'fleet'));
  return { rules, org };
}

/** Whether `need` asks for the object `object` or something it nests. */
function needsObject(need: Need, object: string): boolean {
  return need.name === object || need.object === object || need.name?.startsWith(`${object}.`) === true;
}

/** `org` with only what `needs` name: other objects, other objects' layouts, every profile, app and record page gone. */
function onlyNeeds(org: OrgModel, needs: Need[]): OrgModel {
  const kept: OrgModel = structuredClone(org);
  for (const name of kept.objects.keys()) if (!needs.some((n) => n.type !== 'Layout' && needsObject(n, name))) kept.objects.delete(name);
  for (const [name, layout] of kept.layouts) if (!needs.some((n) => n.type === 'Layout' && n.object === layout.object)) kept.layouts.delete(name);
  kept.profiles.clear();
  kept.apps.clear();
  kept.flexiPages.clear();
  kept.records = [];
  return kept;
}

describe('a kind checked ahead reads nothing but what its rules need', () => {
  it('every rule of such a kind, in the ritual and narrower ones: the same findings on a model holding only its needs', async () => {
    const { rules, org } = await rulesAndOrg();
    const ahead = rules.filter((r) => CHECK_KINDS[r.kind]?.readsOnlyNeeds);
    expect(new Set(ahead.map((r) => r.kind)).size).toBeGreaterThanOrEqual(5);
    for (const rule of ahead) {
      const ruleset = { name: 'one rule', rules: [rule] } as Ruleset;
      const whole = await audit(org, ruleset, { now: NOW });
      const only = await audit(onlyNeeds(org, CHECK_KINDS[rule.kind]!.needs(rule)), ruleset, { now: NOW });
      expect({ rule: rule.id, findings: only.findings }).toEqual({ rule: rule.id, findings: whole.findings });
    }
  });

  /** One rule of each such kind for each of the first objects of `org`, naming what it has (and what it has not). */
  function rulesFor(org: OrgModel): string {
    const q = (text: string) => JSON.stringify(text);
    const lines = ['name: Every kind checked ahead, on what the org has', 'rules:'];
    // Objects a rule may name (rules naming any other are refused when they load).
    const objects = [...org.objects.values()].filter((o) => o.fields.size > 0 && isKnownObjectName(o.name)).slice(0, 12);
    objects.forEach((o, i) => {
      const field = [...o.fields.values()][0]!;
      const label = q(field.label ?? field.name);
      const layout = [...org.layouts.values()].find((l) => l.object === o.name);
      const section = q(layout?.sections[0]?.label ?? 'Information');
      const listView = q([...o.listViews.keys()][0] ?? 'All');
      const link = q([...o.webLinks.values()][0]?.label ?? 'Docs');
      const rule = (kind: string, target: string, expect: string) => lines.push(`  - { id: ${kind}-${i}, step: ${q(`${kind} on ${o.name}`)}, kind: ${kind}, target: ${target}, expect: ${expect} }`);
      const object = q(o.name);
      rule('related-lists', `{ object: ${object} }`, '{ absent: [Notes], present: [Contacts] }');
      rule('layout-section', `{ object: ${object}, section: ${section} }`, `{ match: contains, fields: [${label}] }`);
      rule('list-view', `{ object: ${object}, listView: ${listView} }`, `{ filterScope: Everything, filters: [{ field: ${label}, operation: equals, value: x }] }`);
      rule('fields-exist', `{ object: ${object} }`, `{ fields: [${label}, No Such Field] }`);
      rule('compact-layout', `{ object: ${object} }`, `{ fields: [${label}] }`);
      rule('custom-links', `{ object: ${object} }`, `{ section: { label: Links }, links: [{ label: ${link} }] }`);
    });
    return lines.join('\n');
  }

  it.each(SOURCE_ORGS.map((dir) => [path.basename(dir), dir]))('every such kind on the objects of %s: the same findings on a model holding only its needs', async (_name, dir) => {
    const { org } = await readFolder(dir);
    const { rules } = await rulesFromYaml(rulesFor(org));
    expect(rules.length).toBeGreaterThanOrEqual(6);
    for (const rule of rules) {
      const ruleset = { name: 'one rule', rules: [rule] } as Ruleset;
      const whole = await audit(org, ruleset, { now: NOW });
      const only = await audit(onlyNeeds(org, CHECK_KINDS[rule.kind]!.needs(rule)), ruleset, { now: NOW });
      expect({ rule: rule.id, findings: only.findings }).toEqual({ rule: rule.id, findings: whole.findings });
    }
  });

  it('data rules, tabs and record pages are not of them: they read records, links, other objects, apps', () => {
    for (const kind of ['records', 'links', 'tabs', 'record-page']) expect(CHECK_KINDS[kind]?.readsOnlyNeeds, kind).toBeFalsy();
  });
});

describe('checkAhead, then audit', () => {
  it('checks the rules whose needs are settled, and the audit after it gives the report it gives alone', async () => {
    const { rules, org } = await rulesAndOrg();
    const ruleset = { name: 'ritual and more', files: [], rules } as Ruleset;
    // Account is in for good; nothing else is.
    const settled = (need: Need) => needsObject(need, 'Account');
    const checked = await checkAhead(org, rules, settled);
    const ids = [...checked.keys()].map((r) => r.id);
    expect(ids).toContain('no-notes');
    expect(ids).toContain('my-accounts');
    for (const rule of checked.keys()) {
      expect(CHECK_KINDS[rule.kind]?.readsOnlyNeeds).toBe(true);
      expect(CHECK_KINDS[rule.kind]!.needs(rule).every(settled)).toBe(true);
    }
    expect(ids).not.toContain('no-such-object');
    expect(await audit(org, ruleset, { now: NOW, ahead: checked })).toEqual(await audit(org, ruleset, { now: NOW }));
  });

  it('what a rule checked ahead said is what the report says of it; a load problem met since makes it an error', async () => {
    const { rules, org } = await rulesAndOrg();
    const rule = rules.find((r) => r.id === 'no-notes')!;
    const ruleset = { name: 'one rule', files: [], rules: [rule] } as Ruleset;
    const checked = await checkAhead(org, [rule], () => true);
    expect(checked.has(rule)).toBe(true);
    // Taken as it is: the audit does not check it again (a model without Account's layouts would say so).
    const taken = await audit({ ...org, layouts: new Map() }, ruleset, { now: NOW, ahead: Promise.resolve(checked) });
    expect(taken.findings).toEqual((await audit(org, ruleset, { now: NOW })).findings);
    // A read of one of its layouts failed after it was checked: the rule is an error, as it would have been.
    const failed = { ...org, problems: [{ metadataType: 'Layout', component: 'Account-Account Layout', message: 'could not read it' }] };
    const report = await audit(failed, ruleset, { now: NOW, ahead: checked });
    expect(report.rules[0]!.status).toBe('error');
  });

  it('checking ahead that failed leaves every rule to the audit', async () => {
    const { rules, org } = await rulesAndOrg();
    const ruleset = { name: 'ritual and more', files: [], rules } as Ruleset;
    const failed = Promise.reject(new Error('no model'));
    expect(await audit(org, ruleset, { now: NOW, ahead: failed })).toEqual(await audit(org, ruleset, { now: NOW }));
  });

  it('a rule with a load problem on what it needs is left to the audit', async () => {
    const { rules, org } = await rulesAndOrg();
    const rule = rules.find((r) => r.id === 'no-notes')!;
    const withProblem = { ...org, problems: [{ metadataType: 'Layout', component: 'Account-Account Layout', message: 'could not read it' }] };
    expect((await checkAhead(withProblem, [rule], () => true)).size).toBe(0);
  });
});
