import type { CheckKind } from './kind.js';
import { finding, pass } from './outcome.js';
import { compareLists, describeListProblems, MATCH_MODES, type ListItem, type MatchMode } from './compare-lists.js';
import { layoutDisplayName, layoutsFor, setupPath } from './layouts.js';
import { readingOrder } from '../model/map-layout.js';
import { labelKey } from '../model/names.js';
import { didYouMean } from '../ruleset/did-you-mean.js';
import type { FieldResolver } from './fields.js';

interface Target {
  object: string;
  layout?: string;
  section: string;
}
interface Expect {
  fields: string[];
  match?: MatchMode;
}

/** Expected fields as list items; a reference that names no field keeps its text so it shows as missing. */
export function expectedFieldItems(fields: FieldResolver, object: string, refs: string[]): ListItem[] {
  return refs.map((ref) => {
    const r = fields.resolve(object, ref);
    return r.ok
      ? { key: r.name, label: r.label ? `${r.label} (${r.name})` : r.name }
      : { key: `?${ref}`, label: `${ref} (no such field on ${object})` };
  });
}

export const layoutSection: CheckKind<Target, Expect> = {
  kind: 'layout-section',
  description: 'A page layout section holds these fields (by label or API name), in the order people read them.',
  example: `- id: account-accounting-section
  step: Accounting section fields
  kind: layout-section
  target: { object: Account, layout: Account Layout, section: Accounting }
  expect:
    match: contains
    fields: [Invoice sent (latest), License key, Billing Address]`,
  targetSchema: {
    type: 'object',
    required: ['object', 'section'],
    additionalProperties: false,
    properties: {
      object: { type: 'string', minLength: 1, description: 'Object API name, e.g. Account.' },
      layout: { type: 'string', minLength: 1, description: 'Layout name (Account Layout); every layout of the object when omitted.' },
      section: { type: 'string', minLength: 1, description: 'Section label as shown on the page.' },
    },
  },
  expectSchema: {
    type: 'object',
    required: ['fields'],
    additionalProperties: false,
    properties: {
      fields: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      match: { enum: [...MATCH_MODES], description: 'contains (default), ordered, first or exact.' },
    },
  },
  readsOnlyNeeds: true,
  needs: (rule) => [
    { type: 'Layout', object: rule.target.object },
    { type: 'CustomObject', name: rule.target.object },
    // Fields are named by label in the rule and compared by label.
    { type: 'CustomField', object: rule.target.object },
  ],
  check(rule, { org, fields }) {
    const { object, layout: layoutName, section: sectionLabel } = rule.target;
    const mode = rule.expect.match ?? 'contains';
    const layouts = layoutsFor(org, object, layoutName);
    if (layouts.length === 0) {
      return [
        finding(rule, {
          metadataType: 'Layout',
          component: layoutName ? `${object}-${layoutName}` : object,
          expected: layoutName ? `layout "${layoutName}"` : `a page layout for ${object}`,
          actual: 'not found',
          message: layoutName ? `Page layout "${layoutName}" of ${object} does not exist` : `${object} has no page layout`,
          fix: `Create the layout in ${setupPath.object(object)} › Page Layouts, or correct the layout name in the rule.`,
        }),
      ];
    }
    const expected = expectedFieldItems(fields, object, rule.expect.fields);
    return layouts.map((layout) => {
      const component = layoutDisplayName(layout);
      const section = layout.sections.find((s) => labelKey(s.label) === labelKey(sectionLabel));
      if (!section) {
        const labels = layout.sections.map((s) => s.label).filter(Boolean);
        const hint = didYouMean(sectionLabel, labels);
        return finding(rule, {
          metadataType: 'Layout',
          component,
          location: `section "${sectionLabel}"`,
          expected: `a section "${sectionLabel}"`,
          actual: `sections: ${labels.join(', ') || '(none)'}`,
          message: `Layout ${component} has no section "${sectionLabel}"${hint ? ` (${hint})` : ''}`,
          fix: `In ${setupPath.layout(layout)}, add a section labelled "${sectionLabel}" with ${rule.expect.fields.join(', ')}.`,
          source: layout.source,
        });
      }
      const actual = readingOrder(section)
        .filter((item) => item.field)
        .map((item) => ({ key: item.field!, label: fields.display(object, item.field!) }));
      const result = compareLists(expected, actual, mode);
      if (result.ok) return pass('Layout', component, `section "${section.label}"`);
      return finding(rule, {
        metadataType: 'Layout',
        component,
        location: `section "${section.label}"`,
        expected: `${mode}: ${expected.map((e) => e.label).join(', ')}`,
        actual: actual.map((a) => a.label).join(', ') || '(no fields)',
        message: `Section "${section.label}" of ${component}: ${describeListProblems(result, mode)}`,
        fix: `In ${setupPath.layout(layout)}, ${fixText(result, section.label, mode)}`,
        source: section.source ?? layout.source,
        comparison: result.comparison,
      });
    });
  },
};

function fixText(result: ReturnType<typeof compareLists>, section: string, mode: MatchMode): string {
  const steps: string[] = [];
  if (result.missing.length) steps.push(`drag ${result.missing.map((m) => m.label).join(', ')} into the "${section}" section`);
  if (result.outOfOrder.length) steps.push(`move ${result.outOfOrder.map((m) => m.label).join(', ')} into the expected order`);
  if (result.extra.length) {
    const extra = result.extra.map((m) => m.label).join(', ');
    // With `first`, other fields may stay in the section, just not above the expected ones.
    steps.push(mode === 'first' ? `move ${extra} below the expected fields` : `remove ${extra} from the section`);
  }
  return `${steps.join(', then ')}.`;
}
