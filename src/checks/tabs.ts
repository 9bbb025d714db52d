import type { CheckKind } from './kind.js';
import { finding, pass } from './outcome.js';
import type { CustomApp, OrgModel, Profile } from '../model/types.js';
import { decodeFullName, labelKey } from '../model/names.js';
import { STANDARD_OBJECT_LABELS } from '../model/standard-fields.js';
import type { Finding, Outcome } from '../report/finding.js';
import type { Rule } from '../ruleset/types.js';

interface Target {
  profile?: string;
  app?: string;
}
interface Expect {
  visible: string[];
  only?: boolean;
}

/** Names Salesforce shows for standard profiles, and their API names. */
const STANDARD_PROFILES: Record<string, string> = {
  'standard user': 'Standard',
  'system administrator': 'Admin',
  'read only': 'ReadOnly',
  'solution manager': 'SolutionManager',
  'marketing user': 'MarketingProfile',
  'contract manager': 'ContractManager',
  'standard platform user': 'StandardAul',
};

export function findProfile(org: OrgModel, ref: string): Profile | undefined {
  const api = STANDARD_PROFILES[labelKey(ref)] ?? ref;
  // Custom profile full names are %-encoded (`Custom%3A Sales Profile`); people write them decoded.
  return (
    org.profiles.get(api) ??
    [...org.profiles.values()].find((p) => labelKey(p.name) === labelKey(ref) || labelKey(decodeFullName(p.name)) === labelKey(ref))
  );
}

export function findApp(org: OrgModel, ref: string): CustomApp | undefined {
  return (
    org.apps.get(ref) ??
    [...org.apps.values()].find((a) => labelKey(a.name) === labelKey(ref) || (a.label && labelKey(a.label) === labelKey(ref)))
  );
}

/** Names by the label keys they answer to, each name once per key, in the order given. */
function byLabelKey(entries: Iterable<[string, Array<string | undefined>]>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [name, labels] of entries) {
    for (const key of new Set(labels.filter((l): l is string => !!l).map(labelKey))) {
      const names = index.get(key);
      if (names) names.push(name);
      else index.set(key, [name]);
    }
  }
  return index;
}

const STANDARD_TABS = byLabelKey(Object.entries(STANDARD_OBJECT_LABELS).map(([api, [singular, plural]]) => [`standard-${api}`, [api, singular, plural]]));

/**
 * Custom object tabs by label key, per objects map: a tab list names ten or more tabs, and matching each
 * against every object's three names took most of a ritual's audit on an org of hundreds of objects.
 * Rebuilt if the map changes size (the model is built before it is audited, and checks never change it).
 */
const objectTabs = new WeakMap<OrgModel['objects'], { size: number; index: Map<string, string[]> }>();

function objectTabsOf(org: OrgModel): Map<string, string[]> {
  let known = objectTabs.get(org.objects);
  if (!known || known.size !== org.objects.size) {
    const index = byLabelKey([...org.objects.values()].map((o) => [o.name, [o.name, o.label, o.pluralLabel]]));
    objectTabs.set(org.objects, (known = { size: org.objects.size, index }));
  }
  return known.index;
}

/** Tab names a reference may mean: `standard-Account` for "Accounts", "Account" or itself; a custom object's tab is its API name. */
export function tabCandidates(org: OrgModel, ref: string): string[] {
  const key = labelKey(ref);
  return [...new Set([ref, ...(STANDARD_TABS.get(key) ?? []), ...(objectTabsOf(org).get(key) ?? [])])];
}

export function tabDisplay(tab: string): string {
  const std = tab.startsWith('standard-') ? STANDARD_OBJECT_LABELS[tab.slice('standard-'.length)] : undefined;
  return std ? `${std[1]} (${tab})` : tab;
}

const VISIBLE = new Set(['DefaultOn', 'DefaultOff']);
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function compareTabs(
  rule: Rule<Target, Expect>,
  org: OrgModel,
  where: { type: 'Profile' | 'CustomApplication'; name: string; source?: Profile['source'] },
  visible: Map<string, string>,
  describe: (tab: string) => string,
  fixFor: { show: (tab: string) => string; hide: (tab: string) => string },
): Outcome[] {
  const findings: Finding[] = [];
  const wanted = new Set<string>();
  for (const ref of rule.expect.visible) {
    const candidates = tabCandidates(org, ref);
    const hit = candidates.find((c) => visible.has(c));
    if (hit) {
      wanted.add(hit);
      continue;
    }
    const tab = candidates.find((c) => c.startsWith('standard-')) ?? candidates[candidates.length - 1]!;
    candidates.forEach((c) => wanted.add(c));
    findings.push(
      finding(rule, {
        metadataType: where.type,
        component: where.name,
        location: `tab ${tabDisplay(tab)}`,
        expected: 'visible',
        actual: describe(tab),
        message: `Tab ${tabDisplay(tab)} is not visible in ${where.type === 'Profile' ? 'profile' : 'app'} ${where.name} (${describe(tab)})`,
        fix: fixFor.show(tab),
        source: where.source,
      }),
    );
  }
  if (rule.expect.only) {
    for (const [tab, state] of visible) {
      if (wanted.has(tab)) continue;
      findings.push(
        finding(rule, {
          metadataType: where.type,
          component: where.name,
          location: `tab ${tabDisplay(tab)}`,
          expected: `only ${rule.expect.visible.join(', ')}`,
          actual: `${tabDisplay(tab)} is ${state}`,
          message: `Tab ${tabDisplay(tab)} is visible in ${where.type === 'Profile' ? 'profile' : 'app'} ${where.name} (${state}); no other tabs should exist`,
          fix: fixFor.hide(tab),
          source: where.source,
        }),
      );
    }
  }
  return findings.length ? findings : [pass(where.type, where.name, 'tabs')];
}

