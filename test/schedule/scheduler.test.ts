import path from 'node:path';
import { readdir, readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler } from '../../src/schedule/scheduler.js';
import { runJob } from '../../src/schedule/job.js';
import { scheduledJob } from '../../src/schedule/service.js';
import { auditRunner } from '../../src/schedule/run-audit.js';
import type { AuditRun, JobResult, LogRecord, Notifier } from '../../src/schedule/types.js';
import type { Changes, Report } from '../../src/report/report.js';
import { listRuns, readReportFile } from '../../src/history/store.js';
import { ORGS } from '../support/audit-helpers.js';
import { metadataRitual, tempDir } from '../history/helpers/org-versions.js';
import { folderAudit, until } from './helpers/audits.js';

let dir: string;
let rules: string;
beforeAll(async () => {
  dir = await tempDir('sfaudit-schedule-');
  rules = await metadataRitual(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function recordingNotifier() {
  const posts: Array<{ report: Report; changes: Changes | undefined }> = [];
  const failures: string[] = [];
  const notifier: Notifier = {
    async post(report, changes) {
      posts.push({ report, changes });
    },
    async postFailure(cause) {
      failures.push(cause);
    },
  };
  return { notifier, posts, failures };
}

describe('the scheduler, with a per-second cron expression', () => {
  it('runs on schedule, and a failing run is logged, posted as "could not run" and does not stop the next', async () => {
    const work = path.join(dir, 'failing');
    const audit = folderAudit(work, rules, path.join(ORGS, 'fleet'), { slack: { channel: '#x', tokenEnv: 'SLACK_T', onlyChanges: false } });
    const env = { SLACK_T: 'xoxb-very-secret-token' };
    const real = auditRunner({ env });
    let calls = 0;
    const run: AuditRun = async (a, signal) => {
      calls++;
      if (calls === 1) throw new Error('org unreachable: connect ECONNREFUSED (token xoxb-very-secret-token)');
      return real(a, signal);
    };
    const { notifier, posts, failures } = recordingNotifier();
    const lines: LogRecord[] = [];
    const log = (r: LogRecord) => lines.push(r);
    const scheduler = startScheduler({ audits: [audit], job: scheduledJob({ log, env, run, notifierFor: () => notifier }), log, runNow: true });
    try {
      await until(() => lines.filter((l) => l.event === 'run').length >= 3, 8000, 'three runs');
    } finally {
      await scheduler.stop(5000);
    }
    const runs = lines.filter((l) => l.event === 'run');
    expect(runs.slice(0, 3).map((l) => l.status)).toEqual(['failed', 'ok', 'ok']);
    expect(runs[0]).toMatchObject({ level: 'error', stage: 'run', notified: 'posted', cause: 'org unreachable: connect ECONNREFUSED (token [redacted])' });
    expect(failures).toEqual(['org unreachable: connect ECONNREFUSED (token [redacted])']);
    expect(JSON.stringify(lines)).not.toContain('xoxb-very-secret-token');
    // The runs after the failure: the first is the baseline, the next finds the same 16 discrepancies again.
    expect(runs[1]).toMatchObject({ status: 'ok', failed: 16, manual: 1, new: 16, persisting: 0, resolved: 0, notified: 'posted', apiCalls: 0 });
    expect(runs[2]).toMatchObject({ status: 'ok', new: 0, persisting: 16, resolved: 0 });
    for (const l of runs.slice(1, 3)) expect(Object.keys(l)).toEqual(expect.arrayContaining(['start', 'end', 'durationMs', 'historyId']));
    expect(posts[1]!.changes).toMatchObject({ new: 0, persisting: 16, resolved: 0 });
    expect(lines[0]).toMatchObject({ event: 'scheduler-start', audits: [{ name: 'fleet', schedule: '* * * * * *', timezone: 'UTC' }] });
    expect((await listRuns(audit.history.dir)).length).toBe(runs.filter((l) => l.status === 'ok').length);
    expect(JSON.parse(await readFile(path.join(audit.output, 'sfaudit-report.json'), 'utf8')).changes).toBeDefined();
    expect(await readdir(audit.output)).toEqual(expect.arrayContaining(['sfaudit-report.txt', 'sfaudit-report.json', 'history']));
  });

  it('never overlaps runs: a tick during a slow run is skipped and logged', async () => {
    const audit = folderAudit(path.join(dir, 'slow'), rules, path.join(ORGS, 'fleet'));
    let running = 0;
    let most = 0;
    let started = 0;
    let finished = 0;
    const lines: LogRecord[] = [];
    const job = async (): Promise<JobResult> => {
      started++;
      most = Math.max(most, ++running);
      // Slower than the one-second period, so at least one tick lands during the run.
      await until(() => lines.some((l) => l.event === 'skip'), 8000, 'a skipped tick');
      running--;
      finished++;
      return { audit: audit.name, status: 'ok', exitCode: 0 };
    };
    const scheduler = startScheduler({ audits: [audit], job, log: (r) => lines.push(r), runNow: true });
    try {
      await until(() => finished >= 1, 8000, 'the slow run');
    } finally {
      await scheduler.stop(5000);
    }
    expect(most).toBe(1);
    expect(started).toBeGreaterThanOrEqual(1);
    expect(lines.find((l) => l.event === 'skip')).toMatchObject({ level: 'warn', audit: 'fleet', reason: 'previous run still in progress', trigger: 'scheduled' });
  });

  it('on stop, waits for a run in progress within the grace period, and abandons it after', async () => {
    const quick = folderAudit(path.join(dir, 'stop'), rules, path.join(ORGS, 'fleet'), { name: 'quick', schedule: '0 0 1 1 *' });
    const stuck = { ...quick, name: 'stuck' };
    const aborted: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const job = async (a: typeof quick, signal: AbortSignal): Promise<JobResult> => {
      signal.addEventListener('abort', () => aborted.push(a.name));
      if (a.name === 'quick') await gate;
      else await new Promise(() => {}); // never ends by itself
      return { audit: a.name, status: 'ok', exitCode: 0 };
    };
    const scheduler = startScheduler({ audits: [quick, stuck], job, log: () => {} });
    void scheduler.runAll();
    expect(scheduler.running().sort()).toEqual(['quick', 'stuck']);
    setTimeout(release, 50);
    const stopped = await scheduler.stop(300);
    expect(stopped).toEqual({ finished: ['quick'], abandoned: ['stuck'] });
    expect(aborted).toEqual(['stuck']);
  });
});

describe('one run (the job)', () => {
  it('posts only when something changed under onlyChanges', async () => {
    const audit = folderAudit(path.join(dir, 'only'), rules, path.join(ORGS, 'fleet'), { slack: { webhookEnv: 'HOOK', onlyChanges: true } });
    const { notifier, posts } = recordingNotifier();
    const lines: LogRecord[] = [];
    const deps = { run: auditRunner({ env: {} }), notifier, log: (r: LogRecord) => lines.push(r) };
    await runJob(audit, deps, new AbortController().signal);
    await runJob(audit, deps, new AbortController().signal);
    expect(lines.map((l) => l.notified)).toEqual(['posted', 'skipped: no changes']);
    expect(posts).toHaveLength(1);
    await runJob({ ...audit, source: path.join(ORGS, 'fleet-clean') }, deps, new AbortController().signal);
    expect(lines[2]).toMatchObject({ notified: 'posted', new: 0, resolved: 16 });
  });

  it('when Slack is down, the run is failed with exit code 4, the history is still recorded, and no failure post is attempted', async () => {
    const audit = folderAudit(path.join(dir, 'slack-down'), rules, path.join(ORGS, 'fleet'));
    let failurePosts = 0;
    const notifier: Notifier = {
      post: async () => {
        throw new Error('An HTTP protocol error occurred: statusCode = 503');
      },
      postFailure: async () => {
        failurePosts++;
      },
    };
    const lines: LogRecord[] = [];
    const result = await runJob(audit, { run: auditRunner({ env: {} }), notifier, log: (r) => lines.push(r) }, new AbortController().signal);
    expect(result).toMatchObject({ status: 'failed', stage: 'notify', exitCode: 4, cause: 'Slack: An HTTP protocol error occurred: statusCode = 503' });
    expect(lines).toEqual([expect.objectContaining({ event: 'run', status: 'failed', notified: 'failed' })]);
    expect(failurePosts).toBe(0);
    const [run] = await listRuns(audit.history.dir);
    expect((await readReportFile(run!.file)).summary.failed).toBe(16);
  });

  it('turns a broken rules file into a failed run with the first problem, exit code 2', async () => {
    const audit = folderAudit(path.join(dir, 'bad-rules'), path.join(dir, 'missing.yaml'), path.join(ORGS, 'fleet'));
    const result = await runJob(audit, { run: auditRunner({ env: {} }), log: () => {} }, new AbortController().signal);
    expect(result).toMatchObject({ status: 'failed', stage: 'run', exitCode: 2 });
    expect(result.cause).toMatch(/^the rules have 1 problem, the first: .*missing\.yaml: no such file or directory/);
  });
});
