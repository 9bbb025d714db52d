import type { CheckKind } from './kind.js';
import { finding, pass } from './outcome.js';
import { setupPath } from './layouts.js';
import { labelKey } from '../model/names.js';
import type { ListView } from '../model/types.js';
import { didYouMean } from '../ruleset/did-you-mean.js';
import type { FieldResolver } from './fields.js';

interface FilterSpec {
  field: string;
  operation: string;
  value?: string;
}
interface Target {
  object: string;
  listView: string;
}
interface Expect {
  filterScope?: string;
  filters?: FilterSpec[];
  visibility?: 'all-users' | 'restricted';
}

const SCOPES = ['Everything', 'Mine', 'MineAndMyGroups', 'Queue', 'Delegated', 'MyTerritory', 'MyTeamTerritory', 'Team'];
const OPERATIONS = ['equals', 'notEqual', 'lessThan', 'greaterThan', 'lessOrEqual', 'greaterOrEqual', 'contains', 'notContain', 'startsWith', 'includes', 'excludes', 'within'];

/** List view filters name standard fields by column (`ACCOUNT.TYPE`) and custom ones by API name (`Tier__c`). */
function columnKey(field: string): string {
  const last = field.includes('.') ? field.slice(field.lastIndexOf('.') + 1) : field;
  return last.replace(/_/g, '').toUpperCase();
}

function valuesKey(value: string | undefined): string {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .sort()
    .join(',');
}

/** Filter logic other than "all of them" (`1 OR 2`, `1 AND NOT 2`); a rule's filter list means all of them. */
function otherLogic(view: ListView): string | undefined {
  const logic = view.booleanFilter?.trim();
  return logic && /\b(OR|NOT)\b/i.test(logic) ? logic : undefined;
}

function findListView(views: ListView[], ref: string): ListView | undefined {
  return views.find((v) => v.name === ref) ?? views.find((v) => labelKey(v.label ?? '') === labelKey(ref) || labelKey(v.name) === labelKey(ref));
}

function filterText(object: string, f: FilterSpec, fields: FieldResolver): string {
  const r = fields.resolve(object, f.field);
  const name = r.ok ? fields.display(object, r.name) : f.field;
  return `${name} ${f.operation} ${f.value ?? ''}`.trim();
}

export const listView: CheckKind<Target, Expect> = {
  kind: 'list-view',
  description:
    "A list view exists on the object and is configured as expected (scope, filters, visibility). Salesforce keeps each user's pinned default list view per user, not in metadata: this checks that the list view people should pick exists and is configured.",
  note: "Default list views are kept per user in Salesforce, not in org metadata: list-view rules check that the list view exists and is configured, not which one each user has pinned.",
  example: `- id: accounts-default-filter
  step: The default filter is Customers
  kind: list-view
  target: { object: Account, listView: Customers }
  expect:
    filterScope: Everything
    filters: [{ field: Type, operation: equals, value: Customer }]
    visibility: all-users`,
  targetSchema: {
    type: 'object',
    required: ['object', 'listView'],
    additionalProperties: false,
    properties: {
      object: { type: 'string', minLength: 1 },
      listView: { type: 'string', minLength: 1, description: 'List view label ("All Opportunities") or API name (AllOpportunities).' },
    },
  },
  expectSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      filterScope: { enum: SCOPES },
      filters: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'operation'],
          additionalProperties: false,
          properties: {
            field: { type: 'string', minLength: 1 },
            operation: { enum: OPERATIONS },
            value: { type: 'string' },
          },
        },
      },
      visibility: { enum: ['all-users', 'restricted'] },
    },
  },
  readsOnlyNeeds: true,
  needs: (rule) => [
    { type: 'ListView', object: rule.target.object },
    { type: 'CustomObject', name: rule.target.object },
    // Filters name fields by label; scope and visibility need none.
    ...(rule.expect.filters ? [{ type: 'CustomField', object: rule.target.object }] : []),
  ],
  check(rule, { org, fields }) {
    const { object, listView: ref } = rule.target;
    const views = [...(org.objects.get(object)?.listViews.values() ?? [])];
    const view = findListView(views, ref);
    const where = `${setupPath.object(object)} › List Views (or the list view's gear menu on the ${object} tab)`;
    if (!view) {
      const hint = didYouMean(ref, views.flatMap((v) => [v.label ?? v.name]));
      return [
        finding(rule, {
          metadataType: 'ListView',
          component: `${object}.${ref}`,
          expected: `list view "${ref}"`,
          actual: 'not found',
          message: `List view "${ref}" does not exist on ${object}${hint ? ` (${hint})` : ''}`,
          fix: `Create a list view "${ref}" on the ${object} tab (New list view), visible to all users, with the expected filters.`,
        }),
      ];
    }
    const component = `${object}.${view.name}`;
    const problems: Array<{ expected: string; actual: string; what: string }> = [];
    const { filterScope, filters, visibility } = rule.expect;
    if (filterScope && view.filterScope !== filterScope) {
      problems.push({ what: 'filter scope', expected: filterScope, actual: view.filterScope ?? '(none)' });
    }
    if (filters) {
      const have = view.filters.map((f) => ({ key: `${columnKey(f.field)}|${f.operation}|${valuesKey(f.value)}`, f }));
      const want = filters.map((f) => {
        const r = fields.resolve(object, f.field);
        return { key: `${columnKey(r.ok ? r.name : f.field)}|${f.operation}|${valuesKey(f.value)}`, f };
      });
      const missing = want.filter((w) => !have.some((h) => h.key === w.key));
      const extra = have.filter((h) => !want.some((w) => w.key === h.key));
      const logic = otherLogic(view);
      if (missing.length || extra.length || logic) {
        const filterList = view.filters.map((f) => `${f.field} ${f.operation} ${f.value ?? ''}`.trim());
        problems.push({
          what: 'filters',
          expected: want.map((w) => filterText(object, w.f, fields)).join(' AND ') || '(no filters)',
          actual: logic
            ? `${filterList.map((f, i) => `${i + 1}. ${f}`).join('; ')} with filter logic ${logic}`
            : filterList.join(' AND ') || '(no filters)',
        });
      }
    }
    if (visibility) {
      const actual = view.sharedTo.length === 0 ? 'all-users' : 'restricted';
      if (actual !== visibility) {
        problems.push({
          what: 'visibility',
          expected: visibility === 'all-users' ? 'visible to all users' : 'shared with specific groups or roles',
          actual: actual === 'all-users' ? 'visible to all users' : `shared with ${view.sharedTo.join(', ')}`,
        });
      }
    }
    if (problems.length === 0) return [pass('ListView', component)];
    return problems.map((p) =>
      finding(rule, {
        metadataType: 'ListView',
        component,
        location: p.what,
        expected: p.expected,
        actual: p.actual,
        message: `List view ${view.label ?? view.name} (${component}): ${p.what} is ${p.actual}, expected ${p.expected}`,
        fix: `Edit the list view's ${p.what} in ${where} to: ${p.expected}.`,
        source: view.source,
      }),
    );
  },
};
