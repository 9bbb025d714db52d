import cron, { type ScheduledTask } from 'node-cron';
import type { AuditConfig } from '../config/types.js';
import type { JobResult, Log } from './types.js';

export type Job = (audit: AuditConfig, signal: AbortSignal) => Promise<JobResult>;

export interface SchedulerOptions {
  audits: AuditConfig[];
  job: Job;
  log: Log;
  /** Run every audit once right away, then on schedule. */
  runNow?: boolean;
}

export interface Scheduler {
  /** Starts every audit now (an audit still running is skipped, as on a tick). */
  runAll(): Promise<JobResult[]>;
  /** Audits with a run in progress. */
  running(): string[];
  /**
   * Stops scheduling, then waits up to `graceMs` for runs in progress; runs
   * still going after that are aborted and reported as abandoned. History
   * writes are atomic, so an abandoned run leaves either a whole file or none.
   */
  stop(graceMs: number): Promise<{ finished: string[]; abandoned: string[] }>;
}

interface InFlight {
  startedAt: Date;
  controller: AbortController;
  done: Promise<JobResult | undefined>;
}

/**
 * A node-cron task per audit. Runs of one audit never overlap: a tick that
 * comes while the previous run is still going is skipped and logged. A failed
 * run is the job's business (logged, posted); the schedule always continues.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const { audits, job, log } = options;
  const inFlight = new Map<string, InFlight>();
  let stopping = false;

  const start = (audit: AuditConfig, reason: 'scheduled' | 'run-now'): Promise<JobResult | undefined> => {
    const busy = inFlight.get(audit.name);
    if (busy) {
      log({ event: 'skip', level: 'warn', audit: audit.name, reason: 'previous run still in progress', trigger: reason, runningSince: busy.startedAt.toISOString() });
      return Promise.resolve(undefined);
    }
    if (stopping) return Promise.resolve(undefined);
    const controller = new AbortController();
    const done = job(audit, controller.signal)
      .catch((e: unknown): undefined => {
        // The job catches its own failures; this is a bug in it, and still must not stop the schedule.
        log({ event: 'run', level: 'error', audit: audit.name, status: 'failed', cause: `internal error: ${(e as Error)?.message ?? String(e)}` });
        return undefined;
      })
      .finally(() => inFlight.delete(audit.name));
    inFlight.set(audit.name, { startedAt: new Date(), controller, done });
    return done;
  };

  const tasks: ScheduledTask[] = audits.map((audit) => {
    const task = cron.schedule(
      audit.schedule,
      () => {
        // Not awaited: node-cron must not track the run, the in-flight map does (and logs the skips).
        void start(audit, 'scheduled');
      },
      {
        name: audit.name,
        timezone: audit.timezone,
        logger: {
          info: () => {},
          debug: () => {},
          warn: (message) => log({ event: 'cron', level: 'warn', audit: audit.name, message }),
          error: (message) => log({ event: 'cron', level: 'error', audit: audit.name, message: String(message) }),
        },
      },
    );
    task.on('execution:missed', (ctx) => log({ event: 'skip', level: 'warn', audit: audit.name, reason: 'missed (process busy or asleep)', due: ctx.date.toISOString() }));
    return task;
  });

  log({
    event: 'scheduler-start',
    audits: audits.map((a, i) => ({ name: a.name, schedule: a.schedule, timezone: a.timezone, next: tasks[i]!.getNextRun()?.toISOString() })),
  });

  const runAll = async () => (await Promise.all(audits.map((a) => start(a, 'run-now')))).filter((r): r is JobResult => !!r);
  if (options.runNow) void runAll();

  return {
    runAll,
    running: () => [...inFlight.keys()],
    async stop(graceMs) {
      stopping = true;
      for (const task of tasks) await task.destroy();
      const pending = [...inFlight.entries()];
      const finished: string[] = [];
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
      await Promise.all(
        pending.map(async ([name, run]) => {
          if ((await Promise.race([run.done.then(() => 'done' as const), timeout])) === 'done') finished.push(name);
        }),
      );
      clearTimeout(timer);
      const abandoned = pending.map(([name]) => name).filter((n) => !finished.includes(n));
      for (const [name, run] of pending) if (abandoned.includes(name)) run.controller.abort();
      return { finished, abandoned };
    },
  };
}
