import { CHECK_KINDS, type Need } from '../checks/index.js';
import type { LoadProblem, OrgModel } from '../model/types.js';
import { isRecordPageOf, recordPageOf } from '../model/record-page-assignment.js';
import type { Rule } from '../ruleset/types.js';

const needsByRule = new WeakMap<Rule, readonly Need[]>();

/**
 * What a rule needs read (its kind's `needs`; nothing for a kind sfaudit does not know). Worked out once per
 * rule: the plan, checking ahead, the record queries sent early and the audit all ask, for hundreds of rules.
 */
export function needsOf(rule: Rule): readonly Need[] {
  let needs = needsByRule.get(rule);
  if (!needs) needsByRule.set(rule, (needs = CHECK_KINDS[rule.kind]?.needs(rule) ?? []));
  return needs;
}

/** Everything the rules need read, de-duplicated: the plan a live fetch follows. */
export function planNeeds(rules: Rule[]): Need[] {
  const seen = new Map<string, Need>();
  for (const rule of rules) {
    for (const need of needsOf(rule)) {
      seen.set(`${need.type}|${need.name ?? ''}|${need.object ?? ''}`, need);
    }
  }
  return [...seen.values()];
}

/** The load problems that keep a rule with these needs from being checked. */
export function blockingProblems(org: Pick<OrgModel, 'problems'>, needs: readonly Need[]): LoadProblem[] {
  return org.problems.filter((p) => needs.some((n) => problemAffects(p, n)));
}

/** Whether a load problem touches a component the rule needs. */
export function problemAffects(problem: LoadProblem, need: Need): boolean {
  if (!problem.metadataType) return false;
  if (problem.metadataType !== need.type) return false;
  const component = problem.component ?? '';
  // The record page shown for an object may be any page (an app's default, the object's only one): any page that
  // could not be read may be it. A reader that could not tell one object's page says so for that object alone.
  if (need.type === 'FlexiPage' && need.object && !need.name) {
    return isRecordPageOf(component) ? component === recordPageOf(need.object) : true;
  }
  if (need.name) return component === need.name || component === '*';
  if (need.object) {
    return component === '*' || component.startsWith(`${need.object}.`) || component.startsWith(`${need.object}-`) || component === need.object;
  }
  return true;
}
