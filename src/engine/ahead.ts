import { setImmediate as nextTurn } from 'node:timers/promises';
import { CHECK_KINDS, type Need } from '../checks/index.js';
import type { OrgModel } from '../model/types.js';
import type { Rule } from '../ruleset/types.js';
import { evaluateRule, type Evaluation } from './audit.js';
import { checkContext } from './context.js';
import { blockingProblems, needsOf } from './needs.js';

/** What the rules checked ahead said, by rule (see checkAhead); `audit` takes them as they are. */
export type CheckedAhead = ReadonlyMap<Rule, Evaluation>;

/** The model a live read has so far, and which needs it holds for good (see ReadOrgOptions.onWaiting). */
export type OnWaiting = (soFar: OrgModel, settled: (need: Need) => boolean) => void;

/**
 * Checks rules ahead as a live read goes: each time it says more of the model is settled (`onWaiting`), the
 * rules not checked yet whose needs now are. `checked`: what all of it said, `undefined` if the read never
 * waited; it rejects if `rules` do (the audit then checks every rule itself). `check` is checkAhead
 * (the bench times it). `kept`: the rules that keep the findings of the last run (see kept-findings.ts),
 * never checked here and taken with the rest.
 */
export function checksAhead(
  rules: PromiseLike<readonly Rule[]>,
  check = checkAhead,
  kept: () => ReadonlyMap<Rule, Evaluation> = () => new Map(),
): { onWaiting: OnWaiting; checked(): Promise<CheckedAhead> | undefined } {
  const loading = Promise.resolve(rules);
  // Rules that fail to load are the caller's to report; here they only mean nothing is checked ahead.
  loading.catch(() => undefined);
  let checked: Promise<Map<Rule, Evaluation>> | undefined;
  return {
    onWaiting(soFar, settled) {
      checked = (checked ?? Promise.resolve(new Map<Rule, Evaluation>())).then(async (done) => {
        const list = await loading;
        // A rule that keeps its findings is not checked: what it needs is not in the model.
        const keeps = kept();
        for (const [rule, evaluation] of await check(soFar, list.filter((rule) => !done.has(rule) && !keeps.has(rule)), settled)) done.set(rule, evaluation);
        return done;
      });
      // Awaited by the audit; a run that stops before it must not leave it unhandled.
      checked.catch(() => undefined);
    },
    checked() {
      // Asked once the read is done: which rules keep their findings is settled by then.
      const keeps = kept();
      if (keeps.size === 0) return checked;
      return (checked ?? Promise.resolve(new Map<Rule, Evaluation>())).then((done) => new Map([...done, ...keeps]));
    },
  };
}

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
      const needs = needsOf(rule);
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
