import path from 'node:path';
import { readFolder, SourceNotFoundError } from '../sources/folder/read-folder.js';
import { audit } from '../engine/audit.js';
import { exitCodeFor, EXIT, type FailOn } from '../report/exit-code.js';
import { UserError, type CliIO } from './io.js';
import { loadCommandRules, printIssues } from './command-rules.js';
import { planNeeds } from '../engine/needs.js';
import { planOutputs, writeOutputs } from './outputs.js';
import { notifySlack, slackTargetForRun } from './slack.js';
import { compareAndRecord } from '../history/record.js';
import { HistoryError } from '../history/store.js';
import { hasChanges } from '../history/changes.js';
import { loadOrgReader, orgSource, showProgress, type AuditSource } from './live-org.js';
import { OrgNotReadError, reportOrgNotRead } from './org-not-read.js';
import type { BudgetSetting } from '../sources/org/budget.js';

export interface RunOptions {
  source?: string;
  /** --org: audit the live org, with credentials from SF_* environment variables. */
  org?: boolean;
  /** --target-org <alias>: audit the org the Salesforce CLI is logged into under this alias. */
  targetOrg?: string;
  /** --concurrency <n>: API calls in flight at once against the org (default 5). */
  concurrency?: number;
  /** --cache [dir]: keep what was read from the org and re-read only what changed since. */
  cache?: string;
  /** --api-budget <share>: stop before the org's daily API usage passes this share (default 0.9). */
  apiBudget?: BudgetSetting;
  rules?: string[];
  format: string[];
  output: string[];
  failOn: FailOn;
  /** --slack: post the report (SLACK_WEBHOOK_URL, or SLACK_BOT_TOKEN + SLACK_CHANNEL); exit 4 when Slack refuses it. */
  slack?: boolean;
  /** false with --no-network: links are checked for form only and reported as not checked. */
  network?: boolean;
  /** --max-records: default cap on records per data rule. */
  maxRecords?: number;
  /** --history <dir>: compare with the last run recorded there, mark what changed, record this run. */
  history?: string;
  /** --only-changes (with --slack and --history): post only when something is new or resolved. */
  onlyChanges?: boolean;
}

/** `sfaudit run`: load rules, read the org, audit, write every requested format, pick the exit code. */
export async function runCommand(options: RunOptions, io: CliIO): Promise<number> {
  const live = Boolean(options.org || options.targetOrg);
  if (!options.source && !live) throw new UserError('say what to audit: --source <metadata folder>, or --org (credentials from SF_* variables)', EXIT.usage);
  if (options.source && live) throw new UserError('audit either a folder (--source) or an org (--org / --target-org), not both', EXIT.usage);
  const plan = await planOutputs(options.format, options.output, io.cwd);
  const slack = options.slack ? slackTargetForRun(io.env) : undefined;
  if (options.onlyChanges && !(options.slack && options.history)) throw new UserError('--only-changes needs --slack and --history <dir> (changes are counted against the last recorded run)', EXIT.usage);
  // Loaded first, as when every start loaded it: the org's first call then goes out while the rules parse.
  if (live) await loadOrgReader();
  const loading = loadCommandRules(options.rules, io, live ? options.cache : undefined);
  const dataRules = {
    maxRecords: options.maxRecords,
    links: { network: options.network !== false },
    // Record queries of data rules are calls to the org too: --concurrency bounds them as well.
    ...(options.concurrency ? { rulesAtOnce: options.concurrency } : {}),
  };
  // The org is connected to, and its API usage read, while the rules load: neither needs them. If the rules
  // do not load, nothing more is asked of the org (and bin/sfaudit.js does not wait for what is on the way).
  const reading = live
    ? orgSource(
        loading.then((l) => (l.ok ? l.ruleset.rules : Promise.reject(new Error('the rules did not load')))),
        options,
        io,
        showProgress(io, plan.some((p) => p.format === 'json' && !p.file)),
        dataRules,
      )
    : undefined;
  // Awaited below once the rules loaded; otherwise its failure is that of the rules, reported here.
  reading?.catch(() => undefined);
  const loaded = await loading;
  if (!loaded.ok) {
    io.stderr(`sfaudit: the rules have ${printIssues(loaded.issues, io)}; nothing was audited\n`);
    return EXIT.usage;
  }
  let source: AuditSource;
  if (reading) {
    try {
      source = await reading;
    } catch (e) {
      // Not recorded in --history: the next run is compared with the last one only, so a run that looked
      // at nothing would make every finding "new" again then, and forget when each was first seen.
      if (e instanceof OrgNotReadError) return reportOrgNotRead(e, loaded.ruleset, { plan, slack }, io);
      throw e;
    }
  } else {
    let read;
    try {
      // Only the files holding what the rules need: a retrieved org is mostly profiles, and the ritual needs one.
      read = await readFolder(path.resolve(io.cwd, options.source!), { needs: planNeeds(loaded.ruleset.rules) });
    } catch (e) {
      if (e instanceof SourceNotFoundError) throw new UserError(`metadata folder not found: ${options.source}`, EXIT.usage);
      throw e;
    }
    read.org.origin.location = options.source!;
    source = { org: read.org, stats: { filesRead: read.stats.files } };
  }
  let report = await audit(source.org, loaded.ruleset, {
    ahead: source.ahead,
    kept: source.kept,
    stats: source.stats,
    notes: source.notes,
    records: source.records,
    dataAhead: source.dataAhead,
    ...dataRules,
  });
  if (options.history) {
    const dir = path.resolve(io.cwd, options.history);
    const fresh = report;
    report = (
      await compareAndRecord(dir, fresh).catch((e) => {
        throw e instanceof HistoryError || (e as NodeJS.ErrnoException).code ? new UserError(`history ${options.history}: ${(e as Error).message}`, EXIT.usage) : e;
      })
    ).report;
  }
  const written = await writeOutputs(report, plan, io);
  for (const file of written) io.stderr(`sfaudit: wrote ${path.relative(io.cwd, file) || file}\n`);
  const quiet = options.onlyChanges && !hasChanges(report);
  if (slack && quiet) io.stderr('sfaudit: nothing new or resolved since the last run: not posted to Slack (--only-changes)\n');
  const notifyFailed = slack && !quiet ? await notifySlack(report, slack, written, io) : undefined;
  return notifyFailed ?? exitCodeFor(report, options.failOn);
}
