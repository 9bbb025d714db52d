import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { Need } from '../checks/kind.js';
import { planNeeds } from '../engine/needs.js';
import { auditWhileReading, type DoneWhileReading } from '../engine/while-reading.js';
import type { DataRuleOptions } from '../engine/context.js';
import type { OrgModel } from '../model/types.js';
import type { RecordSource } from '../records/types.js';
import type { Rule } from '../ruleset/types.js';
import { EXIT } from '../report/exit-code.js';
import { CredentialsError, redact } from '../sources/org/errors.js';
import { parseBudget, type BudgetSetting } from '../sources/org/budget.js';
import { DEFAULT_CACHE_DIR } from '../sources/org/cache.js';
import type { LiveRead, LiveReadOptions } from '../sources/org/live.js';
import { progressLine, silentProgress } from '../sources/org/progress.js';
import { UserError, type CliIO } from './io.js';
import { orgNotRead } from './org-not-read.js';

export interface OrgOptions {
  /** `--target-org <alias>`: reuse the Salesforce CLI's login. */
  targetOrg?: string;
  /** `--concurrency <n>`: calls in flight at once. */
  concurrency?: number;
  /** `--cache [dir]`: keep what was read and re-read only what changed since. */
  cache?: string;
  /** `--api-budget <share>`: stop before the org's daily API usage passes this share (default 0.9). */
  apiBudget?: BudgetSetting;
}

/** `--cache [dir]`: the folder given, or `.sfaudit-cache` for a bare `--cache`. */
export function cacheOption(value: string | boolean | undefined): string | undefined {
  return value === true ? DEFAULT_CACHE_DIR : typeof value === 'string' && value !== '' ? value : undefined;
}

/** `--api-budget <share>`: 0.9, 90% or off. */
export function apiBudgetOption(value: string): BudgetSetting {
  const budget = parseBudget(value);
  if (budget === undefined) throw new InvalidArgumentError('expected a share of the daily allocation: 0.9, 90% or off');
  return budget;
}

/** The progress line goes to a terminal's stderr only, and never when stdout carries JSON for a program. */
export function showProgress(io: CliIO, jsonOnStdout: boolean): boolean {
  return io.stderrIsTTY && !jsonOnStdout && !io.env.CI;
}

/**
 * The live org reader, loaded when a command reads an org: with jsforce it took 150-200 ms of every start,
 * `--version` and `run --source` included.
 */
export const loadOrgReader = () => import('../sources/org/live.js');

/**
 * Reads a live org for a command: credentials from the environment (or the
 * Salesforce CLI), a progress line when wanted, and failures to get anything
 * from the org as one line: missing or unusable credentials exit 2, refused
 * credentials 5 and an unreachable org 6 (an `OrgNotReadError`). Secrets never
 * reach the message.
 */
export async function readOrgForCommand(
  needs: Need[] | PromiseLike<Need[]>,
  options: OrgOptions & { all?: boolean; snapshot?: boolean; progress: boolean } & Pick<LiveReadOptions, 'onObjectsRead' | 'onWaiting' | 'keep'>,
  io: CliIO,
): Promise<LiveRead> {
  try {
    const { readLiveOrg } = await loadOrgReader();
    return await readLiveOrg(needs, {
      onObjectsRead: options.onObjectsRead,
      onWaiting: options.onWaiting,
      keep: options.keep,
      env: io.env,
      targetOrg: options.targetOrg,
      concurrency: options.concurrency,
      all: options.all,
      snapshot: options.snapshot,
      ...(options.cache ? { cacheDir: path.resolve(io.cwd, options.cache) } : {}),
      apiBudget: options.apiBudget,
      onWarning: (text) => io.stderr(`sfaudit: warning: ${text}\n`),
      progress: options.progress ? progressLine(io.stderr) : silentProgress,
    });
  } catch (e) {
    const notRead = orgNotRead(e);
    if (notRead) throw notRead;
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

/** What an audit of a source is given: the model, and for an org what was done while it was read (see auditWhileReading). */
export interface AuditSource extends DoneWhileReading {
  org: OrgModel;
  /** Copied into the report when the audit ends (record queries made during the audit count too). */
  stats: Record<string, number>;
  /** What the source has to say in the report (e.g. the org's API usage). */
  notes?: string[];
  records?: RecordSource;
}

/**
 * `run --org`: the model from the org, and its records for data rules through the same connection.
 * `rules` may still be loading: the org is connected to meanwhile (see `readLiveOrg`). `data` must be
 * the audit's options: with `links`, the data rules are checked as their records come once their objects are
 * read (the audit takes them: `dataAhead`); without, the first ones' record queries are sent then.
 */
export async function orgSource(
  rules: Rule[] | PromiseLike<Rule[]>,
  options: OrgOptions,
  io: CliIO,
  progress: boolean,
  data: Pick<DataRuleOptions, 'maxRecords' | 'links'> & { rulesAtOnce?: number } = {},
): Promise<AuditSource> {
  const ruleList = Promise.resolve(rules);
  const meanwhile = auditWhileReading(ruleList, { keep: !!options.cache, data });
  const read = await readOrgForCommand(ruleList.then(planNeeds), { ...options, progress, ...meanwhile.reading }, io);
  const { stats, budget, records } = read;
  // The org's usage counter moves with every query; read it when the report is made.
  if (stats.orgDailyApiUsed !== undefined) {
    const conn = read.connection.conn;
    // The budget's estimate: the last REST reply's count, plus the Metadata API calls made after it.
    const usage = () => budget?.estimate() ?? (conn.limitInfo as { apiUsage?: { used: number; limit: number } }).apiUsage;
    Object.defineProperty(stats, 'orgDailyApiUsed', { enumerable: true, get: () => usage()?.used ?? 0 });
    Object.defineProperty(stats, 'orgDailyApiLimit', { enumerable: true, get: () => usage()?.limit ?? 0 });
  }
  return { org: read.org, stats, notes: read.notes, records, ...meanwhile.forAudit() };
}