export const tabs: CheckKind<Target, Expect> = {
  kind: 'tabs',
  description:
    "Tabs a profile's users see (DefaultOn/DefaultOff count as visible, Hidden does not) and/or a Lightning app's navigation items; `only: true` means no other tab may be visible.",
  example: `- id: standard-user-tabs
  step: Default tabs for a standard user
  kind: tabs
  target: { profile: Standard User, app: Fleet Sales }
  expect:
    visible: [Contacts, Opportunities, Accounts, Leads]
    only: true`,
  targetSchema: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      profile: { type: 'string', minLength: 1, description: 'Profile name ("Standard User") or API name (Standard).' },
      app: { type: 'string', minLength: 1, description: 'Lightning app label or API name.' },
    },
  },
  expectSchema: {
    type: 'object',
    required: ['visible'],
    additionalProperties: false,
    properties: {
      visible: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      only: { type: 'boolean' },
    },
  },
  needs: (rule) => [
    ...(rule.target.profile ? [{ type: 'Profile', name: findProfileName(rule.target.profile) }] : []),
    // An app named by label ("Fleet Sales") may be any app: need them all, so an unreadable
    // app blocks the rule (error) instead of looking absent (fail).
    ...(rule.target.app ? [API_NAME.test(rule.target.app) ? { type: 'CustomApplication', name: rule.target.app } : { type: 'CustomApplication' }] : []),
  ],
  check(rule, { org }) {
    const out: Outcome[] = [];
    if (rule.target.profile) {
      const profile = findProfile(org, rule.target.profile);
      if (!profile) {
        out.push(missing(rule, 'Profile', rule.target.profile, 'Setup › Profiles'));
      } else {
        const states = new Map(profile.tabVisibilities.map((t) => [t.tab, t.visibility]));
        const visible = new Map([...states].filter(([, v]) => VISIBLE.has(v)));
        out.push(
          ...compareTabs(
            rule,
            org,
            { type: 'Profile', name: decodeFullName(profile.name), source: profile.source },
            visible,
            (tab) => states.get(tab) ?? 'not listed in the profile, so not visible',
            {
              show: (tab) => `Setup › Profiles › ${rule.target.profile} › Object Settings: set the ${tabDisplay(tab)} tab to Default On.`,
              hide: (tab) => `Setup › Profiles › ${rule.target.profile} › Object Settings: set the ${tabDisplay(tab)} tab to Tab Hidden.`,
            },
          ),
        );
      }
    }
    if (rule.target.app) {
      const app = findApp(org, rule.target.app);
      if (!app) {
        out.push(missing(rule, 'CustomApplication', rule.target.app, 'Setup › App Manager'));
      } else {
        const visible = new Map(app.tabs.map((t) => [t, 'in the navigation bar']));
        const label = app.label ?? app.name;
        out.push(
          ...compareTabs(rule, org, { type: 'CustomApplication', name: app.name, source: app.source }, visible, () => 'not in the app', {
            show: (tab) => `Setup › App Manager › ${label} › Edit › Navigation Items: add ${tabDisplay(tab)}.`,
            hide: (tab) => `Setup › App Manager › ${label} › Edit › Navigation Items: remove ${tabDisplay(tab)}.`,
          }),
        );
      }
    }
    return out;
  },
};

function findProfileName(ref: string): string {
  return STANDARD_PROFILES[labelKey(ref)] ?? ref;
}

function missing(rule: Rule<Target, Expect>, type: string, name: string, where: string): Outcome {
  return finding(rule, {
    metadataType: type,
    component: name,
    expected: `${type === 'Profile' ? 'profile' : 'app'} ${name}`,
    actual: 'not found',
    message: `${type === 'Profile' ? 'Profile' : 'Lightning app'} "${name}" does not exist`,
    fix: `Check the name in ${where}, or correct the rule's target.`,
  });
}
