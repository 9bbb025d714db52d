import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../version.js';
import { EXIT } from '../report/exit-code.js';
import { REPORTERS } from '../reporters/index.js';
import { processIO, UserError, type CliIO } from './io.js';
import { runCommand } from './run.js';
import { validateCommand } from './validate.js';
import { kindsCommand, schemaCommand } from './kinds.js';

const collect = (value: string, previous: string[] = []) => previous.concat(value.split(',').filter(Boolean));

function program(io: CliIO, setCode: (code: number) => void): Command {
  const cmd = new Command('sfaudit')
    .description("Audit a Salesforce org's configuration against YAML rules and report every discrepancy.")
    .version(VERSION, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);

  cmd
    .command('run')
    .description('Audit a metadata folder against the rules and print or write the report.')
    .option('-s, --source <dir>', 'a retrieved metadata folder (DX source or Metadata API format)')
    .option('-r, --rules <path>', 'rules file or folder (repeatable; default ./rules or the bundled ritual)', collect)
    .option('-f, --format <format>', `output format, repeatable: ${Object.keys(REPORTERS).join(', ')}`, collect)
    .option('-o, --output <path>', 'file for each --format in order, or one folder for all (default: stdout)', collect)
    .addOption(new Option('--fail-on <level>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'info', 'never']).default('warning'))
    .action(async (opts) => {
      setCode(
        await runCommand(
          { source: opts.source, rules: opts.rules, format: opts.format ?? ['text'], output: opts.output ?? [], failOn: opts.failOn },
          io,
        ),
      );
    });

  cmd
    .command('validate')
    .description('Check rule files (syntax, keys, kinds, ids, regexes) without touching an org.')
    .argument('[paths...]', 'rule files or folders (default ./rules or the bundled ritual)')
    .action(async (paths: string[]) => setCode(await validateCommand(paths, io)));

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
