import { CHECK_KINDS } from '../checks/index.js';
import type { OrgModel } from '../model/types.js';
import type { RecordQuery } from '../records/types.js';
import type { Rule } from '../ruleset/types.js';
import { RULES_AT_ONCE, startOrder } from './audit.js';
import { checkContext, type DataRuleOptions } from './context.js';
import { blockingProblems, needsOf } from './needs.js';

/**
 * The record queries the audit will start first on this model (each data kind's `queries`), for a live
 * read to send while it is still reading: those of the first `rulesAtOnce` data rules, which the audit
 * starts at once (the others wait there for a free slot anyway). A rule that the model's load problems
 * block makes none, as it makes none in the audit. `options` must be the audit's: a record cap changes
 * a query's LIMIT, and a query asked for in other terms is asked again.
 */
export function recordQueries(org: OrgModel, rules: readonly Rule[], options: DataRuleOptions & { rulesAtOnce?: number } = {}): RecordQuery[] {
  const ctx = checkContext(org, options, new Set(), {});
  return dataRulesToStart(org, rules)
    .slice(0, options.rulesAtOnce ?? RULES_AT_ONCE)
    .flatMap((rule) => CHECK_KINDS[rule.kind]?.queries?.(rule, ctx) ?? []);
}

/**
 * The data rules in the order the audit starts them (startOrder), less those it will not check on `org`: a
 * load problem blocks what they need. What the queries sent early, and the data rules checked ahead, are of.
 */
export function dataRulesToStart(org: OrgModel, rules: readonly Rule[]): Rule[] {
  return startOrder(rules)
    .first.map((i) => rules[i]!)
    .filter((rule) => blockingProblems(org, needsOf(rule)).length === 0);
}
