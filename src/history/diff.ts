import type { Finding } from '../report/finding.js';
import type { Changes, Report } from '../report/report.js';
import { changeLine, markChanges, type PreviousRun } from './changes.js';

export interface RunDiff {
  from: { id: string; generatedAt: string };
  to: { id: string; generatedAt: string };
  changes: Changes;
  new: Finding[];
  resolved: Finding[];
  persisting: Finding[];
}

/** What changed from run `a` to run `b`, by the same matching the scheduler uses. */
export function diffRuns(a: PreviousRun & { id: string }, b: PreviousRun & { id: string }): RunDiff {
  const marked: Report = markChanges(b.report, a);
  return {
    from: { id: a.id, generatedAt: a.report.generatedAt },
    to: { id: b.id, generatedAt: b.report.generatedAt },
    changes: marked.changes!,
    new: marked.findings.filter((f) => f.change === 'new'),
    resolved: marked.resolved ?? [],
    persisting: marked.findings.filter((f) => f.change === 'persisting'),
  };
}

function where(f: Finding): string {
  return [f.metadataType, f.component, f.location].filter(Boolean).join(' › ');
}

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '?');

/** The `sfaudit diff` text: counts, then the new, the resolved and the unchanged findings. */
export function renderDiffText(diff: RunDiff): string {
  const lines = [`Changes from run ${diff.from.id} to run ${diff.to.id}: ${changeLine(diff.changes)}`];
  const section = (title: string, findings: Finding[], extra: (f: Finding) => string) => {
    if (!findings.length) return;
    lines.push('', `${title} (${findings.length})`);
    for (const f of findings) {
      lines.push(`  ${f.status === 'error' ? 'could not check' : f.severity}  ${where(f)}  [${f.ruleId}]${extra(f)}`);
      lines.push(`      ${f.message}`);
    }
  };
  section('New', diff.new, () => '');
  section('Resolved', diff.resolved, (f) => `  (first seen ${day(f.firstSeen)})`);
  section('Unchanged', diff.persisting, (f) => `  (since ${day(f.firstSeen)})`);
  if (diff.changes.unchecked) {
    lines.push('', `${diff.changes.unchecked} finding(s) of the earlier run could not be re-checked (their rule could not be evaluated or was removed): not counted as resolved.`);
  }
  return `${lines.join('\n')}\n`;
}

export function renderDiffJson(diff: RunDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}
