import type { CheckKind } from './kind.js';
import { finding, pass } from './outcome.js';
import { layoutDisplayName, layoutsFor, setupPath } from './layouts.js';
import { labelKey } from '../model/names.js';
import { regexProblem, REGEX_HINT } from './regex.js';
import type { OrgModel, WebLink } from '../model/types.js';
import type { Finding, Outcome } from '../report/finding.js';
import type { Rule } from '../ruleset/types.js';

interface UrlSpec {
  host?: string;
  mergeField?: string;
  pattern?: string;
}
interface LinkSpec {
  label: string;
  url?: UrlSpec;
}
interface Target {
  object: string;
}
interface Expect {
  links: LinkSpec[];
  section?: { label: string; layout?: string };
}

/** Merge fields the URL uses: `{!Account.Name}`, `{!URLENCODE(Account.Name)}`, legacy `{!Account_Name}`. */
export function mergeFields(url: string): string[] {
  const out: string[] = [];
  for (const m of url.matchAll(/\{!([^}]*)\}/g)) {
    for (const ref of m[1]!.matchAll(/[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g)) out.push(ref[0]);
  }
  return out;
}

/** `Account.Name` and the legacy `Account_Name` name the same merge field; a rule may also write `{!Account.Name}`. */
function mergeKey(ref: string): string {
  return ref.trim().replace(/^\{!\s*/, '').replace(/\s*\}$/, '').replace('.', '_').toLowerCase();
}

/** The host a link opens, with merge fields blanked out so the template parses as a URL. */
export function linkHost(url: string): string | undefined {
  try {
    return new URL(url.replace(/\{![^}]*\}/g, 'x')).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function findLink(links: WebLink[], ref: string): WebLink | undefined {
  return links.find((l) => l.name === ref) ?? links.find((l) => labelKey(l.label ?? '') === labelKey(ref) || labelKey(l.name) === labelKey(ref));
}

function urlProblems(link: WebLink, spec: UrlSpec): string[] {
  const url = link.url ?? '';
  const problems: string[] = [];
  if (spec.host) {
    const host = linkHost(url);
    const want = spec.host.toLowerCase();
    if (!host || (host !== want && !host.endsWith(`.${want}`))) problems.push(`opens ${host ?? 'no valid URL'}, expected ${spec.host}`);
  }
  if (spec.mergeField && !mergeFields(url).some((m) => mergeKey(m) === mergeKey(spec.mergeField!))) {
    problems.push(`does not use the merge field {!${spec.mergeField}}, so it cannot search for this record`);
  }
  if (spec.pattern && !new RegExp(spec.pattern).test(url)) problems.push(`does not match /${spec.pattern}/`);
  return problems;
}

export const customLinks: CheckKind<Target, Expect> = {
  kind: 'custom-links',
  description:
    "Custom links (WebLinks) exist with these labels, their URL opens the expected host and carries the record's merge field, and they sit in a named layout section.",
  example: `- id: account-useful-links
  step: Useful links section on the account page
  kind: custom-links
  target: { object: Account }
  expect:
    section: { label: Useful Links }
    links:
      - { label: POs, url: { host: drive.google.com, mergeField: Account.Name } }
      - { label: Signed NDA, url: { host: docusign.com, mergeField: Account.Name } }`,
  targetSchema: {
    type: 'object',
    required: ['object'],
    additionalProperties: false,
    properties: { object: { type: 'string', minLength: 1 } },
  },
  expectSchema: {
    type: 'object',
    required: ['links'],
    additionalProperties: false,
    properties: {
      links: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['label'],
          additionalProperties: false,
          properties: {
            label: { type: 'string', minLength: 1 },
            url: {
              type: 'object',
              additionalProperties: false,
              properties: {
                host: { type: 'string', minLength: 1 },
                mergeField: { type: 'string', minLength: 1 },
                pattern: { type: 'string', minLength: 1, description: 'A regular expression the URL must match.' },
              },
            },
          },
        },
      },
      section: {
        type: 'object',
        required: ['label'],
        additionalProperties: false,
        properties: { label: { type: 'string', minLength: 1 }, layout: { type: 'string', minLength: 1 } },
      },
    },
  },
  validate: (rule) =>
    (rule.expect?.links ?? []).flatMap((link, i) => {
      const problem = link?.url?.pattern ? regexProblem(link.url.pattern) : undefined;
      return problem ? [{ path: `/expect/links/${i}/url/pattern`, message: `bad regular expression: ${problem}`, hint: REGEX_HINT }] : [];
    }),
  readsOnlyNeeds: true,
  needs: (rule) => [
    // Metadata API format keeps web links inside the object file: a broken object file blocks them too.
    { type: 'CustomObject', name: rule.target.object },
    { type: 'WebLink', object: rule.target.object },
    ...(rule.expect.section ? [{ type: 'Layout', object: rule.target.object }] : []),
  ],
  check(rule, { org }) {
    const { object } = rule.target;
    const links = [...(org.objects.get(object)?.webLinks.values() ?? [])];
    const out: Outcome[] = [];
    for (const spec of rule.expect.links) {
      const link = findLink(links, spec.label);
      if (!link) {
        out.push(
          finding(rule, {
            metadataType: 'WebLink',
            component: `${object}.${spec.label}`,
            expected: `custom link "${spec.label}"`,
            actual: 'not found',
            message: `Custom link "${spec.label}" does not exist on ${object}`,
            fix: `Create it in ${setupPath.object(object)} › Buttons, Links, and Actions › New Button or Link (Display Type: Detail Page Link${spec.url?.mergeField ? `, URL using {!${spec.url.mergeField}}` : ''}).`,
          }),
        );
        continue;
      }
      const component = `${object}.${link.name}`;
      const problems = spec.url ? urlProblems(link, spec.url) : [];
      if (problems.length) {
        out.push(
          finding(rule, {
            metadataType: 'WebLink',
            component,
            location: 'URL',
            expected: describeUrl(spec.url!),
            actual: link.url ?? '(no URL)',
            message: `Custom link "${link.label ?? link.name}" ${problems.join('; ')}`,
            fix: `In ${setupPath.object(object)} › Buttons, Links, and Actions › ${link.label ?? link.name}, set the URL to ${describeUrl(spec.url!)}.`,
            source: link.source,
          }),
        );
      }
      if (rule.expect.section) out.push(...placement(rule, org, link));
      if (!problems.length && !out.some((o) => o.status !== 'pass' && o.component === component)) {
        out.push(pass('WebLink', component));
      }
    }
    return out;
  },
};

