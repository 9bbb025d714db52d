/**
 * The sfaudit library API. The CLI and the scheduler are thin layers over these.
 */
export { loadRuleset, formatIssue, type LoadResult } from './ruleset/load.js';
export { rulesetSchema } from './ruleset/schema.js';
export type { Rule, Ruleset, ConfigIssue, Severity } from './ruleset/types.js';
export { readFolder } from './sources/folder/read-folder.js';
export type { OrgModel } from './model/types.js';
export { audit, type AuditOptions } from './engine/audit.js';
export { planNeeds } from './engine/needs.js';
export { CHECK_KINDS } from './checks/index.js';
export { REPORTERS, type Reporter } from './reporters/index.js';
export { exitCodeFor, EXIT, type FailOn } from './report/exit-code.js';
export type { Report, Summary, RuleResult } from './report/report.js';
export type { Finding } from './report/finding.js';

import type { Report } from './report/report.js';
import { REPORTERS } from './reporters/index.js';

/** Renders a report in a registered format. */
export function render(report: Report, format: string, options?: { color?: boolean }): string {
  const reporter = REPORTERS[format];
  if (!reporter) throw new Error(`unknown format ${format}`);
  return reporter.render(report, options);
}
