import path from 'node:path';
import type { Finding, WaiverInfo } from '../report/finding.js';
import { summarise, type Report, type RuleResult } from '../report/report.js';
import type { Waiver } from '../ruleset/types.js';

/** Today's date in UTC, `YYYY-MM-DD`: a waiver applies through the whole of its expiry day. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(waiver: Waiver, now: Date): boolean {
  return waiver.expires < utcDay(now);
}

/** Only discrepancies can be waived: "could not check" is not known to be acceptable, manual steps never fail. */
export function waiverMatches(waiver: Waiver, f: Finding): boolean {
  if (f.status !== 'fail' || f.ruleId !== waiver.rule) return false;
  return waiver.component === undefined || waiver.component.trim().toLowerCase() === f.component.toLowerCase();
}

export function waiverInfo(waiver: Waiver, matched?: number): WaiverInfo {
  const { position, ...rest } = waiver;
  return {
    ...rest,
    at: `${path.relative(process.cwd(), position.file) || position.file}:${position.line}`,
    ...(matched !== undefined ? { matched } : {}),
  };
}

function withoutWaived(rule: RuleResult, waived: number): RuleResult {
  if (!waived) return rule;
  const failed = rule.failed - waived;
  return {
    ...rule,
    failed,
    waived,
    status: rule.errors ? 'error' : failed ? 'fail' : rule.manual ? 'manual' : 'pass',
  };
}

/**
 * Moves the findings a live waiver accepts from `findings` to `waived`, so they
 * neither count in the summary nor fail the run, and lists the waivers that
 * expired (they no longer apply) or matched nothing in a rule that was
 * evaluated (stale). Pure; a report without waivers comes back unchanged.
 */
export function applyWaivers(report: Report, waivers: Waiver[], now: Date): Report {
  if (waivers.length === 0) return report;
  const live = waivers.filter((w) => !isExpired(w, now));
  const expired = waivers.filter((w) => isExpired(w, now));
  const uses = new Map<Waiver, number>();
  const findings: Finding[] = [];
  const waived: Finding[] = [];
  for (const f of report.findings) {
    const waiver = live.find((w) => waiverMatches(w, f));
    if (!waiver) {
      findings.push(f);
      continue;
    }
    uses.set(waiver, (uses.get(waiver) ?? 0) + 1);
    waived.push({ ...f, waiver: waiverInfo(waiver) });
  }
  const waivedByRule = new Map<string, number>();
  for (const f of waived) waivedByRule.set(f.ruleId, (waivedByRule.get(f.ruleId) ?? 0) + 1);
  const rules = report.rules.map((r) => withoutWaived(r, waivedByRule.get(r.id) ?? 0));
  return {
    ...report,
    summary: { ...summarise(rules, findings), waived: waived.length },
    rules,
    findings,
    waived,
    expiredWaivers: expired.map((w) => waiverInfo(w, report.findings.filter((f) => waiverMatches(w, f)).length)),
    // A rule that could not be evaluated matched nothing because nobody looked: its waivers are not stale.
    staleWaivers: live.filter((w) => !uses.has(w) && !report.rules.some((r) => r.id === w.rule && r.errors > 0)).map((w) => waiverInfo(w)),
  };
}
