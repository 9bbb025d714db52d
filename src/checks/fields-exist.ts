import type { CheckKind } from './kind.js';
import { finding, pass } from './outcome.js';
import { setupPath } from './layouts.js';
import type { Outcome } from '../report/finding.js';

interface FieldSpec {
  field: string;
  type?: string;
}
interface Target {
  object: string;
}
interface Expect {
  fields: Array<string | FieldSpec>;
}

/** Live describe types (lowercase) and Metadata API types for the same thing. */
const TYPE_ALIASES: Record<string, string> = {
  string: 'text',
  double: 'number',
  int: 'number',
  boolean: 'checkbox',
  reference: 'lookup',
  textarea: 'textarea',
  multipicklist: 'multiselectpicklist',
};

function typeKey(type: string): string {
  const lower = type.toLowerCase();
  return TYPE_ALIASES[lower] ?? lower;
}

export const fieldsExist: CheckKind<Target, Expect> = {
  kind: 'fields-exist',
  description: 'Fields exist on the object (by label or API name), optionally with a given type (e.g. Url).',
  example: `- id: account-linkedin-fields
  step: LinkedIn links on accounts
  kind: fields-exist
  target: { object: Account }
  expect:
    fields:
      - { field: LinkedIn company URL, type: Url }
      - CISO employees (#)`,
  targetSchema: {
    type: 'object',
    required: ['object'],
    additionalProperties: false,
    properties: { object: { type: 'string', minLength: 1 } },
  },
  expectSchema: {
    type: 'object',
    required: ['fields'],
    additionalProperties: false,
    properties: {
      fields: {
        type: 'array',
        minItems: 1,
        items: {
          anyOf: [
            { type: 'string', minLength: 1 },
            {
              type: 'object',
              required: ['field'],
              additionalProperties: false,
              properties: { field: { type: 'string', minLength: 1 }, type: { type: 'string', minLength: 1 } },
            },
          ],
        },
      },
    },
  },
  readsOnlyNeeds: true,
  needs: (rule) => [
    { type: 'CustomObject', name: rule.target.object },
    { type: 'CustomField', object: rule.target.object },
  ],
  check(rule, { org, fields }) {
    const { object } = rule.target;
    const out: Outcome[] = [];
    const inOrg = org.objects.get(object)?.fields;
    for (const spec of rule.expect.fields) {
      const { field: ref, type } = typeof spec === 'string' ? { field: spec, type: undefined } : spec;
      const r = fields.resolve(object, ref);
      const exists = r.ok && (inOrg?.has(r.name) || (!r.name.endsWith('__c') && r.known));
      if (!r.ok || !exists) {
        out.push(
          finding(rule, {
            metadataType: 'CustomField',
            component: `${object}.${r.ok ? r.name : ref}`,
            expected: `field ${ref}${type ? ` of type ${type}` : ''}`,
            actual: 'not found',
            message: r.ok ? `Field ${ref} does not exist on ${object}` : `Field ${ref} does not exist: ${r.message}`,
            fix: `Create the field in ${setupPath.object(object)} › Fields & Relationships${type ? ` with type ${type}` : ''}.`,
          }),
        );
        continue;
      }
      const field = inOrg?.get(r.name);
      const actualType = field?.type ?? r.type;
      const component = `${object}.${r.name}`;
      if (type && (!actualType || typeKey(actualType) !== typeKey(type))) {
        out.push(
          finding(rule, {
            metadataType: 'CustomField',
            component,
            expected: `type ${type}`,
            actual: actualType ? `type ${actualType}` : 'type unknown',
            message: `Field ${fields.display(object, r.name)} has type ${actualType ?? 'unknown'}, expected ${type}`,
            fix: `In ${setupPath.object(object)} › Fields & Relationships › ${r.label ?? r.name}, change the field type to ${type} (check the data first: changing a type can lose values).`,
            source: field?.source,
          }),
        );
        continue;
      }
      out.push(pass('CustomField', component));
    }
    return out;
  },
};
