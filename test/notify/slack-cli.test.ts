import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { EXIT } from '../../src/report/exit-code.js';
import { startSlackEmulator, validateBlocks, type SlackEmulator } from '../support/slack/index.js';
import { FLEET } from '../reporters/fleet-report.js';

/** One layout rule the fleet breaks: a fast, network-free audit with exit code 1. */
const RULES = `name: Slack test ritual
rules:
  - id: account-additional-information
    step: "Accounts: Additional information has the LinkedIn fields"
    kind: layout-section
    target: { object: Account, section: Additional Information }
    expect:
      match: ordered
      fields: [Account Name, Account Rating, LinkedIn sales navigator URL, LinkedIn company URL, My LinkedIn overlaps]
`;
const TOKEN = 'xoxb-cli-test-token';
const CHANNEL = { id: 'C0CLI00001', name: 'audits' };

let slack: SlackEmulator;
let dir: string;

beforeEach(async () => {
  slack = await startSlackEmulator({ tokens: [TOKEN], channels: [CHANNEL] });
  dir = await mkdtemp(path.join(tmpdir(), 'sfaudit-slack-'));
  await writeFile(path.join(dir, 'rules.yaml'), RULES);
});
afterEach(async () => {
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: dir, stdoutIsTTY: false, stderrIsTTY: false };
  const code = await main(['run', '--source', FLEET, '--rules', 'rules.yaml', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('sfaudit run --slack', () => {
  it('posts through the webhook, keeps the report on disk, and exits with the audit code', async () => {
    const result = await run(['--slack', '-f', 'text'], { SLACK_WEBHOOK_URL: slack.webhookUrl });
    expect(result.code).toBe(EXIT.discrepancies);
    expect(result.stderr).toBe('sfaudit: wrote sfaudit-report.json\nsfaudit: posted the report to Slack (webhook)\n');
    expect(result.stdout).toContain('FAIL: 1 discrepancy');
    const saved = JSON.parse(await readFile(path.join(dir, 'sfaudit-report.json'), 'utf8'));
    expect(saved.summary.failed).toBe(1);
    expect(slack.messages).toHaveLength(1);
    expect(validateBlocks(slack.messages[0]!.blocks!)).toEqual([]);
    expect(JSON.stringify(slack.messages[0]!.blocks)).toContain('Full report: sfaudit-report.json on the machine that ran the audit.');
  });

  it('with a bot token, attaches the markdown report in the thread; --output files are the copy on disk', async () => {
    const env = { SLACK_BOT_TOKEN: TOKEN, SLACK_CHANNEL: '#audits', SLACK_API_URL: slack.apiUrl };
    const result = await run(['--slack', '-f', 'html', '-o', 'out/report.html'], env);
    expect(result.code).toBe(EXIT.discrepancies);
    expect(result.stderr).toBe(`sfaudit: wrote ${path.join('out', 'report.html')}\nsfaudit: posted the report to Slack (channel ${CHANNEL.id}, full report in the thread)\n`);
    expect(existsSync(path.join(dir, 'sfaudit-report.json'))).toBe(false);
    expect(slack.files).toHaveLength(1);
    expect(slack.files[0]).toMatchObject({ filename: 'sfaudit-report.md', thread_ts: slack.messages[0]!.ts, channel: CHANNEL.id });
    expect(slack.files[0]!.content).toContain('# sfaudit report: Slack test ritual');
  });

  it('a 429 is retried', async () => {
    slack.faults.rateLimitNext(1, 1);
    const result = await run(['--slack', '-f', 'json', '-o', 'report.json'], { SLACK_WEBHOOK_URL: slack.webhookUrl });
    expect(result.code).toBe(EXIT.discrepancies);
    expect(slack.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('an outage leaves the report on disk, says where in one line, and exits 4', async () => {
    slack.faults.outage(true);
    const result = await run(['--slack', '-f', 'text'], { SLACK_WEBHOOK_URL: slack.webhookUrl });
    expect(result.code).toBe(EXIT.notifyFailed);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'sfaudit: wrote sfaudit-report.json',
      'sfaudit: could not post to Slack: Slack answered HTTP 503 (4 attempts); the report is in sfaudit-report.json',
    ]);
    expect(JSON.parse(await readFile(path.join(dir, 'sfaudit-report.json'), 'utf8')).summary.failed).toBe(1);
    expect(result.stderr).not.toContain(slack.webhookUrl);
  });

  it('missing Slack settings are a usage error before anything is audited', async () => {
    const result = await run(['--slack'], { SLACK_BOT_TOKEN: TOKEN });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toBe('sfaudit: SLACK_BOT_TOKEN is set but SLACK_CHANNEL is not: say which channel to post to\n');
    expect(existsSync(path.join(dir, 'sfaudit-report.json'))).toBe(false);
    expect(slack.requests).toHaveLength(0);
  });
});
