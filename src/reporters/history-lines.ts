import type { Finding, WaiverInfo } from '../report/finding.js';
import type { Report } from '../report/report.js';
import { humanTime } from './step-summary.js';
import { changeLine } from '../history/changes.js';

/** "Since the previous run (…): 3 new, 1 resolved, 12 unchanged", when the run was compared with one. */
export function changesLine(report: Report): string | undefined {
  const c = report.changes;
  if (!c) return undefined;
  return c.since ? `Since the previous run (${humanTime(c.since)}): ${changeLine(c)}` : `First recorded run: ${c.new} findings recorded as the baseline`;
}

export function waiverLine(w: WaiverInfo): string {
  return `waived by ${w.owner} until ${w.expires}: ${w.reason}${w.at ? ` (${w.at})` : ''}`;
}

/** Waivers that need a person: expired ones no longer apply, stale ones match nothing. */
export function waiverProblems(report: Report): string[] {
  return [
    ...(report.expiredWaivers ?? []).map((w) => `Expired waiver for ${w.rule}${w.component ? ` (${w.component})` : ''}: ended ${w.expires}, owner ${w.owner}${w.matched ? `, would still cover ${w.matched}` : ''}${w.at ? ` (${w.at})` : ''}`),
    ...(report.staleWaivers ?? []).map((w) => `Waiver for ${w.rule}${w.component ? ` (${w.component})` : ''} matches nothing: the discrepancy is gone or the waiver is misspelt (owner ${w.owner}${w.at ? `, ${w.at}` : ''})`),
  ];
}

export const isNew = (f: Finding) => f.change === 'new';

/** "new", or "persisting since 2026-01-04" when the first sighting is known. */
export function changeLabel(f: Finding): string | undefined {
  if (!f.change) return undefined;
  return f.change === 'persisting' && f.firstSeen ? `persisting since ${f.firstSeen.slice(0, 10)}` : f.change;
}
