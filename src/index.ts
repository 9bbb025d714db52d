/**
 * The sfaudit library API. The CLI and the scheduler are thin layers over these.
 */
export { loadRuleset, formatIssue, type LoadResult } from './ruleset/load.js';
export { rulesetSchema } from './ruleset/schema.js';
export type { Rule, Ruleset, ConfigIssue, Severity } from './ruleset/types.js';
export { readFolder } from './sources/folder/read-folder.js';
export { readLiveOrg, type LiveReadOptions, type LiveRead } from './sources/org/live.js';
export { planFetch, type FetchPlan } from './sources/org/fetch-plan.js';
export { connectOrg } from './sources/org/connect.js';
export { credentialsFrom } from './sources/org/credentials.js';
export { postReport, slackTargetFromEnv, SlackDeliveryError, type SlackTarget } from './notify/slack.js';
export { slackMessage } from './notify/slack-blocks.js';
export type { OrgModel } from './model/types.js';
export { audit, type AuditOptions } from './engine/audit.js';
export { planNeeds } from './engine/needs.js';
export { recordQueries } from './engine/record-queries.js';
export type { RecordSource, RecordQuery, Condition } from './records/types.js';
export { RecordSourceError } from './records/types.js';
export { folderRecordSource } from './records/folder-source.js';
export { liveRecordSource } from './records/live-source.js';
export type { LinkCheckSetup } from './checks/link-service.js';
export { CHECK_KINDS } from './checks/index.js';
export { REPORTERS, type Reporter } from './reporters/index.js';
export { exitCodeFor, EXIT, type FailOn } from './report/exit-code.js';
export type { Report, Summary, RuleResult } from './report/report.js';
export type { Finding } from './report/finding.js';
export type { Changes } from './report/report.js';
export { markChanges, hasChanges, changeLine } from './history/changes.js';
export { compareAndRecord } from './history/record.js';
export { listRuns, latestRun, readReportFile, recordRun, resolveRun, type Retention } from './history/store.js';
export { diffRuns, type RunDiff } from './history/diff.js';
export { findingKey } from './history/key.js';
export { applyWaivers } from './waivers/apply.js';
export { loadConfig } from './config/load.js';
export type { AuditConfig, SchedulerConfig } from './config/types.js';
export { startScheduler, type Scheduler } from './schedule/scheduler.js';
export { auditRunner } from './schedule/run-audit.js';
export type { AuditRun, Notifier, JobResult } from './schedule/types.js';

import type { Report } from './report/report.js';
import { REPORTERS } from './reporters/index.js';

/** Renders a report in a registered format. */
export function render(report: Report, format: string, options?: { color?: boolean }): string {
  const reporter = REPORTERS[format];
  if (!reporter) throw new Error(`unknown format ${format}`);
  return reporter.render(report, options);
}
