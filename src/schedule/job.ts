import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AuditConfig } from '../config/types.js';
import { hasChanges } from '../history/changes.js';
import { writeFileAtomic } from '../history/atomic-write.js';
import { compareAndRecord } from '../history/record.js';
import { EXIT, exitCodeFor } from '../report/exit-code.js';
import type { Report } from '../report/report.js';
import { REPORTERS } from '../reporters/index.js';
import { redact } from './redact.js';
import { OrgNotAuditedError } from './run-audit.js';
import type { AuditRun, JobResult, Log, Notifier } from './types.js';

export interface JobDeps {
  run: AuditRun;
  notifier?: Notifier;
  log: Log;
  /** Values to scrub from causes before they are logged or posted. */
  secrets?: string[];
  /** Overrides the audit's `slack.onlyChanges` (the `--only-changes` flag). */
  onlyChanges?: boolean;
  clock?: () => Date;
}

type Stage = NonNullable<JobResult['stage']>;

class StageError extends Error {
  constructor(
    readonly stage: Stage,
    readonly inner: unknown,
  ) {
    super(inner instanceof Error ? inner.message : String(inner));
  }
}

async function step<T>(stage: Stage, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw new StageError(stage, e);
  }
}

/** The latest report in every format of the audit, as `<output>/sfaudit-report.<ext>` (history keeps the past). */
export async function writeReports(report: Report, audit: AuditConfig): Promise<string[]> {
  await mkdir(audit.output, { recursive: true });
  const files: string[] = [];
  for (const format of audit.formats) {
    const reporter = REPORTERS[format];
    if (!reporter) throw new Error(`unknown format ${format}`);
    const file = path.join(audit.output, `sfaudit-report.${reporter.extension}`);
    await writeFileAtomic(file, reporter.render(report, { color: false }));
    files.push(file);
  }
  return files;
}

const STAGE_WORDS: Record<Stage, string> = { run: '', history: 'history: ', output: 'writing the reports: ', notify: 'Slack: ' };

/**
 * One scheduled run: audit, compare with the previous run, record it in the
 * history, write the reports, tell Slack. A failure at any step is caught,
 * logged and (unless Slack itself failed) posted as "could not run"; the
 * caller keeps scheduling. An org that refused the session or never answered
 * still leaves report files saying so. Emits exactly one `run` log line.
 */
export async function runJob(audit: AuditConfig, deps: JobDeps, signal: AbortSignal): Promise<JobResult> {
  const clock = deps.clock ?? (() => new Date());
  const started = clock();
  let report: Report | undefined;
  let historyId: string | undefined;
  let notified: 'posted' | 'skipped: no changes' | 'no notifier' | 'failed' = 'no notifier';
  let result: JobResult;
  try {
    const fresh = await step('run', () => deps.run(audit, signal));
    if (signal.aborted) throw new StageError('run', new Error('abandoned at shutdown'));
    report = fresh;
    const recorded = await step('history', () => compareAndRecord(audit.history.dir, fresh, audit.history.retention, clock()));
    const marked = (report = recorded.report);
    historyId = recorded.id;
    await step('output', () => writeReports(marked, audit));
    const onlyChanges = deps.onlyChanges ?? audit.slack?.onlyChanges ?? false;
    if (deps.notifier) {
      if (onlyChanges && !hasChanges(marked)) {
        notified = 'skipped: no changes';
      } else {
        notified = 'failed';
        await step('notify', () => deps.notifier!.post(marked, marked.changes));
        notified = 'posted';
      }
    }
    result = { audit: audit.name, status: 'ok', report: marked, historyId, exitCode: exitCodeFor(marked, audit.failOn) };
  } catch (e) {
    const stage = e instanceof StageError ? e.stage : 'run';
    const inner = e instanceof StageError ? e.inner : e;
    const cause = redact(`${STAGE_WORDS[stage]}${inner instanceof Error ? inner.message : String(inner)}`, deps.secrets ?? []);
    const abandoned = signal.aborted && stage === 'run';
    const code = (inner as { exitCode?: unknown })?.exitCode;
    if (inner instanceof OrgNotAuditedError && !abandoned) report = await keepNotAudited(inner.report, audit, deps);
    result = {
      audit: audit.name,
      status: abandoned ? 'abandoned' : 'failed',
      stage,
      cause,
      report,
      historyId,
      exitCode: stage === 'notify' ? EXIT.notifyFailed : typeof code === 'number' ? code : EXIT.usage,
    };
    // Slack being down is itself the failure: posting about it would only fail again.
    if (deps.notifier && !abandoned && stage !== 'notify') {
      try {
        await deps.notifier.postFailure(cause);
        notified = 'posted';
      } catch (postError) {
        notified = 'failed';
        deps.log({ event: 'notify-failed', level: 'error', audit: audit.name, cause: redact(`Slack: ${(postError as Error).message}`, deps.secrets ?? []) });
      }
    }
  }
  deps.log(runLine(audit, result, started, clock(), notified));
  return result;
}

/**
 * The org refused the session or never answered: the report files say that no rule was evaluated,
 * so the latest report never passes for the state of the org. The history does not get the run:
 * the next run is compared with the last recorded one only, and one that looked at nothing would
 * make every finding "new" again and forget when each was first seen.
 */
async function keepNotAudited(report: Report, audit: AuditConfig, deps: JobDeps): Promise<Report> {
  try {
    await writeReports(report, audit);
  } catch (e) {
    deps.log({ event: 'output-failed', level: 'error', audit: audit.name, cause: redact(`${STAGE_WORDS.output}${(e as Error).message}`, deps.secrets ?? []) });
  }
  return report;
}

function runLine(audit: AuditConfig, result: JobResult, start: Date, end: Date, notified: string): Parameters<Log>[0] {
  const r = result.report;
  return {
    event: 'run',
    level: result.status === 'ok' ? 'info' : result.status === 'abandoned' ? 'warn' : 'error',
    audit: audit.name,
    status: result.status,
    ...(result.stage ? { stage: result.stage } : {}),
    start: start.toISOString(),
    end: end.toISOString(),
    durationMs: end.getTime() - start.getTime(),
    ...(r
      ? {
          verdict: r.summary.verdict,
          failed: r.summary.failed,
          errors: r.summary.errors,
          manual: r.summary.manual,
          waived: r.summary.waived ?? 0,
          new: r.changes?.new ?? 0,
          persisting: r.changes?.persisting ?? 0,
          resolved: r.changes?.resolved ?? 0,
          apiCalls: r.stats.apiCalls ?? 0,
        }
      : {}),
    ...(result.historyId ? { historyId: result.historyId } : {}),
    notified,
    ...(result.cause ? { cause: result.cause } : {}),
  };
}
