import type { CheckKind } from './kind.js';
import { finding, pass } from './outcome.js';
import { layoutDisplayName, layoutsFor, setupPath } from './layouts.js';
import { labelKey } from '../model/names.js';
import type { Finding, Outcome } from '../report/finding.js';
import type { Aliases } from '../ruleset/types.js';

interface Target {
  object: string;
  layout?: string;
}
interface Expect {
  present?: string[];
  absent?: string[];
  last?: string;
}

/** Names people use for standard related lists, and the names layouts store. */
const BUILT_IN: Record<string, string[]> = {
  notes: ['RelatedNoteList', 'RelatedContentNoteList'],
  'notes & attachments': ['RelatedNoteList'],
  'stage history': ['RelatedOpportunityHistoryList'],
  'activity history': ['RelatedHistoryList'],
  'open activities': ['RelatedActivityList'],
  contacts: ['RelatedContactList'],
  opportunities: ['RelatedOpportunityList'],
  'contact roles': ['RelatedContactRoleList'],
  cases: ['RelatedCaseList'],
  files: ['RelatedFileList'],
};

export function relatedListNames(ref: string, aliases: Aliases): string[] {
  const own = Object.entries(aliases.relatedLists).find(([name]) => labelKey(name) === labelKey(ref));
  if (own) return own[1];
  return BUILT_IN[labelKey(ref)] ?? [ref];
}

export const relatedLists: CheckKind<Target, Expect> = {
  kind: 'related-lists',
  description:
    'Related lists on a page layout: ones that must be present, ones that must be absent (e.g. Notes), and the one that must sit at the bottom.',
  example: `- id: no-notes-on-accounts
  step: We do not use notes on accounts
  kind: related-lists
  target: { object: Account }
  expect:
    absent: [Notes]`,
  targetSchema: {
    type: 'object',
    required: ['object'],
    additionalProperties: false,
    properties: { object: { type: 'string', minLength: 1 }, layout: { type: 'string', minLength: 1 } },
  },
  expectSchema: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      present: { type: 'array', items: { type: 'string', minLength: 1 } },
      absent: { type: 'array', items: { type: 'string', minLength: 1 } },
      last: { type: 'string', minLength: 1, description: 'The related list that must be at the bottom of the page.' },
    },
  },
  readsOnlyNeeds: true,
  needs: (rule) => [{ type: 'Layout', object: rule.target.object }],
  check(rule, { org }) {
    const layouts = layoutsFor(org, rule.target.object, rule.target.layout);
    if (layouts.length === 0) {
      return [
        finding(rule, {
          metadataType: 'Layout',
          component: rule.target.layout ? `${rule.target.object}-${rule.target.layout}` : rule.target.object,
          expected: 'a page layout',
          actual: 'not found',
          message: `${rule.target.object} has no page layout${rule.target.layout ? ` named "${rule.target.layout}"` : ''}`,
          fix: `Check ${setupPath.object(rule.target.object)} › Page Layouts.`,
        }),
      ];
    }
    const out: Outcome[] = [];
    for (const layout of layouts) {
      const component = layoutDisplayName(layout);
      const names = layout.relatedLists.map((r) => r.name);
      const has = (ref: string) => relatedListNames(ref, rule.aliases).filter((n) => names.includes(n));
      const findings: Finding[] = [];
      const base = { metadataType: 'Layout', component, source: layout.source };
      for (const ref of rule.expect.present ?? []) {
        if (has(ref).length === 0) {
          findings.push(
            finding(rule, {
              ...base,
              location: 'related lists',
              expected: `related list ${ref}`,
              actual: names.join(', ') || '(none)',
              message: `Layout ${component} lacks the ${ref} related list`,
              fix: `In ${setupPath.layout(layout)}, drag the ${ref} related list onto the layout.`,
            }),
          );
        }
      }
      for (const ref of rule.expect.absent ?? []) {
        for (const name of has(ref)) {
          const at = layout.relatedLists.find((r) => r.name === name);
          findings.push(
            finding(rule, {
              ...base,
              location: 'related lists',
              expected: `no ${ref} related list`,
              actual: `${name} is on the layout`,
              message: `Layout ${component} shows the ${ref} related list (${name}), which should not be there`,
              fix: `In ${setupPath.layout(layout)}, remove the ${ref} related list.`,
              source: at?.source ?? layout.source,
            }),
          );
        }
      }
      if (rule.expect.last) {
        const wanted = relatedListNames(rule.expect.last, rule.aliases);
        const last = names[names.length - 1];
        if (!last || !wanted.includes(last)) {
          const present = has(rule.expect.last).length > 0;
          findings.push(
            finding(rule, {
              ...base,
              location: 'related lists',
              expected: `${rule.expect.last} at the bottom`,
              actual: present ? `bottom is ${last}` : `${rule.expect.last} is not on the layout`,
              message: present
                ? `Layout ${component}: ${rule.expect.last} is not the last related list (the last is ${last})`
                : `Layout ${component} lacks the ${rule.expect.last} related list, which should be at the bottom`,
              fix: `In ${setupPath.layout(layout)}, ${present ? 'drag' : 'add'} the ${rule.expect.last} related list to the bottom.`,
            }),
          );
        }
      }
      out.push(...(findings.length ? findings : [pass('Layout', component, 'related lists')]));
    }
    return out;
  },
};
