import type { Finding, ListItemView } from '../report/finding.js';
import type { Report } from '../report/report.js';
import type { Reporter } from './reporter.js';
import { verdictLine, where } from './group.js';
import { escapeMarkdown as md, markdownCode } from './escape.js';
import { componentUrl } from './links.js';
import { foundWithGhosts, type Cell } from './comparison-view.js';
import { changeLabel, changesLine, waiverLine, waiverProblems } from './history-lines.js';
import { humanTime, plural, statusLabel, stepSummaries, type StepStatus } from './step-summary.js';

const STEP_ICON: Record<StepStatus, string> = { pass: '✅', fail: '❌', error: '⚠️', manual: '📝' };
const VERDICT_ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;

function findingIcon(f: Finding): string {
  if (f.status === 'error') return '⚠️';
  if (f.status === 'manual') return '📝';
  return f.severity === 'error' ? '❌' : f.severity === 'warning' ? '🟠' : 'ℹ️';
}

const MARK_NOTE: Record<ListItemView['mark'], string> = { ok: '', missing: ' ⛔ *missing*', extra: ' ➕ *extra*', 'out-of-order': ' ↕️ *out of order*' };

function item(view: Cell | undefined): string {
  if (!view) return '';
  if (view.ghost) return `⛔ *missing here: ${md(view.label)}*`;
  return view.mark === 'ok' ? md(view.label) : `**${md(view.label)}**${MARK_NOTE[view.mark]}`;
}

/** Expected beside found: itemised when the check compared lists, one row otherwise. */
function comparisonTable(f: Finding): string[] {
  const c = f.comparison;
  if (c) {
    const found = foundWithGhosts(c);
    const rows = Math.max(c.expected.length, found.length);
    const lines = [`| Expected (${md(c.mode)}) | Found |`, '|---|---|'];
    for (let i = 0; i < rows; i++) lines.push(`| ${item(c.expected[i])} | ${item(found[i])} |`);
    return lines;
  }
  if (f.expected === undefined && f.actual === undefined) return [];
  return ['| Expected | Found |', '|---|---|', `| ${md(f.expected ?? '')} | ${md(f.actual ?? '')} |`];
}

function findingSection(report: Report, f: Finding): string[] {
  const change = changeLabel(f);
  const lines = [
    `#### ${findingIcon(f)} ${md(where(f) || f.component)}`,
    '',
    `${md(statusLabel(f))} · rule ${markdownCode(f.ruleId)}${change ? ` · ${md(change)}` : ''}`,
    '',
    md(f.message),
  ];
  const table = comparisonTable(f);
  if (table.length) lines.push('', ...table);
  const details: string[] = [];
  if (f.fix) details.push(`**Fix:** ${md(f.fix)}`);
  if (f.source?.file) details.push(`**Source:** ${markdownCode(`${f.source.file}${f.source.line ? `:${f.source.line}` : ''}`)}`);
  const url = componentUrl(report, f);
  if (url) details.push(`**Open:** <${url}>`);
  if (details.length) lines.push('', details.join('  \n'));
  lines.push('');
  return lines;
}

/** For a wiki page or a pull-request comment: a table by ritual step, then every finding with expected vs found. */
export const markdown: Reporter = {
  name: 'markdown',
  description: 'Markdown for a wiki page or a pull-request comment: a table by ritual step, then the findings.',
  extension: 'md',
  render(report) {
    const s = report.summary;
    const steps = stepSummaries(report);
    const target = `${report.org.kind === 'org' ? 'Org' : 'Folder'} ${markdownCode(report.org.location)}`;
    const lines = [
      `# sfaudit report: ${md(report.ruleset.name)}`,
      '',
      `${VERDICT_ICON[s.verdict]} **${md(verdictLine(report))}**`,
      '',
      `${target} · ${plural(s.rules, 'rule')} · sfaudit ${md(report.tool.version)} · ${md(humanTime(report.generatedAt))}`,
      '',
      ...(changesLine(report) ? [md(changesLine(report)!), ''] : []),
      '## By ritual step',
      '',
      '| | Ritual step | Passed | Discrepancies | Could not check | Manual |',
      '|:-:|---|--:|--:|--:|--:|',
      ...steps.map((st) => `| ${STEP_ICON[st.status]} | ${md(st.step)} | ${st.passed} | ${st.failed} | ${st.errors} | ${st.manual} |`),
      '',
    ];
    const withFindings = steps.filter((st) => st.findings.length);
    lines.push('## Findings', '');
    if (!withFindings.length) lines.push('Nothing to look at: every check passed.', '');
    for (const st of withFindings) {
      lines.push(`### ${STEP_ICON[st.status]} ${md(st.step)}`, '');
      for (const f of st.findings) lines.push(...findingSection(report, f));
    }
    if (report.waived?.length) {
      lines.push('## Waived discrepancies', '', 'Accepted for now; they do not fail the run.', '');
      for (const f of report.waived) lines.push(`- ${md(where(f) || f.component)} (rule ${markdownCode(f.ruleId)}): ${md(f.message)}${f.waiver ? ` — ${md(waiverLine(f.waiver))}` : ''}`);
      lines.push('');
    }
    if (report.resolved?.length) {
      lines.push('## Resolved since the previous run', '', ...report.resolved.map((f) => `- ✅ ${md(where(f) || f.component)} (rule ${markdownCode(f.ruleId)}): ${md(f.message)}`), '');
    }
    const waiverNotes = waiverProblems(report);
    if (waiverNotes.length) lines.push('## Waivers to review', '', ...waiverNotes.map((n) => `- ${md(n)}`), '');
    if (report.notes.length) {
      lines.push('## Notes', '', ...report.notes.map((n) => `- ${md(n)}`), '');
    }
    return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
  },
};
