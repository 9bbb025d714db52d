import { setImmediate as nextTurn } from 'node:timers/promises';
import { CHECK_KINDS, type Need } from '../checks/index.js';
import type { OrgModel } from '../model/types.js';
import type { Rule } from '../ruleset/types.js';
import { evaluateRule, type Evaluation } from './audit.js';
import { checkContext } from './context.js';
import { blockingProblems } from './needs.js';

/** What the rules checked ahead said, by rule (see checkAhead); `audit` takes them as they are. */
export type CheckedAhead = ReadonlyMap<Rule, Evaluation>;

/** How long checking ahead holds the thread before it lets replies in. */
const SLICE_MS = 2;

/**
 * Checks now, on `soFar` (the model of what a live read has taken so far), the rules that can be checked
 * already: those of a kind whose check reads nothing but its needs (`readsOnlyNeeds`), all of whose needs
 * `settled` says are in for good, with no load problem on them. The others are left to the audit. On a
 * re-audit with a cache, most rules' components come from the cache while the few that changed are read:
 * those rules are checked while the reads are on the way, and the audit after them has only the rest to do.
 * Never rejects: what could not be checked here is checked by the audit.
 */
export async function checkAhead(soFar: OrgModel, rules: readonly Rule[], settled: (need: Need) => boolean): Promise<CheckedAhead> {
  const checked = new Map<Rule, Evaluation>();
  try {
    // Model-only kinds use neither records nor links; what they note or count goes with each rule.
    const ctx = checkContext(soFar, {}, new Set(), {});
    let since = performance.now();
    for (const rule of rules) {
      const kind = CHECK_KINDS[rule.kind];
      if (!kind?.readsOnlyNeeds) continue;
      const needs = kind.needs(rule);
      if (needs.length === 0 || !needs.every(settled) || blockingProblems(soFar, needs).length) continue;
      checked.set(rule, await evaluateRule(rule, soFar, ctx));
      if (performance.now() - since > SLICE_MS) {
        await nextTurn();
        since = performance.now();
      }
    }
  } catch {
    // Left to the audit.
  }
  return checked;
}
