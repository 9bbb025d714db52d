import { orgSource } from '../cli/live-org.js';
import type { CliIO } from '../cli/io.js';
import { orgEnv } from './credentials.js';
import type { OrgReader } from './run-audit.js';

/**
 * The live reader behind `run --org`, for scheduled audits: the same plan,
 * connection, retries and record source, with the credentials the audit's
 * config names. No progress line: the scheduler logs one line per run.
 */
export const liveOrgReader: OrgReader = async ({ target, env, ruleset }) => {
  const io: CliIO = { stdout: () => {}, stderr: () => {}, env: orgEnv(target, env), cwd: process.cwd(), stdoutIsTTY: false, stderrIsTTY: false };
  // Data rules checked as their records come, with the link checks the audit makes (run-audit.ts: the defaults).
  const data = { links: {} };
  return orgSource(ruleset.rules, { targetOrg: target.targetOrg, concurrency: target.concurrency, cache: target.cache, apiBudget: target.apiBudget }, io, false, data);
};
