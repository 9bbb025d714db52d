import { setImmediate as nextTurn } from 'node:timers/promises';
import pLimit from 'p-limit';
import { CHECK_KINDS } from '../checks/index.js';
import { finding } from '../checks/outcome.js';
import type { OrgModel } from '../model/types.js';
import type { Finding, Outcome } from '../report/finding.js';
import { REPORT_SCHEMA_VERSION, summarise, type Report, type RuleResult } from '../report/report.js';
import type { Rule, Ruleset } from '../ruleset/types.js';
import { VERSION } from '../version.js';
import { blockingProblems, needsOf } from './needs.js';
import { checkContext, type DataRuleOptions } from './context.js';
import type { CheckContext } from '../checks/kind.js';
import { applyWaivers } from '../waivers/apply.js';
import type { CheckedAhead } from './ahead.js';
import type { DataAhead } from './data-ahead.js';
import type { KeptFindings } from './kept-findings.js';

export interface AuditOptions extends DataRuleOptions {
  /** Fixed clock for reproducible reports (tests, golden files). */
  now?: Date;
  /** Counters from the source (API calls ...), copied into the report. */
  stats?: Record<string, number>;
  notes?: string[];
  /** Rules evaluated side by side (default 4): data rules' record queries and link checks overlap. */
  rulesAtOnce?: number;
  /**
   * Rules already checked while the org was read (see checkAhead): taken as they are, unless a load problem
   * met since blocks what they need.
   */
  ahead?: Promise<CheckedAhead> | CheckedAhead;
  /**
   * Data rules whose checks a live read started once their objects were in (see checkDataAhead): each taken as
   * it ends, unless a load problem met since blocks what it needs.
   */
  dataAhead?: DataAhead;
  /**
   * The org could not be read at all (Salesforce refused the session, its host never answered):
   * each rule that needs it is one `error` finding saying why, instead of being checked.
   */
  unavailable?: { cause: string; fix: string };
  /**
   * With a cache: findings a re-audit keeps (see kept-findings.ts). Each rule's evaluation, checked here or taken
   * from checking ahead, is given to it, and it is saved once every rule is in: every way of auditing an org
   * (run --org, a scheduled audit) keeps them for the next run.
   */
  kept?: Pick<KeptFindings, 'record' | 'save'>;
}

/** A rule whose inputs could not be read at all: not evaluated, said once for the rule. */
function notEvaluated(rule: Rule, why: NonNullable<AuditOptions['unavailable']>): Outcome[] {
  return [finding(rule, { status: 'error', metadataType: 'Rule', component: rule.id, message: `Not evaluated: ${why.cause}`, fix: why.fix })];
}

/** What checking one rule gave: its outcomes, the notes it made and what it counted. */
export interface Evaluation {
  outcomes: Outcome[];
  ruleNotes: string[];
  counts: Record<string, number>;
}

/** Checks one rule in `ctx`, keeping its notes and counts apart, so they can be taken into any report. */
export async function evaluateRule(rule: Rule, org: OrgModel, ctx: CheckContext): Promise<Evaluation> {
  const ruleNotes: string[] = [];
  const counts: Record<string, number> = {};
  const outcomes = await evaluate(rule, org, {
    ...ctx,
    note: (text) => ruleNotes.push(text),
    count: (name, n = 1) => {
      counts[name] = (counts[name] ?? 0) + n;
    },
  });
  return { outcomes, ruleNotes, counts };
}

/** Runs one rule: a rule whose inputs could not be read is an `error`, never a pass or a guess. */
async function evaluate(rule: Rule, org: OrgModel, ctx: CheckContext): Promise<Outcome[]> {
  const kind = CHECK_KINDS[rule.kind];
  if (!kind) {
    return [finding(rule, { status: 'error', metadataType: 'Rule', component: rule.id, message: `unknown rule kind ${rule.kind}` })];
  }
  const blocked = blockingProblems(org, needsOf(rule));
  if (blocked.length) {
    return blocked.map((p) =>
      finding(rule, {
        status: 'error',
        metadataType: p.metadataType ?? 'Unknown',
        component: p.component ?? p.file ?? 'unknown',
        message: `Could not evaluate: ${p.message}`,
        fix: p.file ? `Fix or re-retrieve ${p.file}, then run the audit again.` : 'Check the connection and permissions, then run the audit again.',
        source: p.file ? { file: p.file } : undefined,
      }),
    );
  }
  try {
    return await kind.check(rule, ctx);
  } catch (e) {
    return [
      finding(rule, {
        status: 'error',
        metadataType: 'Rule',
        component: rule.id,
        message: `Could not evaluate: internal error: ${(e as Error).message}`,
        fix: 'Please report this with the rule and the metadata that triggered it.',
      }),
    ];
  }
}

function ruleResult(rule: Rule, outcomes: Outcome[]): RuleResult {
  // One pass: an org-wide rule has an outcome per layout or list view, thousands in all.
  let passed = 0;
  let failed = 0;
  let errors = 0;
  let manual = 0;
  for (const { status } of outcomes) {
    if (status === 'pass') passed++;
    else if (status === 'fail') failed++;
    else if (status === 'error') errors++;
    else if (status === 'manual') manual++;
  }
  return {
    id: rule.id,
    step: rule.step,
    kind: rule.kind,
    severity: rule.severity,
    description: rule.description,
    passed,
    failed,
    errors,
    manual,
    status: errors ? 'error' : failed ? 'fail' : manual ? 'manual' : 'pass',
  };
}

