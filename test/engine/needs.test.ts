import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { needsOf, planNeeds } from '../../src/engine/needs.js';
import { CHECK_KINDS } from '../../src/checks/index.js';
import type { OrgModel, SObject } from '../../src/model/types.js';
import type { Rule, Ruleset } from '../../src/ruleset/types.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { NOW, ORGS, ritual, rulesFromYaml } from '../support/audit-helpers.js';

/** Data rules query records (and links), which this test has no use for; their needs always name the fields. */
const DATA_KINDS = new Set(['records', 'links']);

const MORE_RULES = `
name: Needs of narrower rules
rules:
  - id: scope-only
    step: List view scope only
    kind: list-view
    target: { object: Account, listView: AllAccounts }
    expect: { filterScope: Everything, visibility: all-users }
  - id: related-lists-only
    step: No layout has Notes
    kind: related-lists
    target: { object: Account }
    expect: { absent: [Notes] }
`;

/** What each child type of an object becomes when no rule says it needs it: anything but what it was. */
const SCRAMBLE: Record<string, (object: SObject) => void> = {
  CustomField: (o) => {
    for (const f of o.fields.values()) f.label = `${f.label ?? f.name} (renamed)`;
    o.fields.delete([...o.fields.keys()][0] ?? '');
  },
  ListView: (o) => o.listViews.clear(),
  CompactLayout: (o) => o.compactLayouts.clear(),
  WebLink: (o) => o.webLinks.clear(),
};

/**
 * The cache versions an object only by the children the rules say they need (src/sources/org/fetch-plan.ts):
 * a cached object record may hold stale fields when no rule needs fields. That is safe only if no check
 * reads what its rule did not declare. This scrambles, object by object, every child type a rule did not
 * declare, and the rule's findings must not move.
 */
describe('a check reads only the object children its rule says it needs', () => {
  async function rulesToCheck(): Promise<Rule[]> {
    return [...(await ritual()).rules, ...(await rulesFromYaml(MORE_RULES)).rules].filter((r) => !DATA_KINDS.has(r.kind));
  }

  it('for every rule of the ritual and narrower ones: findings do not move when undeclared children change', async () => {
    const { org } = await readFolder(path.join(ORGS, 'fleet'));
    const rules = await rulesToCheck();
    expect(rules.length).toBeGreaterThan(20);
    for (const rule of rules) {
      const ruleset = { name: 'one rule', rules: [rule] } as Ruleset;
      const before = await audit(org, ruleset, { now: NOW });
      const needs = planNeeds([rule]);
      const scrambled: OrgModel = structuredClone(org);
      for (const object of scrambled.objects.values()) {
        for (const [type, scramble] of Object.entries(SCRAMBLE)) {
          const declared = needs.some((n) => n.type === type && (n.object === object.name || n.name?.startsWith(`${object.name}.`) || (!n.object && !n.name)));
          if (!declared) scramble(object);
        }
      }
      const after = await audit(scrambled, ruleset, { now: NOW });
      expect({ rule: rule.id, findings: after.findings }).toEqual({ rule: rule.id, findings: before.findings });
    }
  });
});

describe('needsOf', () => {
  it("is the rule's kind's needs, worked out once per rule; a kind sfaudit does not know needs nothing", async () => {
    const [scope, relatedLists] = (await rulesFromYaml(MORE_RULES)).rules;
    expect(needsOf(scope!)).toEqual(CHECK_KINDS['list-view']!.needs(scope!));
    expect(needsOf(relatedLists!)).toEqual(CHECK_KINDS['related-lists']!.needs(relatedLists!));
    expect(needsOf(scope!)).toBe(needsOf(scope!));
    expect(needsOf({ ...scope!, kind: 'no-such-kind' } as Rule)).toEqual([]);
  });
});
