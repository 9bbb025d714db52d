import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJob } from '../../src/schedule/service.js';
import { slackNotifier } from '../../src/schedule/slack-notifier.js';
import type { LogRecord } from '../../src/schedule/types.js';
import type { AuditConfig } from '../../src/config/types.js';
import { ORGS } from '../support/audit-helpers.js';
import { startSlackEmulator, validateBlocks, type SlackEmulator } from '../support/slack/index.js';
import { fleetNext, metadataRitual, tempDir } from '../history/helpers/org-versions.js';
import { folderAudit } from './helpers/audits.js';
import { main } from '../../src/cli/main.js';

const TOKEN = 'xoxb-sfaudit-schedule-test';
const CHANNEL = { id: 'C0SCHED001', name: 'sales-ops' };

let dir: string;
let rules: string;
let next: string;
let slack: SlackEmulator;
beforeAll(async () => {
  dir = await tempDir('sfaudit-schedule-slack-');
  rules = await metadataRitual(dir);
  next = await fleetNext(dir);
  slack = await startSlackEmulator({ tokens: [TOKEN], channels: [CHANNEL] });
});
afterAll(async () => {
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

function setup(name: string, slackConfig: AuditConfig['slack']) {
  const env = { SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: slack.apiUrl, HOOK: slack.webhookUrl };
  const lines: LogRecord[] = [];
  const job = scheduledJob({
    log: (r) => lines.push(r),
    env,
    // Retries are Slack's business (tested there); here one quick retry keeps the test short.
    notifierFor: (a) => slackNotifier(a, env, { retry: { retries: 1, baseDelayMs: 1 } }),
  });
  const audit = folderAudit(path.join(dir, name), rules, path.join(ORGS, 'fleet'), { name, slack: slackConfig });
  return { job, audit, lines, run: (source: string) => job({ ...audit, source }, new AbortController().signal) };
}

const allText = (m: { text?: string; blocks?: unknown[] }) => `${m.text ?? ''}\n${JSON.stringify(m.blocks ?? [])}`;

describe('scheduled runs on Slack (emulator)', () => {
  it('posts what changed between two org versions, exactly', async () => {
    const { run } = setup('slack-changes', { channel: '#sales-ops', tokenEnv: 'SLACK_BOT_TOKEN', onlyChanges: false });
    const before = slack.messages.length;
    expect((await run(path.join(ORGS, 'fleet'))).status).toBe('ok');
    expect((await run(next)).status).toBe('ok');
    const posted = slack.messages.slice(before).filter((m) => !m.thread_ts);
    expect(posted).toHaveLength(2);
    for (const m of posted) expect(validateBlocks(m.blocks ?? [])).toEqual([]);
    const second = allText(posted[1]!);
    expect(second).toMatch(/1 new/);
    expect(second).toMatch(/1 resolved/);
    expect(second).toMatch(/15 (persisting|unchanged)/);
    // The new finding is marked as such; the others carry the date they were first seen.
    expect(second).toMatch(/tab Contacts \(standard-Contact\) _\(new\)_/);
    expect(second).toMatch(/persisting since \d{4}-\d{2}-\d{2}/);
    // The full report (Markdown) is attached in the thread.
    expect(slack.files.at(-1)).toMatchObject({ filename: 'sfaudit-report.md', channel: CHANNEL.id });
  });

  it('with onlyChanges, posts nothing when nothing changed', async () => {
    const { run, lines } = setup('slack-only', { webhookEnv: 'HOOK', onlyChanges: true });
    const before = slack.messages.length;
    await run(path.join(ORGS, 'fleet'));
    await run(path.join(ORGS, 'fleet'));
    await run(next);
    expect(lines.map((l) => l.notified)).toEqual(['posted', 'skipped: no changes', 'posted']);
    expect(slack.messages.slice(before).map((m) => m.via)).toEqual(['webhook', 'webhook']);
  });

  it('posts "could not run" with the cause when a run fails, and logs a Slack outage as the failure', async () => {
    const { job, audit, lines } = setup('slack-fail', { channel: CHANNEL.id, tokenEnv: 'SLACK_BOT_TOKEN', onlyChanges: false });
    const before = slack.messages.length;
    const failed = await job({ ...audit, source: path.join(dir, 'gone') }, new AbortController().signal);
    expect(failed).toMatchObject({ status: 'failed', stage: 'run' });
    const notice = slack.messages.slice(before);
    expect(notice).toHaveLength(1);
    expect(notice[0]!.text).toMatch(/^:warning: \*sfaudit: the audit "slack-fail" could not run:\* metadata folder not found: .*gone$/);

    slack.faults.outage(true);
    try {
      const down = await job(audit, new AbortController().signal);
      expect(down).toMatchObject({ status: 'failed', stage: 'notify', exitCode: 4 });
      expect(down.cause).toMatch(/^Slack: Slack answered HTTP 503/);
    } finally {
      slack.faults.outage(false);
    }
    expect(lines.at(-1)).toMatchObject({ event: 'run', status: 'failed', stage: 'notify', notified: 'failed', historyId: expect.any(String) });
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('run --slack --history --only-changes posts the first run and a changed one, not a repeat', async () => {
    const runOnce = async (source: string, extra: string[] = ['--history', 'hist-run', '--only-changes']) => {
      const err: string[] = [];
      const io = { stdout: () => {}, stderr: (t: string) => void err.push(t), env: { SLACK_WEBHOOK_URL: slack.webhookUrl }, cwd: dir, stdoutIsTTY: false, stderrIsTTY: false };
      const code = await main(['run', '--source', source, '--rules', rules, '--slack', '--output', 'out-run.json', '--format', 'json', ...extra], io);
      return { code, err: err.join('') };
    };
    const before = slack.messages.length;
    expect((await runOnce(path.join(ORGS, 'fleet'))).code).toBe(1);
    const repeat = await runOnce(path.join(ORGS, 'fleet'));
    expect(repeat.err).toContain('nothing new or resolved since the last run: not posted to Slack (--only-changes)');
    await runOnce(next);
    expect(slack.messages.length - before).toBe(2);
    expect(allText(slack.messages.at(-1)!)).toMatch(/1 new/);
    const bad = await runOnce(path.join(ORGS, 'fleet'), ['--only-changes']);
    expect(bad).toEqual({ code: 2, err: 'sfaudit: --only-changes needs --slack and --history <dir> (changes are counted against the last recorded run)\n' });
  });
});