/**
 * Data rules evaluated at once. Each waits on the network (record queries, link checks), so one after
 * another a ritual with a few data rules took a round trip each; the link service keeps its own per-host
 * bounds, and record queries share the reader's API budget.
 */
export const RULES_AT_ONCE = 4;

/**
 * The rules in the order they start: those that query records first, so their round trips begin at once
 * and the other rules, which only read the model, are checked while they are on the way. Indexes, each
 * part in rule order.
 */
export function startOrder(rules: readonly Rule[]): { first: number[]; rest: number[] } {
  const queries = (rule: Rule) => needsOf(rule).some((n) => n.type === 'Record');
  const indexes = rules.map((_, i) => i);
  return { first: indexes.filter((i) => queries(rules[i]!)), rest: indexes.filter((i) => !queries(rules[i]!)) };
}

/**
 * Audits an org model against a ruleset: same model, rules and records, same report.
 * Async because data rules query records and check links. Rules run side by side; the report lists
 * them, their findings and their notes in rule order whatever order they finish in.
 */
export async function audit(org: OrgModel, ruleset: Ruleset, options: AuditOptions = {}): Promise<Report> {
  const rules: RuleResult[] = [];
  const findings: Finding[] = [];
  const notes = new Set<string>(options.notes ?? []);
  const counters: Record<string, number> = {};
  const ctx = checkContext(org, options, notes, counters);
  const now = options.now ?? new Date();
  const limit = pLimit(Math.max(1, options.rulesAtOnce ?? RULES_AT_ONCE));
  const evaluated: Array<Evaluation & { skipped: AuditOptions['unavailable'] }> = [];
  // Waited for by the rules it may hold only: data rules' record queries need not wait. If it failed, every rule is checked here.
  const ahead = Promise.resolve(options.unavailable ? undefined : options.ahead).catch(() => undefined);
  const evaluateAt = async (i: number) => {
    const early = options.unavailable ? undefined : options.dataAhead?.get(ruleset.rules[i]!);
    // Started under the same bound on rules at once: not queued behind this one's.
    if (takeEarly(i, await early?.catch(() => undefined))) return;
    return evaluateHere(i);
  };
  const evaluateHere = (i: number) =>
    limit(async () => {
      const rule = ruleset.rules[i]!;
      // Manual steps need nothing from the org: they stay what they are (a kind sfaudit does not know is an error).
      const skipped = !CHECK_KINDS[rule.kind] || needsOf(rule).length > 0 ? options.unavailable : undefined;
      if (skipped) {
        evaluated[i] = { outcomes: notEvaluated(rule, skipped), ruleNotes: [], counts: {}, skipped };
        return;
      }
      keep(i, await evaluateRule(rule, org, ctx));
    });
  const keep = (i: number, result: Evaluation) => {
    options.kept?.record(ruleset.rules[i]!, result);
    for (const [name, n] of Object.entries(result.counts)) ctx.count?.(name, n);
    evaluated[i] = { ...result, skipped: undefined };
  };
  /**
   * Takes what a rule's check made while the org was read, unless a problem met since on what it needs makes it
   * an error after all (the rule is then checked here, and says so).
   */
  const takeEarly = (i: number, early: Evaluation | undefined): boolean => {
    if (!early || blockingProblems(org, needsOf(ruleset.rules[i]!)).length) return false;
    keep(i, early);
    return true;
  };
  /** What checking ahead said of a rule of a kind that reads only its needs (see checkAhead). */
  const checkedAhead = (i: number, checked: CheckedAhead | undefined): Evaluation | undefined => {
    const rule = ruleset.rules[i]!;
    return CHECK_KINDS[rule.kind]?.readsOnlyNeeds ? checked?.get(rule) : undefined;
  };
  const { first, rest } = startOrder(ruleset.rules);
  const started = Promise.all(first.map(evaluateAt));
  started.catch(() => undefined); // awaited below
  // One turn of the event loop puts their requests on the wire before the rules that only read the model take the thread.
  if (first.length > 0) await nextTurn();
  const checked = await ahead;
  // Hundreds of rules on a re-audit, taken at once rather than through the queue one by one.
  const left = rest.filter((i) => !takeEarly(i, checkedAhead(i, checked)));
  await Promise.all([started, ...left.map(evaluateAt)]);
  await options.kept?.save();
  ruleset.rules.forEach((rule, i) => {
    const { outcomes, ruleNotes, skipped } = evaluated[i]!;
    rules.push(ruleResult(rule, outcomes));
    findings.push(...outcomes.filter((o): o is Finding => o.status !== 'pass'));
    for (const text of ruleNotes) notes.add(text);
    // A kind's note says what its checks can see: nothing to say for a rule that was not checked.
    const note = CHECK_KINDS[rule.kind]?.note;
    if (note && !skipped) notes.add(note);
  });
  // Waivers come with the rules, so every way of running an audit honours them.
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'sfaudit', version: VERSION },
    generatedAt: now.toISOString(),
    org: { ...org.origin },
    ruleset: { name: ruleset.name, files: ruleset.files },
    summary: summarise(rules, findings),
    rules,
    findings,
    notes: [...notes],
    stats: { ...(options.stats ?? {}), ...counters },
  };
  return applyWaivers(report, ruleset.waivers ?? [], now);
}
