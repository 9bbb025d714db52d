import type { Need } from '../checks/kind.js';
import { planNeeds } from '../engine/needs.js';
import type { OrgModel } from '../model/types.js';
import { liveRecordSource } from '../records/live-source.js';
import type { RecordSource } from '../records/types.js';
import type { Rule } from '../ruleset/types.js';
import { EXIT } from '../report/exit-code.js';
import { CredentialsError, redact } from '../sources/org/errors.js';
import { readLiveOrg, type LiveRead } from '../sources/org/live.js';
import { progressLine, silentProgress } from '../sources/org/progress.js';
import { UserError, type CliIO } from './io.js';

export interface OrgOptions {
  /** `--target-org <alias>`: reuse the Salesforce CLI's login. */
  targetOrg?: string;
  /** `--concurrency <n>`: calls in flight at once. */
  concurrency?: number;
}

/** The progress line goes to a terminal's stderr only, and never when stdout carries JSON for a program. */
export function showProgress(io: CliIO, jsonOnStdout: boolean): boolean {
  return io.stderrIsTTY && !jsonOnStdout && !io.env.CI;
}

/**
 * Reads a live org for a command: credentials from the environment (or the
 * Salesforce CLI), a progress line when wanted, and credentials failures as
 * one line with exit code 2. Secrets never reach the message.
 */
export async function readOrgForCommand(
  needs: Need[],
  options: OrgOptions & { all?: boolean; progress: boolean },
  io: CliIO,
): Promise<LiveRead> {
  try {
    return await readLiveOrg(needs, {
      env: io.env,
      targetOrg: options.targetOrg,
      concurrency: options.concurrency,
      all: options.all,
      progress: options.progress ? progressLine(io.stderr) : silentProgress,
    });
  } catch (e) {
    if (e instanceof CredentialsError) throw new UserError(redact(e.message, []), EXIT.usage);
    // Anything else is a bug; its message still must not carry a secret to the terminal.
    const secrets = ['SF_ACCESS_TOKEN', 'SF_AUTH_URL', 'SF_PASSWORD', 'SF_SECURITY_TOKEN', 'SF_CLIENT_SECRET'].map((n) => io.env[n] ?? '');
    if (e instanceof Error) {
      e.message = redact(e.message, secrets);
      if (e.stack) e.stack = redact(e.stack, secrets);
    }
    throw e;
  }
}

export interface AuditSource {
  org: OrgModel;
  /** Copied into the report when the audit ends (record queries made during the audit count too). */
  stats: Record<string, number>;
  records?: RecordSource;
}

/** `run --org`: the model from the org, and its records for data rules through the same connection. */
export async function orgSource(rules: Rule[], options: OrgOptions, io: CliIO, progress: boolean): Promise<AuditSource> {
  const read = await readOrgForCommand(planNeeds(rules), { ...options, progress }, io);
  const { stats } = read;
  const records = liveRecordSource(read.connection.conn, {
    onRequest: () => {
      stats.apiCalls = (stats.apiCalls ?? 0) + 1;
      stats.queryCalls = (stats.queryCalls ?? 0) + 1;
    },
  });
  // The org's usage counter moves with every query; read it when the report is made.
  if (stats.orgDailyApiUsed !== undefined) {
    const conn = read.connection.conn;
    const usage = () => (conn.limitInfo as { apiUsage?: { used: number; limit: number } }).apiUsage;
    Object.defineProperty(stats, 'orgDailyApiUsed', { enumerable: true, get: () => usage()?.used ?? 0 });
    Object.defineProperty(stats, 'orgDailyApiLimit', { enumerable: true, get: () => usage()?.limit ?? 0 });
  }
  return { org: read.org, stats, records };
}
