import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { postReport, slackTargetFromEnv, SlackConfigError, SlackDeliveryError, type DeliveryOptions, type SlackTarget } from '../notify/slack.js';
import { EXIT } from '../report/exit-code.js';
import type { Report } from '../report/report.js';
import { REPORTERS } from '../reporters/index.js';
import { UserError, type CliIO } from './io.js';

/** Where `--slack` keeps the report when no `--output` file was asked for: Slack may refuse it, the disk keeps it. */
export const DEFAULT_REPORT_FILE = 'sfaudit-report.json';

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
    saved = path.join(io.cwd, DEFAULT_REPORT_FILE);
    await writeFile(saved, REPORTERS.json!.render(report));
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
