import { existsSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load.js';
import { diffRuns, renderDiffJson, renderDiffText } from '../history/diff.js';
import { HistoryError, listRuns, readReportFile, resolveRun } from '../history/store.js';
import { EXIT } from '../report/exit-code.js';
import { printIssues } from './command-rules.js';
import { UserError, type CliIO } from './io.js';

export interface HistoryTarget {
  /** A history folder, used as is. */
  dir?: string;
  config?: string;
  audit?: string;
}

/** The history folder: `--dir`, else the audit's in the config (`--audit` when it has several). */
export async function historyDir(target: HistoryTarget, io: CliIO): Promise<{ dir: string; label: string }> {
  if (target.dir) return { dir: path.resolve(io.cwd, target.dir), label: target.dir };
  const file = path.resolve(io.cwd, target.config ?? DEFAULT_CONFIG_FILE);
  if (!target.config && !existsSync(file)) {
    throw new UserError(`say which history: --dir <history folder>, or --config <file> (no ${DEFAULT_CONFIG_FILE} here)`, EXIT.usage);
  }
  const loaded = await loadConfig(file);
  if (!loaded.ok) {
    throw new UserError(`the config has ${printIssues(loaded.issues, io)}`, EXIT.usage);
  }
  const audits = loaded.config.audits;
  const names = audits.map((a) => a.name).join(', ');
  const audit = target.audit ? audits.find((a) => a.name === target.audit) : audits.length === 1 ? audits[0] : undefined;
  if (!audit) {
    throw new UserError(target.audit ? `no audit "${target.audit}" in the config: ${names}` : `the config has several audits: pick one with --audit (${names})`, EXIT.usage);
  }
  return { dir: audit.history.dir, label: `${audit.name} (${path.relative(io.cwd, audit.history.dir) || audit.history.dir})` };
}

function userError<T>(work: () => Promise<T>): Promise<T> {
  return work().catch((e) => {
    throw e instanceof HistoryError ? new UserError(e.message, EXIT.usage) : e;
  });
}

const pad = (s: string, n: number) => s.padEnd(n);

/** `sfaudit history`: the recorded runs, oldest first, with their verdict and what changed. */
export async function historyCommand(target: HistoryTarget & { format?: string }, io: CliIO): Promise<number> {
  const { dir, label } = await historyDir(target, io);
  const runs = await userError(() => listRuns(dir));
  const rows = [];
  for (const run of runs) {
    try {
      const r = await readReportFile(run.file);
      rows.push({
        id: run.id,
        generatedAt: r.generatedAt,
        verdict: r.summary.verdict,
        failed: r.summary.failed,
        errors: r.summary.errors,
        waived: r.summary.waived ?? 0,
        ...(r.changes ? { changes: { new: r.changes.new, resolved: r.changes.resolved, persisting: r.changes.persisting } } : {}),
      });
    } catch (e) {
      rows.push({ id: run.id, unreadable: (e as Error).message });
    }
  }
  if (target.format === 'json') {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  if (!rows.length) {
    io.stdout(`No runs recorded yet in ${label}.\n`);
    return EXIT.ok;
  }
  io.stdout(`${rows.length} run${rows.length === 1 ? '' : 's'} of ${label}, oldest first:\n`);
  io.stdout(`${pad('RUN', 28)}${pad('VERDICT', 9)}${pad('DISCREPANCIES', 15)}${pad('NOT CHECKED', 13)}${pad('WAIVED', 8)}CHANGES\n`);
  for (const row of rows) {
    if ('unreadable' in row) {
      io.stdout(`${pad(row.id, 28)}unreadable: ${row.unreadable}\n`);
      continue;
    }
    const changes = row.changes ? `${row.changes.new} new, ${row.changes.resolved} resolved, ${row.changes.persisting} unchanged` : '';
    io.stdout(`${pad(row.id, 28)}${pad(row.verdict, 9)}${pad(String(row.failed), 15)}${pad(String(row.errors), 13)}${pad(String(row.waived), 8)}${changes}\n`);
  }
  return EXIT.ok;
}

/** `sfaudit diff [<run> [<run>]]`: what changed between two runs (default: the last two; one run: it and the latest). */
export async function diffCommand(refs: string[], target: HistoryTarget & { format?: string }, io: CliIO): Promise<number> {
  if (refs.length > 2) throw new UserError('give at most two runs: sfaudit diff [<run> [<run>]]', EXIT.usage);
  const { dir, label } = await historyDir(target, io);
  // A ref ending in .json may be a report file outside the history, relative to where the user stands.
  refs = refs.map((r) => (r.endsWith('.json') ? path.resolve(io.cwd, r) : r));
  const [a, b] = await userError(async () => {
    if (refs.length === 2) return Promise.all([resolveRun(dir, refs[0]!), resolveRun(dir, refs[1]!)]);
    if (refs.length === 1) return Promise.all([resolveRun(dir, refs[0]!), resolveRun(dir, 'latest')]);
    const runs = await listRuns(dir);
    if (runs.length < 2) throw new HistoryError(`${label} has ${runs.length} run${runs.length === 1 ? '' : 's'}: a diff needs two`);
    return Promise.all([resolveRun(dir, 'latest~1'), resolveRun(dir, 'latest')]);
  });
  const diff = diffRuns(a, b);
  io.stdout(target.format === 'json' ? renderDiffJson(diff) : renderDiffText(diff));
  return EXIT.ok;
}

/** Registers `sfaudit history` and `sfaudit diff` on the program. */
export function registerHistoryCommands(cmd: Command, io: CliIO, setCode: (code: number) => void): void {
  const where = (c: Command) =>
    c
      .option('-d, --dir <folder>', 'a history folder (as written by schedule or run --history)')
      .option('-c, --config <file>', `scheduler config to take the history folder from (default ./${DEFAULT_CONFIG_FILE})`)
      .option('-a, --audit <name>', 'which audit of the config (needed when it has several)')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'));
  where(cmd.command('history').description('List the recorded runs of an audit, oldest first.')).action(async (opts) => {
    setCode(await historyCommand({ dir: opts.dir, config: opts.config, audit: opts.audit, format: opts.format }, io));
  });
  where(
    cmd
      .command('diff')
      .description('Show what changed between two recorded runs (default: the last two). A run is an id from `sfaudit history`, a unique prefix, latest, latest~N, or a JSON report file.')
      .argument('[runs...]', 'up to two runs: <older> <newer>; one run is compared with the latest'),
  ).action(async (runs: string[], opts) => {
    setCode(await diffCommand(runs, { dir: opts.dir, config: opts.config, audit: opts.audit, format: opts.format }, io));
  });
}
