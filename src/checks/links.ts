import type { CheckKind } from './kind.js';
import { regexProblem, REGEX_HINT } from './regex.js';
import type { Finding, Outcome } from '../report/finding.js';
import type { Rule } from '../ruleset/types.js';
import { checkUrlForm, type LinkOutcome } from '../links/index.js';
import { recordTargetSchema, validateRecordTarget, type RecordTarget, type ResolvedField, type Selection } from '../records/select.js';
import { fieldRefs, plannedQueries, planRecordRule, recordNeeds, scanSelection } from './record-rule.js';
import { fieldValue, showValue } from '../records/values.js';
import { linkService } from './link-service.js';
import { finding } from './outcome.js';
import { editFix, recordFinding, recordPass, recordPhrase, type RecordRef } from './record-findings.js';

interface LinkFieldSpec {
  field: string;
  /** Hosts the link must point at; subdomains count (www.linkedin.com is linkedin.com). */
  hosts?: string[];
  /** Regular expression the URL's path must match, e.g. `^/company/[^/]+/?$`. */
  path?: string;
  /** Require https (default true). */
  https?: boolean;
  /** An empty field is a finding too (default: empty fields are skipped). */
  required?: boolean;
}
interface Expect {
  fields: LinkFieldSpec[];
  /** Open each well-formed link over HTTP (default true; the run's --no-network turns it off for every rule). */
  live?: boolean;
}

export const NO_NETWORK_NOTE =
  'Live link checks were off (--no-network): links were checked for form only, and each well-formed link is reported as not checked.';

/** Reasons that concern the whole run rather than one link: said once per rule, not once per record. */
function runWideReason(reason: string): boolean {
  return reason === 'network checks disabled' || reason.startsWith('no network');
}

function expectedForm(spec: LinkFieldSpec): string {
  const parts = [spec.https === false ? 'an http(s) URL' : 'an https URL'];
  if (spec.hosts?.length) parts.push(`on ${spec.hosts.join(' or ')}`);
  if (spec.path) parts.push(`with a path matching /${spec.path}/`);
  return parts.join(' ');
}

interface Pending {
  ref: RecordRef;
  field: ResolvedField;
  spec: LinkFieldSpec;
  url: string;
}

function outcomeFinding(rule: Rule<any, any>, p: Pending, outcome: Exclude<LinkOutcome, { status: 'ok' }>): Finding {
  const expected = `${expectedForm(p.spec)} that opens`;
  const who = `${p.field.display} of ${recordPhrase(p.ref)}`;
  if (outcome.status === 'broken') {
    return recordFinding(rule, p.ref, p.field, {
      expected,
      actual: `${p.url} (${outcome.reason})`,
      message: `${who} is broken: ${outcome.reason}`,
      fix: editFix(p.ref, p.field, 'find the right page, then correct the link'),
    });
  }
  if (outcome.status === 'unverifiable') {
    // Not proof of a dead link (LinkedIn answers robots with 999 or a login wall): a warning to look at.
    return recordFinding(rule, p.ref, p.field, {
      expected,
      actual: `${p.url} (${outcome.reason})`,
      message: `${who} could not be verified: ${outcome.reason}`,
      fix: `Open ${p.url} in a browser and confirm it shows the right page; if it does not, ${editFix(p.ref, p.field, 'correct the link').replace(/^O/, 'o')}`,
      severity: rule.severity === 'info' ? 'info' : 'warning',
    });
  }
  return recordFinding(rule, p.ref, p.field, {
    status: 'error',
    expected,
    actual: `${p.url} (not checked: ${outcome.reason})`,
    message: `${who} was not checked: ${outcome.reason}`,
    fix: 'Allow sfaudit to reach the site (or fix the address policy problem), then run the audit again.',
  });
}

/** One finding for links nobody could check for the same run-wide reason (no network, --no-network). */
function notCheckedSummary(rule: Rule<any, any>, selection: Selection, reason: string, pending: Pending[]): Finding {
  const fields = selection.fields
    .filter((f) => pending.some((p) => p.field === f))
    .map((f) => f.display)
    .join(', ');
  const examples = pending.slice(0, 3).map((p) => p.ref.label);
  const disabled = reason === 'network checks disabled';
  // --no-network is the user's choice: say what was skipped, as a manual check; no network at all is a failure to look.
  return finding(rule, {
    status: disabled ? 'manual' : 'error',
    metadataType: selection.object,
    component: `${selection.object} records`,
    location: `${pending.length === 1 ? 'field' : 'fields'} ${fields}`,
    expected: 'links checked over HTTP',
    actual: `${pending.length} link${pending.length === 1 ? '' : 's'} not checked (${examples.join(', ')}${pending.length > examples.length ? ', ...' : ''})`,
    message: `${pending.length} well-formed link${pending.length === 1 ? ' was' : 's were'} not checked: ${disabled ? 'live link checks were off (--no-network)' : reason}`,
    fix: disabled ? 'Run the audit without --no-network to check that the links open.' : 'Run the audit where the sites can be reached (check the network and proxy), then run it again.',
  });
}

