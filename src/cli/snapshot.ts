import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { planNeeds } from '../engine/needs.js';
import { EXIT } from '../report/exit-code.js';
import { writeSnapshot } from '../sources/snapshot/write-snapshot.js';
import { recordingSource, writeRecords } from '../sources/snapshot/records.js';
import { audit } from '../engine/audit.js';
import { UserError, type CliIO } from './io.js';
import { apiBudgetOption, cacheOption, readOrgForCommand, showProgress, type OrgOptions } from './live-org.js';
import { loadCommandRules, printIssues } from './command-rules.js';

export interface SnapshotOptions extends OrgOptions {
  org?: boolean;
  out?: string;
  rules?: string[];
  /** Every component of every supported type, not just what the rules need. */
  all?: boolean;
  /** Replace the folder's earlier snapshot (its force-app/ and sfdx-project.json). */
  force?: boolean;
}

async function prepareOut(dir: string, force: boolean | undefined, shown: string): Promise<void> {
  const entries = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw new UserError(`--out ${shown}: ${e.code === 'ENOTDIR' ? 'not a folder' : e.code ?? e.message}`, EXIT.usage);
  });
  if (entries.length === 0) return;
  if (!force) throw new UserError(`--out ${shown} is not empty: pick a new folder (e.g. a dated one), or add --force to replace its snapshot`, EXIT.usage);
  // Only what a snapshot writes: anything else in the folder (a README, .git) stays.
  await rm(path.join(dir, 'force-app'), { recursive: true, force: true });
  await rm(path.join(dir, 'sfdx-project.json'), { force: true });
}

/**
 * `sfaudit snapshot --org --out <dir>`: writes what the rules need from the org
 * (or `--all` supported components) as a Salesforce DX source folder, which
 * `sfaudit run --source <dir>` audits with the same results: a dated copy of the
 * org's configuration to keep and audit offline.
 */
export async function snapshotCommand(options: SnapshotOptions, io: CliIO): Promise<number> {
  if (!options.org && !options.targetOrg) throw new UserError('snapshot reads an org: add --org (credentials from SF_* variables) or --target-org <alias>', EXIT.usage);
  if (!options.out) throw new UserError('say where to write the snapshot: --out <dir>', EXIT.usage);
  const out = path.resolve(io.cwd, options.out);
  const loaded = await loadCommandRules(options.rules, io, options.cache);
  if (!loaded.ok) {
    io.stderr(`sfaudit: the rules have ${printIssues(loaded.issues, io)}; nothing was read\n`);
    return EXIT.usage;
  }
  await prepareOut(out, options.force, options.out);

  const needs = planNeeds(loaded.ruleset.rules);
  const read = await readOrgForCommand(needs, { ...options, snapshot: true, progress: showProgress(io, false) }, io);
  const files = await writeSnapshot(out, read.fetched, read.org, read.connection.apiVersion);
  if (needs.some((n) => n.type === 'Record')) {
    // Data rules read records: run them once (no link checks) through a recorder and keep what they read.
    const recording = recordingSource(read.records);
    await audit(read.org, loaded.ruleset, { records: recording, links: { network: false } });
    files.push(...(await writeRecords(out, recording)));
  }
  const shown = path.relative(io.cwd, out) || out;
  for (const note of read.notes) io.stderr(`sfaudit: ${note}\n`);
  for (const p of read.org.problems) io.stderr(`sfaudit: not in the snapshot: ${p.metadataType ?? 'component'} ${p.component ?? ''}: ${p.message}\n`);
  const { apiCalls, componentsRead, componentsCached, orgDailyApiUsed, orgDailyApiLimit } = read.stats;
  const usage = orgDailyApiUsed !== undefined ? `; org API usage today ${orgDailyApiUsed}/${orgDailyApiLimit}` : '';
  const recordFiles = files.filter((f) => f.startsWith('data/')).length;
  const cached = componentsCached ? ` (and ${componentsCached} more from the cache)` : '';
  io.stderr(`sfaudit: wrote ${componentsRead} components${cached}${recordFiles ? ` and records of ${recordFiles} objects` : ''} (${files.length} files) from ${read.connection.instanceUrl} to ${shown} with ${apiCalls} API calls${usage}\n`);
  // A snapshot with holes must not pass for a complete one.
  return read.org.problems.length ? EXIT.incomplete : EXIT.ok;
}

const positiveInt = (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
};
const collect = (value: string, previous: string[] = []) => previous.concat(value.split(',').filter(Boolean));

export function registerSnapshotCommand(cmd: Command, io: CliIO, setCode: (code: number) => void): void {
  cmd
    .command('snapshot')
    .description("Write the org's configuration the rules need (or --all of it) as a DX source folder that `run --source` audits.")
    .option('--org', 'read the live org; credentials from SF_* environment variables (see README)')
    .option('--target-org <alias>', 'read the org the Salesforce CLI (sf) is logged into under this alias')
    .option('--out <dir>', 'folder to write (new or empty; --force replaces an earlier snapshot in it)')
    .option('--all', 'every layout, profile, app, record page and object, not only what the rules need')
    .option('-r, --rules <path>', 'rules file or folder deciding what is needed (default ./rules or the bundled ritual)', collect)
    .option('--concurrency <n>', 'API calls in flight at once (default 5)', positiveInt)
    .option('--cache [dir]', 'keep what was read from the org in this folder (default .sfaudit-cache) and re-read only what changed since')
    .option('--api-budget <share>', "stop before the org's daily API usage passes this share of its allocation: 0.9 (default), 90% or off", apiBudgetOption)
    .option('--force', 'replace the snapshot already in --out')
    .action(async (opts) => {
      setCode(
        await snapshotCommand(
          {
            org: opts.org,
            targetOrg: opts.targetOrg,
            out: opts.out,
            all: opts.all,
            rules: opts.rules,
            concurrency: opts.concurrency,
            cache: cacheOption(opts.cache),
            apiBudget: opts.apiBudget,
            force: opts.force,
          },
          io,
        ),
      );
    });
}
