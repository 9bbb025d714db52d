import type { AuditConfig } from '../config/types.js';
import type { Changes, Report } from '../report/report.js';

/** Produces one audit's report; the scheduler knows nothing else about rules, orgs or folders. */
export type AuditRun = (audit: AuditConfig, signal: AbortSignal) => Promise<Report>;

/**
 * Where a scheduled run is announced (Slack, in practice). `post` gets the
 * report already compared with the previous run; `postFailure` gets a cause
 * with secrets already removed.
 */
export interface Notifier {
  post(report: Report, changes: Changes | undefined): Promise<void>;
  postFailure(cause: string): Promise<void>;
}

/** One structured log line (JSON on stdout). */
export type LogRecord = { event: string; level?: 'info' | 'warn' | 'error' } & Record<string, unknown>;
export type Log = (record: LogRecord) => void;

/** The outcome of one run, as the log line and `schedule --once` see it. */
export interface JobResult {
  audit: string;
  status: 'ok' | 'failed' | 'abandoned';
  /** Which step failed: running the audit, the history, the report files or the notification. */
  stage?: 'run' | 'history' | 'output' | 'notify';
  cause?: string;
  report?: Report;
  historyId?: string;
  /** Exit code `sfaudit run` would give for this result. */
  exitCode: number;
}
