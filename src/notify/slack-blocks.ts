import type { Finding } from '../report/finding.js';
import type { Report } from '../report/report.js';
import { changeLabel, changesLine } from '../reporters/history-lines.js';
import { changeLine } from '../history/changes.js';
import { where } from '../reporters/group.js';
import { componentUrl } from '../reporters/links.js';
import { humanTime, plural, stepSummaries, VERDICT_WORD } from '../reporters/step-summary.js';
import { clip, escapedWithin, slackEscape as esc, slackLength, slackLink } from './slack-text.js';

/** Slack's limits for one message (Block Kit reference). */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fieldText: 2000, contextElements: 10 } as const;

export type SlackText = { type: 'plain_text'; text: string; emoji?: boolean } | { type: 'mrkdwn'; text: string };
export type SlackBlock =
  | { type: 'header'; text: SlackText & { type: 'plain_text' } }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' };

export interface SlackMessage {
  /** Notification and screen-reader text; Slack shows the blocks. */
  text: string;
  blocks: SlackBlock[];
}

export interface SlackBlocksOptions {
  /** Where the reader finds what the message leaves out, e.g. "attached in the thread". */
  fullReportHint?: string;
  /** Findings shown per ritual step before "and N more". Default 8. */
  perStep?: number;
}

const VERDICT_ICON = { pass: '✅', fail: '❌', error: '⚠️' } as const;
const STEP_ICON = { pass: ':white_check_mark:', fail: ':x:', error: ':warning:', manual: ':memo:' } as const;

function findingIcon(f: Finding): string {
  if (f.status === 'error') return ':warning:';
  if (f.status === 'manual') return ':memo:';
  return f.severity === 'error' ? ':red_circle:' : f.severity === 'warning' ? ':large_orange_circle:' : ':large_blue_circle:';
}

const RANK = (f: Finding) =>
  (f.status === 'fail' ? { error: 0, warning: 1, info: 2 }[f.severity] : f.status === 'error' ? 3 : 4) * 2 + (f.change === 'new' ? 0 : 1);