export const links: CheckKind<RecordTarget, Expect> = {
  kind: 'links',
  description:
    "URL fields of records hold working links: first the form (an https URL on the expected host, with the expected path), then, unless the run has --no-network, a live HTTP check of each link (once per run; LinkedIn's robot wall is a warning, not a broken link).",
  example: `- id: account-linkedin-links-work
  step: Make sure the LinkedIn links work
  kind: links
  target: { object: Account, where: "Type = 'Customer'" }
  expect:
    fields:
      - { field: LinkedIn company URL, hosts: [linkedin.com], path: '^/company/[^/]+/?$' }`,
  targetSchema: recordTargetSchema,
  expectSchema: {
    type: 'object',
    required: ['fields'],
    additionalProperties: false,
    properties: {
      live: { type: 'boolean', description: 'Open each link over HTTP (default true).' },
      fields: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['field'],
          additionalProperties: false,
          properties: {
            field: { type: 'string', minLength: 1, description: 'URL field label or API name.' },
            hosts: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Allowed hosts; subdomains count.' },
            path: { type: 'string', minLength: 1, description: "Regular expression for the URL's path, e.g. ^/company/[^/]+/?$" },
            https: { type: 'boolean', description: 'Require https (default true).' },
            required: { type: 'boolean', description: 'An empty field is a finding (default: skipped).' },
          },
        },
      },
    },
  },
  validate(rule) {
    const issues = validateRecordTarget(rule.target);
    (rule.expect?.fields ?? []).forEach((spec, i) => {
      const problem = typeof spec?.path === 'string' ? regexProblem(spec.path) : undefined;
      if (problem) issues.push({ path: `/expect/fields/${i}/path`, message: `invalid regular expression: ${problem}`, hint: REGEX_HINT });
      (spec?.hosts ?? []).forEach((host, j) => {
        if (typeof host === 'string' && !/^[a-z0-9.-]+$/i.test(host)) {
          issues.push({ path: `/expect/fields/${i}/hosts/${j}`, message: `"${host}" is not a host name`, hint: 'write the host only, e.g. linkedin.com' });
        }
      });
    });
    return issues;
  },
  needs: recordNeeds,
  queries: (rule, ctx) => plannedQueries(rule, fieldRefs(rule.expect), ctx),
  async check(rule, ctx) {
    const specs = rule.expect.fields;
    const planned = planRecordRule(rule, fieldRefs(rule.expect), ctx);
    if (!planned.ok) return planned.outcomes;
    const { selection } = planned;
    const checks = specs.map((spec, i) => ({
      spec,
      field: planned.fields[i]!,
      form: { hosts: spec.hosts, pathPattern: spec.path ? new RegExp(spec.path) : undefined, requireHttps: spec.https !== false },
    }));
    const out: Outcome[] = [];
    const pending: Pending[] = [];
    const withValues = new Set<ResolvedField>();
    const seen = await scanSelection(rule, planned, ctx, out, (record, ref) => {
      for (const { spec, field, form } of checks) {
        const value = fieldValue(record, field.name);
        if (value === null) {
          if (spec.required) {
            out.push(
              recordFinding(rule, ref, field, {
                expected: expectedForm(spec),
                actual: '(empty)',
                message: `${field.display} of ${recordPhrase(ref)} is empty`,
                fix: editFix(ref, field, 'fill in the link'),
              }),
            );
          }
          continue;
        }
        withValues.add(field);
        const url = String(value);
        const formed = checkUrlForm(url, form);
        if (!formed.ok) {
          out.push(
            recordFinding(rule, ref, field, {
              expected: expectedForm(spec),
              actual: showValue(value),
              message: `${field.display} of ${recordPhrase(ref)} is not a valid link: ${formed.reason}`,
              fix: editFix(ref, field, `correct the link to ${expectedForm(spec)}`),
            }),
          );
          continue;
        }
        pending.push({ ref, field, spec, url });
      }
    });
    if (seen === undefined) return out;
    for (const { field } of checks) {
      // Empty links are skipped: say so when a field is empty everywhere (not exported, or misnamed), never a silent pass.
      if (seen > 0 && !withValues.has(field)) {
        ctx.note?.(`Rule ${rule.id}: no selected ${selection.object} record has a value in ${field.display}; no link was checked there.`);
      }
    }

    if (rule.expect.live === false) {
      for (const p of pending) out.push(recordPass(p.ref, p.field));
      return out;
    }
    const service = ctx.links ?? linkService();
    if (!service.network && pending.length > 0) ctx.note?.(NO_NETWORK_NOTE);
    // Counted as the request goes out: rules run side by side, so the service's total moves under our feet.
    const outcomes = await service.check(pending.map((p) => p.url), (fresh) => {
      if (service.network) ctx.count?.('linksRequested', fresh);
    });

    const runWide = new Map<string, Pending[]>();
    for (const p of pending) {
      const outcome = outcomes.get(p.url)!;
      if (outcome.status === 'ok') {
        out.push(recordPass(p.ref, p.field));
      } else if (outcome.status === 'not-checked' && runWideReason(outcome.reason)) {
        const group = runWide.get(outcome.reason) ?? [];
        group.push(p);
        runWide.set(outcome.reason, group);
      } else {
        out.push(outcomeFinding(rule, p, outcome));
      }
    }
    for (const [reason, group] of runWide) out.push(notCheckedSummary(rule, selection, reason, group));
    return out;
  },
};
