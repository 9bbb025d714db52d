import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { VERSION } from '../version.js';
import { EXIT } from '../report/exit-code.js';
import { REPORTERS } from '../reporters/index.js';
import { processIO, UserError, type CliIO } from './io.js';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';
import { kindsCommand, schemaCommand } from './kinds.js';
import { registerScheduleCommand } from './schedule.js';
import { registerHistoryCommands } from './history.js';
import { registerSnapshotCommand } from './snapshot.js';
import { apiBudgetOption, cacheOption } from './live-org.js';

const collect = (value: string, previous: string[] = []) => previous.concat(value.split(',').filter(Boolean));
const positiveInt = (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return Number(value);
};

function program(io: CliIO, setCode: (code: number) => void): Command {
  const cmd = new Command('sfaudit')
    .description("Audit a Salesforce org's configuration against YAML rules and report every discrepancy.")
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);

  cmd
    .command('run')
    .description('Audit a metadata folder or a live org against the rules and print or write the report.')
    .option('-s, --source <dir>', 'a retrieved metadata folder (DX source or Metadata API format)')
    .option('--org', 'audit the live org; credentials from SF_* environment variables (see README)')
    .option('--target-org <alias>', 'audit the org the Salesforce CLI (sf) is logged into under this alias')
    .option('--concurrency <n>', 'API calls in flight at once against the org (default 5)', positiveInt)
    .option('--cache [dir]', 'keep what was read from the org in this folder (default .sfaudit-cache) and re-read only what changed since')
    .option('--api-budget <share>', "stop before the org's daily API usage passes this share of its allocation: 0.9 (default), 90% or off", apiBudgetOption)
    .option('-r, --rules <path>', 'rules file or folder (repeatable; default ./rules or the bundled ritual)', collect)
    .option('-f, --format <format>', `output format, repeatable: ${Object.keys(REPORTERS).join(', ')}`, collect)
    .option('-o, --output <path>', 'file for each --format in order, or one folder for all (default: stdout)', collect)
    .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'info', 'never']).default('warning'))
    .option('--slack', 'post the report to Slack (SLACK_WEBHOOK_URL, or SLACK_BOT_TOKEN + SLACK_CHANNEL); exit 4 if Slack refuses it')
    .option('--no-network', 'check links for form only: no HTTP requests (links are reported as not checked)')
    .option('--max-records <n>', 'most records one data rule checks (default 10000); reaching it is reported', positiveInt)
    .option('--history <dir>', 'compare with the last run recorded in this folder (new / unchanged / resolved), then record this run')
    .option('--only-changes', 'with --slack and --history: post only when something is new or resolved since the last run')
    .action(async (opts) => {
      setCode(
        await runCommand(
          {
            source: opts.source,
            org: opts.org,
            targetOrg: opts.targetOrg,
            concurrency: opts.concurrency,
            cache: cacheOption(opts.cache),
            apiBudget: opts.apiBudget,
            rules: opts.rules,
            format: opts.format ?? ['text'],
            output: opts.output ?? [],
            failOn: opts.failOn,
            slack: opts.slack,
            network: opts.network,
            maxRecords: opts.maxRecords,
            history: opts.history,
            onlyChanges: opts.onlyChanges,
          },
          io,
        ),
      );
    });

  cmd
    .command('validate')
    .description('Check rule files (syntax, keys, kinds, ids, regexes) without touching an org.')
    .argument('[paths...]', 'rule files or folders (default ./rules or the bundled ritual)')
    .action(async (paths: string[]) => setCode(await validateCommand(paths, io)));

  registerScheduleCommand(cmd, io, setCode);
  registerHistoryCommands(cmd, io, setCode);
  registerSnapshotCommand(cmd, io, setCode);
  cmd.command('kinds').description('List the rule kinds with an example of each.').action(() => setCode(kindsCommand(io)));
  cmd.command('schema').description('Print the JSON Schema of rule files.').action(() => setCode(schemaCommand(io)));
  return cmd;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can run it in-process. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let code: number = EXIT.ok;
  const cmd = program(io, (c) => (code = c));
  if (argv.length === 0) {
    cmd.outputHelp();
    return EXIT.usage;
  }
  try {
    await cmd.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UserError) {
      io.stderr(`sfaudit: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr(`sfaudit: unexpected error: ${(e as Error).message}\n`);
    if (io.env.SFAUDIT_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return EXIT.internal;
  }
}
