import path from 'node:path';
import { audit } from '../engine/audit.js';
import { emptyOrg } from '../model/types.js';
import type { SlackTarget } from '../notify/slack.js';
import { EXIT } from '../report/exit-code.js';
import type { Report } from '../report/report.js';
import type { Ruleset } from '../ruleset/types.js';
import { OrgUnreachableError, SessionRefusedError, redact } from '../sources/org/errors.js';
import { UserError, type CliIO } from './io.js';
import { writeDefaultReport, writeOutputs, type OutputPlan } from './outputs.js';
import { noticeSlack } from './slack.js';

/**
 * Salesforce refused the session (exit 5), or the org's host never answered (exit 6):
 * nothing was read. Still a one-line user error for commands that only read (snapshot);
 * `run` and the scheduler also leave a report saying that no rule was evaluated.
 */
export class OrgNotReadError extends UserError {
  constructor(
    message: string,
    exitCode: number,
    /** Where sfaudit tried: an origin, for the report's `org.location`. */
    readonly location: string,
  ) {
    super(message, exitCode);
  }
}

/** The command-level error for a live-read error that means "the org could not be read at all"; undefined for any other. */
export function orgNotRead(e: unknown): OrgNotReadError | undefined {
  if (e instanceof SessionRefusedError) return new OrgNotReadError(redact(e.message, []), EXIT.sessionRefused, e.url);
  if (e instanceof OrgUnreachableError) return new OrgNotReadError(redact(e.message, []), EXIT.unreachable, e.url);
  return undefined;
}

/** The report of a run whose org could not be read: each rule that needs the org is one `error` finding with the cause. */
export function notReadReport(error: OrgNotReadError, ruleset: Ruleset, now?: Date): Promise<Report> {
  const fix =
    error.exitCode === EXIT.unreachable
      ? 'Make sure the org can be reached from the machine that runs sfaudit, then run the audit again.'
      : 'Renew the credentials or the session, then run the audit again.';
  return audit(emptyOrg({ kind: 'org', location: error.location }), ruleset, {
    now,
    notes: [`No rule was evaluated: ${error.message}.`],
    unavailable: { cause: error.message, fix },
  });
}

/**
 * `run` against an org it could not read. The report still goes to disk, as for a Slack failure:
 * the `--output` files, else `sfaudit-report.json` in the working folder. Not to standard output,
 * where one identical error per rule would bury the cause: one line on stderr says it, and where
 * the report is. With `--slack`, Slack gets that line too.
 */
export async function reportOrgNotRead(
  error: OrgNotReadError,
  ruleset: Ruleset,
  outputs: { plan: OutputPlan[]; slack?: SlackTarget },
  io: CliIO,
): Promise<number> {
  const report = await notReadReport(error, ruleset);
  const files = outputs.plan.filter((p) => p.file);
  const written = files.length ? await writeOutputs(report, files, io) : [await writeDefaultReport(report, io)];
  io.stderr(`sfaudit: ${error.message}; the report is in ${written.map((f) => path.relative(io.cwd, f) || f).join(', ')}\n`);
  if (outputs.slack) await noticeSlack(error.message, outputs.slack, io);
  return error.exitCode;
}
