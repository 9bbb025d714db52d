import path from 'node:path';
import { postNotice, postReport, slackTargetFromEnv, SlackConfigError, SlackDeliveryError, type DeliveryOptions, type SlackTarget } from '../notify/slack.js';
import { slackEscape } from '../notify/slack-text.js';
import { EXIT } from '../report/exit-code.js';
import type { Report } from '../report/report.js';
import { REPORTERS } from '../reporters/index.js';
import { UserError, type CliIO } from './io.js';
import { DEFAULT_REPORT_FILE, writeDefaultReport } from './outputs.js';

/** Read before the audit runs, so a missing variable costs nothing. */
export function slackTargetForRun(env: NodeJS.ProcessEnv): SlackTarget {
  try {
    return slackTargetFromEnv(env);
  } catch (e) {
    if (e instanceof SlackConfigError) throw new UserError(e.message, EXIT.usage);
    throw e;
  }
}

/**
 * Makes sure the report is on disk, then posts it. Returns the exit code when posting
 * failed (4, after one line saying why and where the report is), undefined otherwise.
 */
export async function notifySlack(report: Report, target: SlackTarget, written: string[], io: CliIO, delivery: DeliveryOptions = {}): Promise<number | undefined> {
  let saved = written[0];
  if (!saved) {
    saved = await writeDefaultReport(report, io);
    io.stderr(`sfaudit: wrote ${DEFAULT_REPORT_FILE}\n`);
  }
  const shown = path.relative(io.cwd, saved) || saved;
  try {
    const result = await postReport(report, target, {
      ...delivery,
      fullReportHint: `Full report: ${path.basename(saved)} on the machine that ran the audit.`,
      ...(target.kind === 'bot' ? { attachment: { filename: 'sfaudit-report.md', title: `sfaudit report: ${report.ruleset.name}`, content: REPORTERS.markdown!.render(report) } } : {}),
    });
    const where = result.via === 'bot' ? `channel ${result.channel}${result.file ? ', full report in the thread' : ''}` : 'webhook';
    io.stderr(`sfaudit: posted the report to Slack (${where})\n`);
    return undefined;
  } catch (e) {
    if (!(e instanceof SlackDeliveryError)) throw e;
    io.stderr(`sfaudit: could not post to Slack: ${e.message}; the report is in ${shown}\n`);
    return EXIT.notifyFailed;
  }
}

/**
 * Tells Slack in one line that the audit could not run, and why (a report of rules that were
 * not evaluated would only repeat it). Slack failing too is said; the exit code stays the run's.
 */
export async function noticeSlack(cause: string, target: SlackTarget, io: CliIO, delivery: DeliveryOptions = {}): Promise<void> {
  try {
    const result = await postNotice(`:warning: *sfaudit: the audit could not run:* ${slackEscape(cause)}`, target, delivery);
    io.stderr(`sfaudit: told Slack the audit could not run (${result.via === 'bot' ? `channel ${result.channel}` : 'webhook'})\n`);
  } catch (e) {
    if (!(e instanceof SlackDeliveryError)) throw e;
    io.stderr(`sfaudit: could not post to Slack either: ${e.message}\n`);
  }
}
