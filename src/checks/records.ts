import type { CheckKind } from './kind.js';
import { regexProblem, REGEX_HINT } from './regex.js';
import type { Outcome } from '../report/finding.js';
import { recordTargetSchema, validateRecordTarget, type RecordTarget } from '../records/select.js';
import { fieldRefs, plannedQueries, planRecordRule, recordNeeds, scanSelection } from './record-rule.js';
import { fieldValue, showValue } from '../records/values.js';
import { editFix, recordFinding, recordPass, recordPhrase } from './record-findings.js';

interface FieldExpectation {
  field: string;
  /** JavaScript regular expression the value must match, e.g. `\b20\d{2}\b`. */
  matches?: string;
  /** What the pattern means in words, shown in findings ("a four-digit year"). */
  meaning?: string;
  notEmpty?: boolean;
  oneOf?: Array<string | number | boolean>;
}
interface Expect {
  fields: FieldExpectation[];
}

type Verdict = { ok: true } | { ok: false; expected: string; problem: string; fix: string };

function describePattern(spec: FieldExpectation): string {
  return `/${spec.matches}/${spec.meaning ? ` (${spec.meaning})` : ''}`;
}

/** What the rule expects of the field, in one phrase. */
function expectedText(spec: FieldExpectation): string {
  const parts: string[] = [];
  if (spec.notEmpty) parts.push('not empty');
  if (spec.oneOf) parts.push(`one of ${spec.oneOf.map((v) => JSON.stringify(v)).join(', ')}`);
  if (spec.matches !== undefined) parts.push(`matches ${describePattern(spec)}`);
  return parts.join('; ');
}

function judge(value: unknown, spec: FieldExpectation, pattern: RegExp | undefined): Verdict {
  const expected = expectedText(spec);
  if (spec.notEmpty && value === null) {
    return { ok: false, expected, problem: 'is empty', fix: 'fill in a value' };
  }
  if (spec.oneOf && !spec.oneOf.some((v) => value !== null && String(v) === String(value))) {
    return { ok: false, expected, problem: `is ${showValue(value)}, not one of the allowed values`, fix: `set one of ${spec.oneOf.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  if (pattern && (value === null || !pattern.test(String(value)))) {
    return {
      ok: false,
      expected,
      problem: `${showValue(value)} does not match ${describePattern(spec)}`,
      fix: spec.meaning ? `make it include ${spec.meaning}` : `make it match /${spec.matches}/`,
    };
  }
  return { ok: true };
}

export const records: CheckKind<RecordTarget, Expect> = {
  kind: 'records',
  description:
    'Records of an object (optionally filtered with a SOQL WHERE clause) have field values as expected: matching a pattern, not empty, or one of a set of values. Reads records from the org, or from a folder\'s data/ export (sf data export tree).',
  example: `- id: opportunity-name-has-year
  step: Opportunity name should have the year on it
  kind: records
  target: { object: Opportunity, where: "IsClosed = false" }
  expect:
    fields:
      - { field: Opportunity Name, matches: '\\b20\\d{2}\\b', meaning: a four-digit year }`,
  targetSchema: recordTargetSchema,
  expectSchema: {
    type: 'object',
    required: ['fields'],
    additionalProperties: false,
    properties: {
      fields: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['field'],
          additionalProperties: false,
          anyOf: [{ required: ['matches'] }, { required: ['notEmpty'] }, { required: ['oneOf'] }],
          properties: {
            field: { type: 'string', minLength: 1, description: 'Field label or API name.' },
            matches: { type: 'string', minLength: 1, description: 'JavaScript regular expression the value must match.' },
            meaning: { type: 'string', minLength: 1, description: 'The pattern in words, for findings, e.g. a four-digit year.' },
            notEmpty: { type: 'boolean' },
            oneOf: { type: 'array', minItems: 1, items: { type: ['string', 'number', 'boolean'] } },
          },
        },
      },
    },
  },
  validate(rule) {
    const issues = validateRecordTarget(rule.target);
    (rule.expect?.fields ?? []).forEach((spec, i) => {
      const problem = typeof spec?.matches === 'string' ? regexProblem(spec.matches) : undefined;
      if (problem) issues.push({ path: `/expect/fields/${i}/matches`, message: `invalid regular expression: ${problem}`, hint: REGEX_HINT });
    });
    return issues;
  },
  needs: recordNeeds,
  queries: (rule, ctx) => plannedQueries(rule, fieldRefs(rule.expect), ctx),
  async check(rule, ctx) {
    const specs = rule.expect.fields;
    const planned = planRecordRule(rule, fieldRefs(rule.expect), ctx);
    if (!planned.ok) return planned.outcomes;
    const checks = specs.map((spec, i) => ({
      spec,
      field: planned.fields[i]!,
      pattern: spec.matches !== undefined ? new RegExp(spec.matches) : undefined,
    }));
    const out: Outcome[] = [];
    await scanSelection(rule, planned, ctx, out, (record, ref) => {
      for (const { spec, field, pattern } of checks) {
        const value = fieldValue(record, field.name);
        const verdict = judge(value, spec, pattern);
        if (verdict.ok) {
          out.push(recordPass(ref, field));
          continue;
        }
        out.push(
          recordFinding(rule, ref, field, {
            expected: verdict.expected,
            actual: showValue(value),
            message: `${recordPhrase(ref)}: ${field.display} ${verdict.problem}`,
            fix: editFix(ref, field, verdict.fix),
          }),
        );
      }
    });
    return out;
  },
};
