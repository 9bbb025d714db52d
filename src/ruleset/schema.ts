import { CHECK_KINDS } from '../checks/index.js';
import { SEVERITIES } from './types.js';

/** Rule ids are short, stable slugs: they key history and waivers, so they must survive copy-paste. */
export const RULE_ID_PATTERN = '^[a-z0-9][a-z0-9._-]*$';

/**
 * The JSON Schema of a ruleset file, generated from the registered rule kinds.
 * It is written to `schema/ruleset.schema.json` for editors and guarded by a snapshot test.
 */
export function rulesetSchema(): Record<string, unknown> {
  const kinds = Object.values(CHECK_KINDS);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/sfaudit/sfaudit/schema/ruleset.schema.json',
    title: 'sfaudit ruleset',
    description: 'Rules that encode a Salesforce configuration checklist.',
    type: 'object',
    required: ['name', 'rules'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      defaults: {
        type: 'object',
        additionalProperties: false,
        properties: { severity: { enum: [...SEVERITIES] } },
      },
      aliases: {
        type: 'object',
        additionalProperties: false,
        properties: {
          components: {
            type: 'object',
            description: 'Friendly names for Lightning components, e.g. Activity: runtime_sales_activities:activityPanel.',
            additionalProperties: {
              anyOf: [
                { type: 'string', minLength: 1 },
                {
                  type: 'object',
                  required: ['component'],
                  additionalProperties: false,
                  properties: {
                    component: { type: 'string', minLength: 1 },
                    properties: { type: 'object', additionalProperties: { type: 'string' } },
                  },
                },
              ],
            },
          },
          relatedLists: {
            type: 'object',
            description: 'Friendly names for related lists, e.g. Related contacts: Related_Contact__c.Contact__c.',
            additionalProperties: {
              anyOf: [
                { type: 'string', minLength: 1 },
                { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
              ],
            },
          },
        },
      },
      rules: { type: 'array', items: { $ref: '#/definitions/rule' } },
      waivers: {
        type: 'array',
        description: 'Discrepancies the team has accepted for now: listed apart in reports, never failing the run, until they expire.',
        items: { $ref: '#/definitions/waiver' },
      },
    },
    definitions: {
      waiver: {
        type: 'object',
        required: ['rule', 'reason', 'owner', 'expires'],
        additionalProperties: false,
        properties: {
          rule: { type: 'string', pattern: RULE_ID_PATTERN, description: 'Id of the rule whose findings are waived.' },
          component: {
            type: 'string',
            minLength: 1,
            description: 'Only findings on this component, named as reports name it (e.g. Account-Account Layout, Account.Customers). Omit to waive every finding of the rule.',
          },
          reason: { type: 'string', minLength: 1, description: 'Why the discrepancy is accepted for now.' },
          owner: { type: 'string', minLength: 1, description: 'Who answers for it (name or email).' },
          expires: { type: 'string', minLength: 1, description: 'Last day the waiver applies, YYYY-MM-DD (UTC). After it, the findings count again.' },
        },
      },
      rule: {
        type: 'object',
        required: ['id', 'step', 'kind', 'expect'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: RULE_ID_PATTERN, description: 'Unique, lowercase, e.g. account-accounting-section.' },
          step: { type: 'string', minLength: 1, description: 'The ritual step this rule encodes, shown in reports.' },
          severity: { enum: [...SEVERITIES] },
          kind: { enum: kinds.map((k) => k.kind) },
          description: { type: 'string' },
          target: { type: 'object' },
          expect: { type: 'object' },
        },
        allOf: kinds.map((k) => ({
          if: { properties: { kind: { const: k.kind } }, required: ['kind'] },
          then: { $ref: `#/definitions/${kindDefinition(k.kind)}` },
        })),
      },
      // A definition per kind, not the kind's schema inline in `rule`: the compiled validator then checks each
      // kind in a function of its own, which V8 compiles only when a rule of that kind comes (validate.ts).
      ...Object.fromEntries(
        kinds.map((k) => [
          kindDefinition(k.kind),
          {
            description: `Target and expect of a ${k.kind} rule. ${k.description}`,
            ...(k.kind === 'manual' ? {} : { required: ['target'] }),
            properties: { target: k.targetSchema, expect: k.expectSchema },
          },
        ]),
      ),
    },
  };
}

/** The name under `definitions` of what a rule of `kind` takes. */
export function kindDefinition(kind: string): string {
  return `kind-${kind}`;
}