/** One finding as mrkdwn: what, where, expected and found, a link when the org is known. Every org/rule string escaped and clipped. */
function findingText(report: Report, f: Finding): string {
  const label = f.status === 'error' ? 'could not check' : f.status === 'manual' ? 'manual check' : f.severity;
  const url = componentUrl(report, f);
  const change = changeLabel(f);
  const head = `${findingIcon(f)} *${label}* ${escapedWithin(where(f) || f.component, 200)}${change ? ` _(${esc(change)})_` : ''}${url ? ` · ${slackLink(url, 'open in Salesforce')}` : ''}`;
  const lines = [head, `      ${escapedWithin(f.message, 300)}`];
  if (f.expected !== undefined) lines.push(`      _expected:_ ${escapedWithin(f.expected, 250)}`);
  if (f.actual !== undefined) lines.push(`      _found:_ ${escapedWithin(f.actual, 250)}`);
  return lines.join('\n');
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

function summaryBlock(report: Report): SlackBlock {
  const s = report.summary;
  // A recurring audit leads with what changed since last time; the totals follow.
  const changes = changesLine(report);
  const lines = [
    ...(changes ? [`*${esc(changes)}*`] : []),
    s.verdict === 'pass'
      ? '*Every check passed.*'
      : s.verdict === 'fail'
        ? `*${plural(s.failed, 'discrepancy', 'discrepancies')}* to fix`
        : `*Incomplete:* ${plural(s.errors, 'check')} could not be run`,
  ];
  const field = (title: string, n: number): SlackText => ({ type: 'mrkdwn', text: `*${title}*\n${n}` });
  const fields = [
    field(':red_circle: Errors', s.bySeverity.error),
    field(':large_orange_circle: Warnings', s.bySeverity.warning),
    field(':large_blue_circle: Info', s.bySeverity.info),
    field(':warning: Could not check', s.errors),
    field(':memo: Manual', s.manual),
    field(':white_check_mark: Passed', s.passed),
  ];
  if (s.waived) fields.push(field(':zipper_mouth_face: Waived', s.waived));
  return { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') }, fields };
}

/**
 * The report as one Block Kit message within Slack's limits: header (org and verdict),
 * counts by severity, then findings grouped by ritual step. What does not fit is counted
 * ("and 37 more in the full report"), never cut silently. Pure: same report, same message.
 */
export function slackMessage(report: Report, options: SlackBlocksOptions = {}): SlackMessage {
  const perStep = options.perStep ?? 8;
  const s = report.summary;
  const org = `${report.org.kind === 'org' ? 'org' : 'folder'} ${report.org.location}`;
  const header: SlackBlock = {
    type: 'header',
    text: { type: 'plain_text', emoji: true, text: escapedWithin(`${VERDICT_ICON[s.verdict]} ${VERDICT_WORD[s.verdict]} · ${report.ruleset.name} · ${report.org.location}`, SLACK_LIMITS.headerText) },
  };
  const about = context(escapedWithin(`${report.ruleset.name} · ${org} · ${humanTime(report.generatedAt)} · sfaudit ${report.tool.version}`, SLACK_LIMITS.sectionText));
  const head: SlackBlock[] = [header, summaryBlock(report), about];

  // One block is kept back for the closing line. Every step with findings gets a divider and a
  // section while they fit; the steps beyond are named in one more section, never dropped unsaid.
  const budget = SLACK_LIMITS.blocks - head.length - 1;
  const steps = stepSummaries(report).filter((st) => st.findings.length);
  const overflow = steps.length * 2 > budget;
  const visible = overflow ? steps.slice(0, Math.floor((budget - 1) / 2)) : steps;
  let spare = budget - visible.length * 2 - (overflow ? 1 : 0);
  const body: SlackBlock[] = [];
  let shown = 0;
  for (const st of visible) {
    const title = `${STEP_ICON[st.status]} *${escapedWithin(st.step, 300)}*`;
    const ordered = [...st.findings].sort((a, b) => RANK(a) - RANK(b));
    let text = title;
    let inStep = 0;
    body.push({ type: 'divider' });
    for (const entry of ordered.slice(0, perStep).map((f) => findingText(report, f))) {
      const next = `${text}\n${entry}`;
      if (slackLength(next) <= SLACK_LIMITS.sectionText - 80) {
        text = next;
      } else if (spare > 0) {
        spare--;
        body.push(section(text));
        text = `${title} _(continued)_\n${entry}`;
      } else {
        break;
      }
      inStep++;
    }
    const left = ordered.length - inStep;
    if (left > 0) text += `\n_…and ${left} more in this step_`;
    body.push(section(text));
    shown += inStep;
  }
  if (overflow) {
    let text = '*Other steps with findings:*';
    const rest = steps.slice(visible.length);
    let listed = 0;
    for (const st of rest) {
      const line = `\n${STEP_ICON[st.status]} ${escapedWithin(st.step, 200)} (${st.findings.length})`;
      if (slackLength(text + line) > SLACK_LIMITS.sectionText - 80) break;
      text += line;
      listed++;
    }
    if (listed < rest.length) text += `\n_…and ${rest.length - listed} more steps_`;
    body.push(section(text));
  }

  const omitted = report.findings.length - shown;
  const closing: string[] = [];
  if (omitted > 0) closing.push(`_and ${omitted} more in the full report_`);
  if (steps.length === 0 && s.verdict === 'pass') closing.push('Nothing to look at.');
  if (options.fullReportHint) closing.push(esc(options.fullReportHint));
  const blocks = [...head, ...body];
  const tail = closing.filter(Boolean).join(' · ');
  if (tail) blocks.push(context(clip(tail, SLACK_LIMITS.sectionText)));

  const changed = report.changes?.since ? `${changeLine(report.changes)} · ` : '';
  const text = escapedWithin(
    `${changed}${VERDICT_WORD[s.verdict]}: ${report.ruleset.name} on ${org}: ${plural(s.failed, 'discrepancy', 'discrepancies')}, ${s.errors} could not be checked, ${s.manual} manual, ${s.passed} passed`,
    1000,
  );
  return { text, blocks };
}
