// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../support/salesforce/no-proxy.js';
import path from 'node:path';
import { readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJob } from '../../src/schedule/service.js';
import { startScheduler, type Job } from '../../src/schedule/scheduler.js';
import { slackNotifier } from '../../src/schedule/slack-notifier.js';
import type { JobResult, LogRecord, Notifier } from '../../src/schedule/types.js';
import { orgEnv } from '../../src/schedule/credentials.js';
import { listRuns } from '../../src/history/store.js';
import type { Report } from '../../src/report/report.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../support/salesforce/index.js';
import { startSlackEmulator } from '../support/slack/index.js';
import { closedPortUrl } from '../support/unreachable.js';
import { expectNoSecret } from '../support/secrets.js';
import { ORGS } from '../support/audit-helpers.js';
import { metadataRitual, tempDir } from '../history/helpers/org-versions.js';
import { folderAudit, until } from './helpers/audits.js';

const PASSWORD = 'Sched-S3cret-Passw0rd';

let dir: string;
let rules: string;
let emulator: SalesforceEmulator;
beforeAll(async () => {
  dir = await tempDir('sfaudit-schedule-org-');
  rules = await metadataRitual(dir);
  emulator = await startSalesforceEmulator({ orgDir: path.join(ORGS, 'fleet'), users: [{ username: 'auditor@fleet.example.com', password: PASSWORD }] });
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a scheduled audit of a live org (Salesforce emulator)', () => {
  it('logs in with the variables the config names, reads the org, and counts API calls', async () => {
    const failures: string[] = [];
    const notifier: Notifier = { post: async () => {}, postFailure: async (c) => void failures.push(c) };
    const lines: LogRecord[] = [];
    // The process also has SF_* variables of its own: the config's names win.
    const env = { FLEET_USER: 'auditor@fleet.example.com', FLEET_PASSWORD: PASSWORD, SF_PASSWORD: 'not-this-one', SF_ACCESS_TOKEN: 'nor-this' };
    const job = scheduledJob({ log: (r) => lines.push(r), env, notifierFor: () => notifier });
    const { source: _source, ...base } = folderAudit(path.join(dir, 'org'), rules, '');
    const audit = { ...base, name: 'live', org: { loginUrl: emulator.url, credentials: { username: 'FLEET_USER', password: 'FLEET_PASSWORD' } } };

    const ok = await job(audit, new AbortController().signal);
    expect(ok).toMatchObject({ status: 'ok', exitCode: 1 });
    expect(ok.report!.org).toEqual({ kind: 'org', location: emulator.url });
    expect(ok.report!.summary.failed).toBe(16);
    expect(lines[0]).toMatchObject({ event: 'run', status: 'ok', failed: 16, new: 16 });
    expect(lines[0]!.apiCalls).toBeGreaterThan(0);

    const wrong = await job({ ...audit, org: { ...audit.org, credentials: { username: 'FLEET_USER', password: 'SF_PASSWORD' } } }, new AbortController().signal);
    expect(wrong).toMatchObject({ status: 'failed', stage: 'run', exitCode: 5 });
    expect(wrong.cause).toMatch(/^cannot log in to http:\/\/127\.0\.0\.1:\d+ as auditor@fleet\.example\.com \(INVALID_LOGIN: /);
    expect(failures).toEqual([wrong.cause]);
    expect(JSON.stringify(lines)).not.toContain('not-this-one');
    expect(JSON.stringify(lines)).not.toContain(PASSWORD);
  });

  it('with a cache, the next scheduled run keeps the findings of rules whose components did not change: the same report', async () => {
    const env = { FLEET_USER: 'auditor@fleet.example.com', FLEET_PASSWORD: PASSWORD };
    const job = scheduledJob({ log: () => {}, env, notifierFor: () => ({ post: async () => {}, postFailure: async () => {} }) });
    const { source: _source, ...base } = folderAudit(path.join(dir, 'cached'), rules, '');
    const org = { loginUrl: emulator.url, credentials: { username: 'FLEET_USER', password: 'FLEET_PASSWORD' }, cache: path.join(dir, 'cache') };
    const audit = { ...base, name: 'live-cached', org };
    const first = await job(audit, new AbortController().signal);
    const second = await job(audit, new AbortController().signal);
    expect(first.report!.stats.rulesKept).toBe(0);
    expect(second.report!.stats.rulesKept).toBeGreaterThan(0);
    // Apart from how the history marks them (new, then persisting).
    const unmarked = (r: Report) => r.findings.map(({ change: _change, firstSeen: _firstSeen, ...f }) => f);
    expect(unmarked(second.report!)).toEqual(unmarked(first.report!));
    expect(second.report!.summary).toEqual(first.report!.summary);
  });

  it('a run that cannot reach the org: exit 6, one line to Slack, report files saying so, no history entry, and the schedule goes on', async () => {
    const closed = await closedPortUrl();
    const token = emulator.issueAccessToken();
    const slack = await startSlackEmulator({ channels: [{ id: 'C0SCHED404', name: 'ops' }] });
    // The instance URL comes from a variable the config names: read again for each run, so the org can come back.
    const env: NodeJS.ProcessEnv = { SFAUDIT_RETRY_BASE_MS: '1', SFAUDIT_MAX_ATTEMPTS: '2', LIVE_URL: closed, LIVE_TOKEN: token, HOOK: slack.webhookUrl };
    const { source: _source, ...base } = folderAudit(path.join(dir, 'unreachable'), rules, '', { name: 'live-unreachable', slack: { webhookEnv: 'HOOK', onlyChanges: false } });
    const audit = { ...base, org: { credentials: { accessToken: 'LIVE_TOKEN', instanceUrl: 'LIVE_URL' } } };
    const lines: LogRecord[] = [];
    const log = (r: LogRecord) => lines.push(r);
    const results: JobResult[] = [];
    let firstReport: Report | undefined;
    const scheduled = scheduledJob({ log, env, notifierFor: (a) => slackNotifier(a, env, { retry: { retries: 0 } }) });
    const job: Job = async (a, signal) => {
      const result = await scheduled(a, signal);
      if (results.push(result) === 1) {
        firstReport = JSON.parse(await readFile(path.join(audit.output, 'sfaudit-report.json'), 'utf8')) as Report;
        env.LIVE_URL = emulator.url;
      }
      return result;
    };
    const scheduler = startScheduler({ audits: [audit], job, log, runNow: true });
    try {
      await until(() => results.length >= 2, 8000, 'a run after the failed one');
    } finally {
      await scheduler.stop(5000);
      await slack.close();
    }
    const cause = `cannot reach ${closed} (connection refused): check SF_INSTANCE_URL and the network`;
    expect(results[0]).toMatchObject({ status: 'failed', stage: 'run', exitCode: 6, cause });
    expect(results[1]).toMatchObject({ status: 'ok', exitCode: 1 });
    const runs = lines.filter((l) => l.event === 'run');
    expect(runs[0]).toMatchObject({ level: 'error', status: 'failed', stage: 'run', verdict: 'error', failed: 0, notified: 'posted', cause });
    expect(runs[0]).not.toHaveProperty('historyId');
    expect(runs[1]).toMatchObject({ status: 'ok', failed: 16, new: 16, historyId: expect.any(String) });
    // The latest report files said the org could not be read, until a run could.
    expect(firstReport).toMatchObject({ org: { kind: 'org', location: closed }, summary: { verdict: 'error', passed: 0, failed: 0 }, notes: [`No rule was evaluated: ${cause}.`] });
    // Only runs that read the org are history: the next one is compared with the last real one.
    expect((await listRuns(audit.history.dir)).length).toBe(runs.filter((l) => l.status === 'ok').length);
    expect(slack.messages[0]?.text).toBe(`:warning: *sfaudit: the audit "live-unreachable" could not run:* ${cause}`);
    expect(slack.messages[1]?.blocks?.length).toBeGreaterThan(0);
    expectNoSecret([JSON.stringify(lines), JSON.stringify(slack.messages), JSON.stringify(firstReport)], [token]);
  });

  it('maps config credentials onto the live reader’s variables and drops the process’s own', () => {
    const env = orgEnv(
      { loginUrl: 'https://test.salesforce.com', apiVersion: '61.0', credentials: { authUrl: 'MY_URL' } },
      { MY_URL: 'force://a:b:c@x', SF_USERNAME: 'other', PATH: '/bin' },
    );
    expect(env).toEqual({ MY_URL: 'force://a:b:c@x', PATH: '/bin', SF_LOGIN_URL: 'https://test.salesforce.com', SF_API_VERSION: '61.0', SF_AUTH_URL: 'force://a:b:c@x' });
    expect(() => orgEnv({ credentials: { authUrl: 'MISSING' } }, {})).toThrow('environment variable MISSING (the org\'s authUrl) is not set');
  });
});
