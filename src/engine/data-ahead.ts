import pLimit from 'p-limit';
import { CHECK_KINDS } from '../checks/index.js';
import type { OrgModel } from '../model/types.js';
import type { RecordSource } from '../records/types.js';
import type { Rule } from '../ruleset/types.js';
import { evaluateRule, RULES_AT_ONCE, type Evaluation } from './audit.js';
import { checkContext, type DataRuleOptions } from './context.js';
import { dataRulesToStart } from './record-queries.js';

/** Data rules checked while a live read goes on (see checkDataAhead), by rule; `audit` takes them as they end. */
export type DataAhead = ReadonlyMap<Rule, Promise<Evaluation>>;

/** Whether a data rule's check reads nothing of the org but its objects, records and links (see CheckKind.queries). */
function checkableOnObjects(rule: Rule): boolean {
  return !!CHECK_KINDS[rule.kind]?.queries;
}

/**
 * Starts checking the data rules once a live read has their objects (`objects`: the model of the objects, with
 * their field labels), while the rest of the org is still being read: each rule's record queries go out now,
 * and it is checked as their answers come, not after the last metadata read. `options` must be the audit's
 * (record cap, link checks; `records` is the read's record source), and so is the bound on rules at once.
 * A rule a load problem on its objects blocks is left to the audit, which says why. A check that throws is an
 * error finding, as in the audit.
 *
 * A data kind (one with `queries`) reads nothing of the org but its objects' fields, its records and links:
 * test/engine/data-ahead.test.ts checks each on a model holding only the objects.
 */
export function checkDataAhead(
  objects: OrgModel,
  rules: readonly Rule[],
  options: DataRuleOptions & { records: RecordSource; rulesAtOnce?: number },
  evaluate: typeof evaluateRule = evaluateRule,
): DataAhead {
  const ctx = checkContext(objects, options, new Set(), {});
  const limit = pLimit(Math.max(1, options.rulesAtOnce ?? RULES_AT_ONCE));
  const started = new Map<Rule, Promise<Evaluation>>();
  // In the order the audit starts them: under the bound, the same ones go first.
  for (const rule of dataRulesToStart(objects, rules)) {
    if (!checkableOnObjects(rule)) continue;
    const checking = limit(() => evaluate(rule, objects, ctx));
    // Taken by the audit, which checks the rule itself if this failed; a run that stops first must not crash on it.
    checking.catch(() => undefined);
    started.set(rule, checking);
  }
  return started;
}
