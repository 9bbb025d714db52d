import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_CONFIG_FILE, loadConfig } from '../config/load.js';
import type { SchedulerConfig } from '../config/types.js';
import { EXIT } from '../report/exit-code.js';
import { loadRuleset } from '../ruleset/load.js';
import { printIssues } from './command-rules.js';
import type { ConfigIssue } from '../ruleset/types.js';
import { jsonLog } from '../schedule/log.js';
import { startScheduler } from '../schedule/scheduler.js';
import { scheduledJob, type ServiceDeps } from '../schedule/service.js';
import { stopSignals, type SignalSource } from '../schedule/signals.js';
import type { CliIO } from './io.js';

export interface ScheduleOptions {
  config?: string;
  runNow?: boolean;
  once?: boolean;
  onlyChanges?: boolean;
  /** Seconds a run in progress may take to finish after SIGTERM (default: the config's, else 30). */
  grace?: number;
}

/** What the command needs from the process; tests substitute their own. */
export interface ScheduleHooks {
  signals?: SignalSource;
  /** Ends the process when an abandoned run would otherwise keep it alive. */
  exit?: (code: number) => void;
  /** Library overrides (the audit run, the org reader, the notifier). */
  deps?: Partial<Omit<ServiceDeps, 'log' | 'env'>>;
}

function refuse(issues: ConfigIssue[], io: CliIO, what: string): number {
  io.stderr(`sfaudit: ${what} ${printIssues(issues, io)}; nothing was scheduled\n`);
  return EXIT.usage;
}

/** Loads the config and every audit's rules, so that any mistake stops the command before the first run. */
export async function preflight(options: { config?: string }, io: CliIO): Promise<{ config?: SchedulerConfig; code: number }> {
  const file = path.resolve(io.cwd, options.config ?? DEFAULT_CONFIG_FILE);
  const loaded = await loadConfig(file, { env: io.env });
  if (!loaded.ok) return { code: refuse(loaded.issues, io, 'the config has') };
  const issues: ConfigIssue[] = [];
  for (const audit of loaded.config.audits) {
    const rules = await loadRuleset(audit.rules);
    if (!rules.ok) issues.push(...rules.issues);
  }
  if (issues.length) return { code: refuse(issues, io, 'the rules have') };
  return { config: loaded.config, code: EXIT.ok };
}

/**
 * `sfaudit schedule`: runs the config's audits on their cron schedules until
 * SIGTERM/SIGINT (exit 0), or once with `--once` (exit code as `sfaudit run`,
 * the worst over the audits). Log lines are JSON on stdout.
 */
export async function scheduleCommand(options: ScheduleOptions, io: CliIO, hooks: ScheduleHooks = {}): Promise<number> {
  const { config, code } = await preflight(options, io);
  if (!config) return code;
  const log = jsonLog(io.stdout);
  const job = scheduledJob({ log, env: io.env, onlyChanges: options.onlyChanges, ...hooks.deps });

  if (options.once) {
    const controller = new AbortController();
    const results = await Promise.all(config.audits.map((a) => job(a, controller.signal)));
    return Math.max(EXIT.ok, ...results.map((r) => r.exitCode));
  }

  const signals = stopSignals(hooks.signals ?? process);
  try {
    const scheduler = startScheduler({ audits: config.audits, job, log, runNow: options.runNow });
    const signal = await signals.next();
    const graceMs = (options.grace ?? config.shutdownGraceSeconds) * 1000;
    log({ event: 'scheduler-stopping', signal, running: scheduler.running(), graceMs });
    const stopped = await Promise.race([
      scheduler.stop(graceMs),
      signals.next().then(async () => scheduler.stop(0)),
    ]);
    log({ event: 'scheduler-stop', level: stopped.abandoned.length ? 'warn' : 'info', signal, finished: stopped.finished, abandoned: stopped.abandoned });
    // An abandoned run may hold sockets open; history is safe (atomic writes), so end now.
    if (stopped.abandoned.length) (hooks.exit ?? ((c: number) => process.exit(c)))(EXIT.ok);
    return EXIT.ok;
  } finally {
    signals.dispose();
  }
}

const seconds = (value: string) => {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError('expected a number of seconds');
  return Number(value);
};

/** Registers `sfaudit schedule` on the program (kept here so main.ts stays a list of commands). */
export function registerScheduleCommand(cmd: Command, io: CliIO, setCode: (code: number) => void): void {
  cmd
    .command('schedule')
    .description('Run the audits of sfaudit.config.yaml on their cron schedules, with history and Slack, until SIGTERM/SIGINT.')
    .option('-c, --config <file>', `scheduler config (default ./${DEFAULT_CONFIG_FILE})`)
    .option('--run-now', 'also run every audit once at start')
    .option('--once', 'run every audit once and exit (exit code as `run`, the worst over the audits): for CI schedulers')
    .option('--only-changes', 'post to Slack only when something is new or resolved since the last run (all audits)')
    .option('--grace <seconds>', 'on SIGTERM/SIGINT, how long a run in progress may take to finish (default: config, else 30)', seconds)
    .action(async (opts) => {
      setCode(await scheduleCommand({ config: opts.config, runNow: opts.runNow, once: opts.once, onlyChanges: opts.onlyChanges, grace: opts.grace }, io));
    });
}
