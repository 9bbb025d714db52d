import type { CheckKind } from './kind.js';
import { finding, pass } from './outcome.js';
import { compareLists, describeListProblems, MATCH_MODES, type MatchMode } from './compare-lists.js';
import { expectedFieldItems } from './layout-section.js';
import { setupPath } from './layouts.js';
import { labelKey } from '../model/names.js';

interface Target {
  object: string;
  compactLayout?: string;
}
interface Expect {
  fields: string[];
  match?: MatchMode;
}

export const compactLayout: CheckKind<Target, Expect> = {
  kind: 'compact-layout',
  description:
    "The object's assigned compact layout (the highlights panel at the top of a record page) shows these fields.",
  example: `- id: opportunity-highlights
  step: Section at the top of the opportunity page
  kind: compact-layout
  target: { object: Opportunity }
  expect:
    match: contains
    fields: [Account Name, Amount, Close Date, Next Step, Opportunity Owner]`,
  targetSchema: {
    type: 'object',
    required: ['object'],
    additionalProperties: false,
    properties: {
      object: { type: 'string', minLength: 1 },
      compactLayout: { type: 'string', minLength: 1, description: 'Name or label; the assigned one when omitted.' },
    },
  },
  expectSchema: {
    type: 'object',
    required: ['fields'],
    additionalProperties: false,
    properties: {
      fields: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      match: { enum: [...MATCH_MODES] },
    },
  },
  readsOnlyNeeds: true,
  needs: (rule) => [
    { type: 'CustomObject', name: rule.target.object },
    { type: 'CompactLayout', object: rule.target.object },
    // Its fields are shown and compared by label.
    { type: 'CustomField', object: rule.target.object },
  ],
  check(rule, { org, fields }) {
    const { object: objectName } = rule.target;
    const mode = rule.expect.match ?? 'contains';
    const object = org.objects.get(objectName);
    if (!object) {
      // Without the object nothing says which compact layout is assigned: do not guess "system default".
      return [
        finding(rule, {
          metadataType: 'CustomObject',
          component: `${objectName} (assigned compact layout)`,
          expected: `object ${objectName} with its compact layouts`,
          actual: 'not found',
          message: `${objectName} is not in the metadata that was read, so its compact layout cannot be checked`,
          fix: `Retrieve CustomObject ${objectName} with the rest of the metadata, or correct the object name in the rule.`,
        }),
      ];
    }
    const wanted = rule.target.compactLayout ?? object.compactLayoutAssignment;
    if (!wanted || wanted === 'SYSTEM') {
      return [
        finding(rule, {
          metadataType: 'CompactLayout',
          component: `${objectName} (assigned compact layout)`,
          expected: `a compact layout with ${rule.expect.fields.join(', ')}`,
          actual: 'the system default compact layout',
          message: `${objectName} uses the system default compact layout, so its highlights panel cannot be set to the expected fields`,
          fix: `In ${setupPath.object(objectName)} › Compact Layouts, create one with the expected fields and assign it as the primary compact layout.`,
          source: object.source,
        }),
      ];
    }
    const layouts = [...object.compactLayouts.values()];
    const layout =
      layouts.find((c) => c.name === wanted) ??
      layouts.find((c) => labelKey(c.name) === labelKey(wanted) || (c.label && labelKey(c.label) === labelKey(wanted)));
    const component = `${objectName}.${wanted}`;
    if (!layout) {
      return [
        finding(rule, {
          metadataType: 'CompactLayout',
          component,
          expected: `compact layout ${wanted}`,
          actual: 'not found',
          message: `Compact layout ${component} does not exist`,
          fix: `Create it in ${setupPath.object(objectName)} › Compact Layouts, or assign an existing one.`,
          source: object.source,
        }),
      ];
    }
    const expected = expectedFieldItems(fields, objectName, rule.expect.fields);
    const actual = layout.fields.map((f) => ({ key: f, label: fields.display(objectName, f) }));
    const result = compareLists(expected, actual, mode);
    const name = `${objectName}.${layout.name}`;
    if (result.ok) return [pass('CompactLayout', name)];
    return [
      finding(rule, {
        metadataType: 'CompactLayout',
        component: name,
        location: 'highlights panel',
        expected: `${mode}: ${expected.map((e) => e.label).join(', ')}`,
        actual: actual.map((a) => a.label).join(', ') || '(no fields)',
        message: `Compact layout ${name}: ${describeListProblems(result, mode)}`,
        fix: `In ${setupPath.object(objectName)} › Compact Layouts › ${layout.label ?? layout.name}, edit the selected fields: ${rule.expect.fields.join(', ')}${mode === 'contains' ? '' : ', in this order'}.`,
        source: layout.source,
        comparison: result.comparison,
      }),
    ];
  },
};
