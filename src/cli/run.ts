import path from 'node:path';
import { loadRuleset, formatIssue } from '../ruleset/load.js';
import { readFolder, SourceNotFoundError } from '../sources/folder/read-folder.js';
import { audit } from '../engine/audit.js';
import { exitCodeFor, EXIT, type FailOn } from '../report/exit-code.js';
import { UserError, type CliIO } from './io.js';
import { defaultRulesPaths } from './rules-path.js';
import { planOutputs, writeOutputs } from './outputs.js';

export interface RunOptions {
  source?: string;
  rules?: string[];
  format: string[];
  output: string[];
  failOn: FailOn;
}

/** `sfaudit run`: load rules, read the org, audit, write every requested format, pick the exit code. */
export async function runCommand(options: RunOptions, io: CliIO): Promise<number> {
  if (!options.source) throw new UserError('say what to audit: --source <metadata folder>', EXIT.usage);
  const plan = await planOutputs(options.format, options.output, io.cwd);
  const rulesPaths = (options.rules?.length ? options.rules : defaultRulesPaths(io.cwd)).map((p) => path.resolve(io.cwd, p));
  const loaded = await loadRuleset(rulesPaths);
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stderr(`${formatIssue({ ...issue, file: path.relative(io.cwd, issue.file) || issue.file })}\n`);
    io.stderr(`sfaudit: the rules have ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'}; nothing was audited\n`);
    return EXIT.usage;
  }
  let read;
  try {
    read = await readFolder(path.resolve(io.cwd, options.source));
  } catch (e) {
    if (e instanceof SourceNotFoundError) throw new UserError(`metadata folder not found: ${options.source}`, EXIT.usage);
    throw e;
  }
  read.org.origin.location = options.source;
  const report = audit(read.org, loaded.ruleset, { stats: { filesRead: read.stats.files } });
  const written = await writeOutputs(report, plan, io);
  for (const file of written) io.stderr(`sfaudit: wrote ${path.relative(io.cwd, file) || file}\n`);
  return exitCodeFor(report, options.failOn);
}
