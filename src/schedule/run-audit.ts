import path from 'node:path';
import type { AuditConfig, OrgTarget } from '../config/types.js';
import { audit as runRules } from '../engine/audit.js';
import type { DoneWhileReading } from '../engine/while-reading.js';
import { planNeeds } from '../engine/needs.js';
import type { OrgModel } from '../model/types.js';
import { EXIT } from '../report/exit-code.js';
import type { Report } from '../report/report.js';
import { notReadReport, OrgNotReadError } from '../cli/org-not-read.js';
import { formatIssue, loadRuleset } from '../ruleset/load.js';
import type { Ruleset } from '../ruleset/types.js';
import { readFolder } from '../sources/folder/read-folder.js';
import type { RecordSource } from '../records/types.js';
import { liveOrgReader } from './org-source.js';
import type { AuditRun } from './types.js';

/** Reads a live org for a ruleset: the contract the scheduler needs from `src/sources/org/` (see `org-source.ts`). */
export type OrgReader = (request: {
  target: OrgTarget;
  /** The process environment; the reader takes the credentials the target names from it. */
  env: NodeJS.ProcessEnv;
  ruleset: Ruleset;
  signal: AbortSignal;
}) => Promise<{ org: OrgModel; stats: Record<string, number>; notes?: string[]; records?: RecordSource } & DoneWhileReading>;

/** A problem the user must fix (rules, config, environment): exit code 2 for `schedule --once`. */
export class RunInputError extends Error {
  readonly exitCode = EXIT.usage;
}

/**
 * The org refused the session or never answered: the run failed (exit 5 or 6), and `report`
 * says that no rule was evaluated, for the audit's report files (not for its history).
 */
export class OrgNotAuditedError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly report: Report,
  ) {
    super(message);
  }
}

export interface AuditRunnerDeps {
  env: NodeJS.ProcessEnv;
  /** Default: the live reader of `run --org`. */
  readOrg?: OrgReader;
  /** Fixed clock for tests. */
  now?: () => Date;
}

/**
 * The scheduler's `(audit) => Promise<Report>` built from the library:
 * load the rules (again on every run, so edits apply without a restart), read
 * the folder or the org, audit.
 */
export function auditRunner(deps: AuditRunnerDeps): AuditRun {
  return async (config: AuditConfig, signal: AbortSignal) => {
    const loaded = await loadRuleset(config.rules, config.org?.cache ? { cacheDir: config.org.cache } : {});
    if (!loaded.ok) {
      const first = formatIssue({ ...loaded.issues[0]!, file: path.relative(process.cwd(), loaded.issues[0]!.file) || loaded.issues[0]!.file });
      throw new RunInputError(`the rules have ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}, the first: ${first}`);
    }
    const ruleset = loaded.ruleset;
    const now = deps.now?.() ?? new Date();
    if (config.source) {
      const { org, stats } = await readFolder(config.source, { needs: planNeeds(ruleset.rules) });
      org.origin.location = path.relative(process.cwd(), config.source) || config.source;
      return runRules(org, ruleset, { now, stats: { filesRead: stats.files } });
    }
    if (!config.org) throw new RunInputError('the audit names neither an org nor a source folder');
    const read = await (deps.readOrg ?? liveOrgReader)({ target: config.org, env: deps.env, ruleset, signal }).catch(async (e: unknown) => {
      if (e instanceof OrgNotReadError) throw new OrgNotAuditedError(e.message, e.exitCode, await notReadReport(e, ruleset, now));
      throw e;
    });
    return runRules(read.org, ruleset, { now, stats: read.stats, notes: read.notes, records: read.records, ahead: read.ahead, dataAhead: read.dataAhead, kept: read.kept });
  };
}
