import type { Reporter } from './reporter.js';
import { groupByStep, verdictLine, where } from './group.js';
import type { Finding } from '../report/finding.js';
import { changeLine } from '../history/changes.js';
import { humanTime } from './step-summary.js';
import { waiverLine, waiverProblems } from './history-lines.js';

const ANSI = { red: 31, yellow: 33, green: 32, cyan: 36, grey: 90, bold: 1 } as const;

function painter(color: boolean) {
  return (code: keyof typeof ANSI, text: string) => (color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text);
}

const MARK: Record<Finding['status'], string> = { fail: '✗', error: '!', manual: '?' };

/** The terminal report: grouped by ritual step, what was expected, what was found, how to fix it. */
export const text: Reporter = {
  name: 'text',
  description: 'Human-readable, grouped by ritual step (colour on a terminal unless NO_COLOR is set).',
  extension: 'txt',
  render(report, options = {}) {
    const paint = painter(options.color ?? false);
    const lines: string[] = [];
    const target = `${report.org.kind === 'org' ? 'org' : 'folder'} ${report.org.location}`;
    lines.push(paint('bold', `sfaudit ${report.tool.version}: ${report.ruleset.name} against ${target}`));
    const verdict = verdictLine(report);
    const colour = report.summary.verdict === 'pass' ? 'green' : report.summary.verdict === 'fail' ? 'red' : 'yellow';
    lines.push(paint(colour, verdict));
    const c = report.changes;
    if (c) {
      lines.push(
        c.since
          ? `${paint('bold', `Since the previous run (${humanTime(c.since)}):`)} ${changeLine(c)}`
          : `First recorded run: ${c.new} finding${c.new === 1 ? '' : 's'} recorded as the baseline`,
      );
    }
    if (report.waived?.length) lines.push(paint('grey', `${report.waived.length} waived discrepanc${report.waived.length === 1 ? 'y' : 'ies'} (listed at the end; they do not fail the run)`));
    lines.push('');

    for (const group of groupByStep(report)) {
      const bad = group.rules.flatMap((r) => r.findings);
      const passed = group.rules.reduce((n, r) => n + r.rule.passed, 0);
      const head = bad.length === 0 ? paint('green', '✓') : bad.every((f) => f.status === 'manual') ? paint('cyan', '?') : paint('red', '✗');
      const waived = group.rules.reduce((n, r) => n + (r.rule.waived ?? 0), 0);
      lines.push(`${head} ${paint('bold', group.step)}  ${paint('grey', `(${passed} passed, ${bad.length} to look at${waived ? `, ${waived} waived` : ''})`)}`);
      for (const { rule, findings } of group.rules) {
        for (const f of findings) {
          const sev = f.status === 'error' ? paint('yellow', 'could not check') : f.status === 'manual' ? paint('cyan', 'manual') : paint(f.severity === 'error' ? 'red' : 'yellow', f.severity);
          lines.push(`  ${MARK[f.status]} ${sev}${changeTag(f, paint)}  ${where(f)}  ${paint('grey', `[${rule.id}]`)}`);
          lines.push(`      ${f.message}`);
          if (f.expected !== undefined) lines.push(`      ${paint('grey', 'expected:')} ${f.expected}`);
          if (f.actual !== undefined) lines.push(`      ${paint('grey', 'found:   ')} ${f.actual}`);
          if (f.fix) lines.push(`      ${paint('grey', 'fix:     ')} ${f.fix}`);
          if (f.source?.file) lines.push(`      ${paint('grey', 'at:      ')} ${f.source.file}${f.source.line ? `:${f.source.line}` : ''}`);
        }
      }
    }
    if (report.resolved?.length) {
      lines.push('', paint('bold', `Resolved since the previous run (${report.resolved.length})`));
      for (const f of report.resolved) {
        lines.push(`  ${paint('green', '✓')} ${where(f)}  ${paint('grey', `[${f.ruleId}]${f.firstSeen ? ` first seen ${f.firstSeen.slice(0, 10)}` : ''}`)}`);
        lines.push(`      was: ${f.message}`);
      }
    }
    if (report.waived?.length) {
      lines.push('', paint('bold', `Waived (${report.waived.length})`));
      for (const f of report.waived) {
        lines.push(`  ${paint('grey', '~')} ${f.severity}${changeTag(f, paint)}  ${where(f)}  ${paint('grey', `[${f.ruleId}]`)}`);
        lines.push(`      ${f.message}`);
        if (f.waiver) lines.push(`      ${paint('grey', waiverLine(f.waiver))}`);
      }
    }
    const waiverNotes = waiverProblems(report);
    if (waiverNotes.length) {
      lines.push('', paint('bold', 'Waivers to review'));
      for (const note of waiverNotes) lines.push(`  ${paint('yellow', '!')} ${note}`);
    }
    if (report.notes.length) {
      lines.push('', paint('bold', 'Notes'));
      for (const note of report.notes) lines.push(`  - ${note}`);
    }
    const stats = Object.entries(report.stats);
    if (stats.length) lines.push('', paint('grey', stats.map(([k, v]) => `${k}: ${v}`).join(', ')));
    return `${lines.join('\n')}\n`;
  },
};

/** " NEW" or " since 2026-01-05" after the severity, when the run was compared with a previous one. */
function changeTag(f: Finding, paint: ReturnType<typeof painter>): string {
  if (f.change === 'new') return ` ${paint('bold', 'NEW')}`;
  if (f.change === 'persisting' && f.firstSeen) return ` ${paint('grey', `since ${f.firstSeen.slice(0, 10)}`)}`;
  return '';
}
