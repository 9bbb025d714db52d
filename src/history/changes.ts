import type { Finding } from '../report/finding.js';
import type { Changes, Report } from '../report/report.js';
import { keyed } from './key.js';

export interface PreviousRun {
  /** History id, when the report came from a history folder. */
  id?: string;
  report: Report;
}

/** Manual steps never change, so they are neither new nor resolved. */
const tracked = (f: Finding) => f.status !== 'manual';

/**
 * Rules whose previous findings this run cannot speak for: removed from the
 * rules, or not fully evaluated now. A finding of theirs that is missing now is
 * unknown, not resolved: a run that could not look must never read as a fix.
 */
function uncheckable(current: Report): (ruleId: string) => boolean {
  const now = new Map(current.rules.map((r) => [r.id, r]));
  return (id) => {
    const rule = now.get(id);
    return !rule || rule.errors > 0;
  };
}

function mark(f: Finding, change: Finding['change'], firstSeen: string | undefined): Finding {
  const { change: _c, firstSeen: _f, ...rest } = f;
  return { ...rest, ...(change ? { change } : {}), ...(firstSeen ? { firstSeen } : {}) };
}

/**
 * Marks each finding of `current` as `new` or `persisting` (with the date first
 * seen) against the previous run, lists the previous findings that are gone as
 * `resolved`, and adds the counts as `changes`. Findings are matched by
 * `findingKey`; waived findings take part (a waiver does not make a finding
 * new), but only active findings count as new or persisting. Without a previous
 * run, every finding is new: the first run is the baseline.
 */
export function markChanges(current: Report, previous?: PreviousRun): Report {
  const before = new Map<string, Finding>();
  if (previous) {
    for (const { key, finding } of keyed([...previous.report.findings, ...(previous.report.waived ?? [])])) {
      if (tracked(finding)) before.set(key, finding);
    }
  }
  const now = current.generatedAt;
  const since = previous?.report.generatedAt;
  const matched = new Set<string>();
  const decide = (key: string, f: Finding): Finding => {
    if (!tracked(f)) return mark(f, undefined, undefined);
    const old = before.get(key);
    if (!old) return mark(f, 'new', now);
    matched.add(key);
    return mark(f, 'persisting', old.firstSeen ?? since ?? now);
  };
  // Keys are computed over findings and waived together, as for `before`, so that
  // a finding moving in or out of a waiver keeps its identity.
  const all = keyed([...current.findings, ...(current.waived ?? [])]);
  const active = all.slice(0, current.findings.length).map(({ key, finding }) => decide(key, finding));
  const waived = all.slice(current.findings.length).map(({ key, finding }) => decide(key, finding));

  const skip = uncheckable(current);
  const resolved: Finding[] = [];
  let unchecked = 0;
  for (const [key, f] of before) {
    if (matched.has(key)) continue;
    if (skip(f.ruleId)) unchecked++;
    else resolved.push(mark(f, 'resolved', f.firstSeen ?? since));
  }
  const changes: Changes = {
    new: active.filter((f) => f.change === 'new').length,
    persisting: active.filter((f) => f.change === 'persisting').length,
    resolved: resolved.length,
    unchecked,
    ...(since ? { since } : {}),
    ...(previous?.id ? { previousRun: previous.id } : {}),
  };
  return {
    ...current,
    findings: active,
    ...(current.waived ? { waived } : {}),
    resolved,
    changes,
  };
}

/** Whether a run is worth telling people about under `--only-changes`: something new or something fixed. */
export function hasChanges(report: Report): boolean {
  const c = report.changes;
  return !c || !c.since || c.new > 0 || c.resolved > 0;
}

/** "3 new, 1 resolved, 12 unchanged" — the line Slack, the text report and the logs lead with. */
export function changeLine(changes: Changes): string {
  const parts = [`${changes.new} new`, `${changes.resolved} resolved`, `${changes.persisting} unchanged`];
  if (changes.unchecked) parts.push(`${changes.unchecked} not re-checked`);
  return parts.join(', ');
}