function describeUrl(spec: UrlSpec): string {
  const parts: string[] = [];
  if (spec.host) parts.push(`a URL on ${spec.host}`);
  if (spec.mergeField) parts.push(`carrying {!${spec.mergeField}}`);
  if (spec.pattern) parts.push(`matching /${spec.pattern}/`);
  return parts.join(' ');
}

function placement(rule: Rule<Target, Expect>, org: OrgModel, link: WebLink): Finding[] {
  const section = rule.expect.section!;
  const layouts = layoutsFor(org, rule.target.object, section.layout);
  if (layouts.length === 0) {
    // No layout to look in is a discrepancy, never a silent pass.
    const { object } = rule.target;
    return [
      finding(rule, {
        metadataType: 'Layout',
        component: section.layout ? `${object}-${section.layout}` : object,
        expected: `custom link "${link.label ?? link.name}" in section "${section.label}" of ${section.layout ? `layout "${section.layout}"` : `a ${object} page layout`}`,
        actual: 'not found',
        message: `${object} has no page layout${section.layout ? ` named "${section.layout}"` : ''}, so custom link "${link.label ?? link.name}" is not in a "${section.label}" section`,
        fix: `Check ${setupPath.object(object)} › Page Layouts, or correct the layout name in the rule.`,
      }),
    ];
  }
  return layouts.flatMap((layout) => {
    const target = layout.sections.find((s) => labelKey(s.label) === labelKey(section.label));
    const placed = target?.columns.flat().some((i) => i.customLink === link.name);
    if (placed) return [];
    return [
      finding(rule, {
        metadataType: 'Layout',
        component: layoutDisplayName(layout),
        location: `section "${section.label}"`,
        expected: `custom link "${link.label ?? link.name}" in section "${section.label}"`,
        actual: target ? 'not in the section' : `no section "${section.label}"`,
        message: `Custom link "${link.label ?? link.name}" is not in the "${section.label}" section of ${layoutDisplayName(layout)}`,
        fix: `In ${setupPath.layout(layout)}, drag "${link.label ?? link.name}" from Custom Links into the "${section.label}" section.`,
        source: target?.source ?? layout.source,
      }),
    ];
  });
}
