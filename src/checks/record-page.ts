import type { CheckKind } from './kind.js';
import { finding, pass } from './outcome.js';
import { compareLists, describeListProblems, type ListItem } from './compare-lists.js';
import { setupPath } from './layouts.js';
import type { ComponentInstance, FlexiPage, FlexiPageRegion, OrgModel } from '../model/types.js';
import { labelKey } from '../model/names.js';
import { assignedRecordPage, recordPageOf } from '../model/record-page-assignment.js';
import type { Aliases, ComponentAlias } from '../ruleset/types.js';
import type { Outcome } from '../report/finding.js';
import { didYouMean } from '../ruleset/did-you-mean.js';

interface Target {
  object: string;
  page?: string;
  region?: string;
}
interface Expect {
  components?: string[];
  absent?: string[];
  match?: 'contains' | 'ordered';
}

/** Names people use for a record page's regions, and the region names templates use for them. */
const REGION_NAMES: Record<string, string[]> = {
  right: ['sidebar', 'right', 'rightcol', 'rightColumn'],
  sidebar: ['sidebar'],
  main: ['main'],
  header: ['header'],
  left: ['left', 'leftcol', 'main'],
};

export function resolveComponent(ref: string, aliases: Aliases): ComponentAlias {
  const alias = Object.entries(aliases.components).find(([name]) => labelKey(name) === labelKey(ref));
  return alias ? alias[1] : { component: ref };
}

function matches(c: ComponentInstance, want: ComponentAlias): boolean {
  if (c.name.toLowerCase() !== want.component.toLowerCase()) return false;
  return Object.entries(want.properties ?? {}).every(([k, v]) => c.properties[k] === v);
}

/**
 * Components shown in a region, in page order, including those inside tabs and
 * accordions: their content lives in Facet regions named by a property value.
 */
export function componentsIn(page: FlexiPage, region: FlexiPageRegion, seen = new Set<string>()): ComponentInstance[] {
  seen.add(region.name);
  const facets = new Map(page.regions.filter((r) => r.type === 'Facet').map((r) => [r.name, r]));
  const out: ComponentInstance[] = [];
  for (const c of region.components) {
    out.push(c);
    for (const value of Object.values(c.properties)) {
      const facet = facets.get(value);
      if (facet && !seen.has(facet.name)) out.push(...componentsIn(page, facet, seen));
    }
  }
  return out;
}

/**
 * The record page people see for an object on desktop: the org default set on
 * the object's View action, else an app default, else the only record page for
 * the object.
 */
export function recordPageFor(org: OrgModel, object: string, name?: string): { page?: FlexiPage; how: string } {
  if (name) {
    const page = org.flexiPages.get(name) ?? [...org.flexiPages.values()].find((p) => labelKey(p.label ?? '') === labelKey(name));
    return { page, how: `named in the rule` };
  }
  const assigned = assignedRecordPage(object, org.objects.get(object), org.apps.values());
  if (assigned) {
    const page = org.flexiPages.get(assigned.page);
    if (page || !assigned.orgDefault) return { page, how: assigned.how };
    return { how: `the org default for ${object}, ${assigned.page}, is not in the metadata that was read` };
  }
  const candidates = [...org.flexiPages.values()].filter((p) => p.type === 'RecordPage' && p.sobjectType === object);
  if (candidates.length === 1) return { page: candidates[0], how: 'the only record page for the object' };
  return { how: candidates.length ? `${candidates.length} record pages exist, none assigned` : 'no record page exists' };
}

export const recordPage: CheckKind<Target, Expect> = {
  kind: 'record-page',
  description:
    "Components in a region of the object's Lightning record page (e.g. on the right), by component name or by a friendly alias defined in the ruleset.",
  example: `- id: account-right-column
  step: Opportunities, meeting notes and activity feed on the right
  kind: record-page
  target: { object: Account, region: right }
  expect:
    components: [Opportunities related list, Meeting notes, Activity]`,
  targetSchema: {
    type: 'object',
    required: ['object'],
    additionalProperties: false,
    properties: {
      object: { type: 'string', minLength: 1 },
      page: { type: 'string', minLength: 1, description: 'FlexiPage API name; the assigned page when omitted.' },
      region: { type: 'string', minLength: 1, description: 'right (default), main, header, or a region name.' },
    },
  },
  expectSchema: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      components: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      absent: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      match: { enum: ['contains', 'ordered'] },
    },
  },
  validate: (rule) =>
    (['components', 'absent'] as const).flatMap((key) =>
      (rule.expect?.[key] ?? []).flatMap((ref, i) => {
        if (typeof ref !== 'string' || ref.includes(':') || Object.keys(rule.aliases?.components ?? {}).some((a) => labelKey(a) === labelKey(ref))) return [];
        return [{
          path: `/expect/${key}/${i}`,
          message: `"${ref}" is neither a component alias nor a component name (namespace:name)`,
          hint: didYouMean(ref, Object.keys(rule.aliases?.components ?? {})) ?? 'define it under aliases.components, e.g. Activity: runtime_sales_activities:activityPanel',
        }];
      }),
    ),
  needs: (rule) => [
    { type: 'CustomObject', name: rule.target.object },
    // Without a page name: the page shown for the object, wherever it is assigned (see recordPageFor). A live
    // read follows the same steps, reading apps and every record page only when the object names none.
    rule.target.page ? { type: 'FlexiPage', name: rule.target.page } : { type: 'FlexiPage', object: rule.target.object },
  ],
  check(rule, { org }) {
    const { object } = rule.target;
    const regionRef = rule.target.region ?? 'right';
    const { page, how } = recordPageFor(org, object, rule.target.page);
    if (!page) {
      return [
        finding(rule, {
          metadataType: 'FlexiPage',
          component: rule.target.page ?? recordPageOf(object),
          expected: `a Lightning record page for ${object}`,
          actual: how === 'named in the rule' ? 'not found' : how,
          message: `No Lightning record page found for ${object}: ${how === 'named in the rule' ? `${rule.target.page} does not exist` : how}`,
          fix: `In Lightning App Builder, create or activate a record page for ${object} as the org default (${setupPath.object(object)} › Lightning Record Pages).`,
        }),
      ];
    }
    const names = REGION_NAMES[labelKey(regionRef)] ?? [regionRef];
    const region = page.regions.find((r) => r.type !== 'Facet' && names.includes(r.name)) ?? page.regions.find((r) => names.includes(r.name));
    const location = `region "${regionRef}"`;
    if (!region) {
      return [
        finding(rule, {
          metadataType: 'FlexiPage',
          component: page.name,
          location,
          expected: `a ${regionRef} region`,
          actual: `regions: ${page.regions.filter((r) => r.type !== 'Facet').map((r) => r.name).join(', ')}`,
          message: `Record page ${page.name} (template ${page.template ?? 'unknown'}) has no ${regionRef} region`,
          fix: `In Lightning App Builder, switch ${page.label ?? page.name} to a template with a ${regionRef} column.`,
          source: page.source,
        }),
      ];
    }
    const shown = componentsIn(page, region);
    const out: Outcome[] = [];
    const expectedRefs = rule.expect.components ?? [];
    if (expectedRefs.length) {
      const wants = expectedRefs.map((ref) => ({ ref, want: resolveComponent(ref, rule.aliases) }));
      const expected: ListItem[] = wants.map((w) => ({ key: w.ref, label: label(w.ref, w.want) }));
      const actual: ListItem[] = shown
        .filter((c) => c.name !== 'flexipage:tabset' && c.name !== 'flexipage:tab')
        .map((c) => {
          const hit = wants.find((w) => matches(c, w.want));
          return { key: hit ? hit.ref : `component:${c.name}:${c.identifier ?? ''}`, label: hit ? label(hit.ref, hit.want) : otherLabel(c, rule.aliases) };
        });
      const mode = rule.expect.match ?? 'contains';
      const result = compareLists(expected, actual, mode);
      if (!result.ok) {
        const elsewhere = result.missing.flatMap((m) => {
          const w = wants.find((x) => x.ref === m.key)!;
          const where = page.regions.filter((r) => r !== region && r.type !== 'Facet' && componentsIn(page, r).some((c) => matches(c, w.want)));
          return where.map((r) => `${m.key} is in the ${r.name} region`);
        });
        out.push(
          finding(rule, {
            metadataType: 'FlexiPage',
            component: page.name,
            location,
            expected: `${mode}: ${expected.map((e) => e.label).join(', ')}`,
            actual: actual.map((a) => a.label).join(', ') || '(empty)',
            message: `Record page ${page.name}, ${regionRef} region: ${describeListProblems(result, mode)}${elsewhere.length ? ` (${elsewhere.join('; ')})` : ''}`,
            fix: `In Lightning App Builder, open ${page.label ?? page.name} and drag ${result.missing.concat(result.outOfOrder).map((m) => m.label).join(', ')} into the ${regionRef} column${mode === 'ordered' ? ' in the expected order' : ''}.`,
            source: region.source ?? page.source,
            comparison: result.comparison,
          }),
        );
      }
    }
    for (const ref of rule.expect.absent ?? []) {
      const want = resolveComponent(ref, rule.aliases);
      if (shown.some((c) => matches(c, want))) {
        out.push(
          finding(rule, {
            metadataType: 'FlexiPage',
            component: page.name,
            location,
            expected: `no ${ref}`,
            actual: `${label(ref, want)} is shown`,
            message: `Record page ${page.name} shows ${ref} in the ${regionRef} region, which should not be there`,
            fix: `In Lightning App Builder, remove ${ref} from ${page.label ?? page.name}.`,
            source: region.source ?? page.source,
          }),
        );
      }
    }
    return out.length ? out : [pass('FlexiPage', page.name, location)];
  },
};

function label(ref: string, want: ComponentAlias): string {
  return ref === want.component ? ref : `${ref} (${want.component})`;
}

/**
 * A component the rule does not ask for, named so people can tell which it is: by a ruleset
 * alias when one fits (most specific first), else by name and the related list it shows.
 */
function otherLabel(c: ComponentInstance, aliases: Aliases): string {
  const fitting = Object.entries(aliases.components)
    .filter(([, want]) => matches(c, want))
    .sort(([, a], [, b]) => Object.keys(b.properties ?? {}).length - Object.keys(a.properties ?? {}).length);
  if (fitting[0]) return label(fitting[0][0], fitting[0][1]);
  const list = c.properties.relatedListApiName;
  return list ? `${c.name} (${list})` : c.name;
}
