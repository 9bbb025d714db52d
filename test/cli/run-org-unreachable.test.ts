// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../support/salesforce/no-proxy.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSalesforceEmulator, type SalesforceEmulator } from '../support/salesforce/index.js';
import { startSlackEmulator, type SlackEmulator } from '../support/slack/index.js';
import { closedPortUrl, startHangingServer, type HangingServer } from '../support/unreachable.js';
import { expectNoSecret } from '../support/secrets.js';
import { ORGS } from '../support/audit-helpers.js';
import { runCli } from '../support/run-cli.js';
import { listRuns } from '../../src/history/store.js';
import type { Report } from '../../src/report/report.js';
import { runInProcess } from './run-org-helpers.js';

const TOKEN = '00D000000000001!AQunreachTok3nValue';
const PASSWORD = 'Unreach-S3cret-Passw0rd';
const USER = 'auditor@fleet.example.com';
/** Two tries, no real back-off, a 200 ms call timeout: an org that never answers fails in well under a second. */
const QUICK = { SFAUDIT_RETRY_BASE_MS: '1', SFAUDIT_MAX_ATTEMPTS: '2', SFAUDIT_CALL_TIMEOUT_MS: '200' };
const STACK = /\n\s+at /;

describe('sfaudit run --org when the org cannot be read: exit 5 or 6, one line, the report still on disk', () => {
  let emulator: SalesforceEmulator;
  let hanging: HangingServer;
  let closed: string;
  let cwd: string;
  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ orgDir: path.join(ORGS, 'fleet'), accessTokens: [TOKEN], users: [{ username: USER, password: PASSWORD }] });
    hanging = await startHangingServer();
    closed = await closedPortUrl();
  });
  afterAll(async () => {
    await emulator.close();
    await hanging.close();
  });
  beforeEach(async () => {
    emulator.faults.reset();
    cwd = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-unreachable-'));
  });

  const run = (args: string[], env: NodeJS.ProcessEnv) => runInProcess(['run', '--org', '--no-network', ...args], { ...QUICK, ...env }, { cwd });
  const saved = async (file = 'sfaudit-report.json'): Promise<Report> => JSON.parse(await readFile(path.join(cwd, file), 'utf8'));
  /** Every rule that reads the org is one "not evaluated" error with the cause; the manual step stays manual. */
  const expectNotEvaluated = (report: Report, cause: string) => {
    expect(report.summary).toMatchObject({ passed: 0, failed: 0, errors: report.rules.length - 1, manual: 1, verdict: 'error' });
    const errors = report.findings.filter((f) => f.status === 'error');
    expect(errors.map((f) => f.ruleId)).toEqual(report.rules.filter((r) => r.kind !== 'manual').map((r) => r.id));
    for (const f of errors) expect(f).toMatchObject({ metadataType: 'Rule', component: f.ruleId, message: `Not evaluated: ${cause}` });
    expect(report.notes).toEqual([`No rule was evaluated: ${cause}.`]);
  };

  it('access token, connection refused: exit 6, the host and what to check, the report in sfaudit-report.json, nothing on stdout', async () => {
    const cause = `cannot reach ${closed} (connection refused): check SF_INSTANCE_URL and the network`;
    const r = await run([], { SF_INSTANCE_URL: closed, SF_ACCESS_TOKEN: TOKEN });
    expect(r).toEqual({ code: 6, stdout: '', stderr: `sfaudit: ${cause}; the report is in sfaudit-report.json\n` });
    const report = await saved();
    expect(report.org).toEqual({ kind: 'org', location: closed });
    expectNotEvaluated(report, cause);
    expectNoSecret([r.stderr, JSON.stringify(report)], [TOKEN, 'AQunreachTok3nValue']);
  });

  it('access token, a host that accepts and never answers: exit 6 after the call timeout, every --output file written', async () => {
    const cause = `cannot reach ${hanging.url} (no answer within 200 ms): check SF_INSTANCE_URL and the network`;
    const r = await run(['-f', 'text,json', '-o', 'out/'], { SF_INSTANCE_URL: hanging.url, SF_ACCESS_TOKEN: TOKEN });
    expect(r).toEqual({ code: 6, stdout: '', stderr: `sfaudit: ${cause}; the report is in out/sfaudit-report.txt, out/sfaudit-report.json\n` });
    expectNotEvaluated(await saved('out/sfaudit-report.json'), cause);
    const text = await readFile(path.join(cwd, 'out/sfaudit-report.txt'), 'utf8');
    expect(text).toMatch(/^sfaudit .* against org http:\/\/127\.0\.0\.1:\d+\nINCOMPLETE: 0 discrepancies, \d+ could not be checked, 1 manual, 0 checks passed\n/);
    expect(existsSync(path.join(cwd, 'sfaudit-report.json'))).toBe(false);
  });

  it('password login, a login host that refuses or never answers: exit 6 naming SF_LOGIN_URL', async () => {
    const login = (url: string) => ({ SF_USERNAME: USER, SF_PASSWORD: PASSWORD, SF_LOGIN_URL: url });
    const refused = await run([], login(closed));
    expect(refused).toEqual({ code: 6, stdout: '', stderr: `sfaudit: cannot reach ${closed} (connection refused): check SF_LOGIN_URL and the network; the report is in sfaudit-report.json\n` });
    expect((await saved()).org.location).toBe(closed);
    const silent = await run(['-f', 'json', '-o', 'report.json'], login(hanging.url));
    expect(silent).toEqual({ code: 6, stdout: '', stderr: `sfaudit: cannot reach ${hanging.url} (no answer within 200 ms): check SF_LOGIN_URL and the network; the report is in report.json\n` });
    expectNoSecret([refused.stderr, silent.stderr, JSON.stringify(await saved()), JSON.stringify(await saved('report.json'))], [PASSWORD]);
  });

  it('rejected credentials: exit 5, the host, the cause and what to check, the report written', async () => {
    const badToken = '00D000000000001!AQnotKnownHere42';
    const token = await run(['-f', 'markdown', '-o', 'refused.md'], { SF_INSTANCE_URL: emulator.url, SF_ACCESS_TOKEN: badToken });
    expect(token).toEqual({
      code: 5,
      stdout: '',
      stderr: `sfaudit: Salesforce at ${emulator.url} refused the session (INVALID_SESSION_ID: Session expired or invalid): check SF_ACCESS_TOKEN (a session expires and cannot be renewed); the report is in refused.md\n`,
    });
    expect(await readFile(path.join(cwd, 'refused.md'), 'utf8')).toContain('Not evaluated: Salesforce at');
    const password = await run([], { SF_USERNAME: USER, SF_PASSWORD: 'wrong-Passw0rd', SF_LOGIN_URL: emulator.url });
    expect(password.code).toBe(5);
    expect(password.stderr).toBe(
      `sfaudit: cannot log in to ${emulator.url} as ${USER} (INVALID_LOGIN: Invalid username, password, security token; or user locked out.): check SF_USERNAME, SF_PASSWORD and SF_SECURITY_TOKEN; the report is in sfaudit-report.json\n`,
    );
    expectNoSecret([token.stderr, password.stderr, JSON.stringify(await saved())], [badToken, 'AQnotKnownHere42', 'wrong-Passw0rd']);
  });

  it('an org that answered and then drops calls is still audited: the rules it could not read are errors, exit 3', async () => {
    emulator.faults.failNext(1000, { resetConnection: true }, { method: 'readMetadata' });
    const r = await run(['-f', 'json', '-o', 'partial.json'], { SF_INSTANCE_URL: emulator.url, SF_ACCESS_TOKEN: TOKEN });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('sfaudit: wrote partial.json\n');
    const report = await saved('partial.json');
    expect(report.notes.join('\n')).not.toContain('No rule was evaluated');
    expect(report.findings.some((f) => f.status === 'error' && f.message.startsWith('Could not evaluate: could not read'))).toBe(true);
  });

  it('--slack posts the one line too; --history does not record a run that looked at nothing', async () => {
    const slack: SlackEmulator = await startSlackEmulator({ tokens: [], channels: [{ id: 'C0UNREACH1', name: 'audits' }] });
    try {
      const r = await run(['--slack', '--history', 'hist'], { SF_INSTANCE_URL: closed, SF_ACCESS_TOKEN: TOKEN, SLACK_WEBHOOK_URL: slack.webhookUrl });
      const cause = `cannot reach ${closed} (connection refused): check SF_INSTANCE_URL and the network`;
      expect(r.code).toBe(6);
      expect(r.stderr).toBe(`sfaudit: ${cause}; the report is in sfaudit-report.json\nsfaudit: told Slack the audit could not run (webhook)\n`);
      expect(slack.messages.map((m) => m.text)).toEqual([`:warning: *sfaudit: the audit could not run:* ${cause}`]);
      expect(await listRuns(path.join(cwd, 'hist'))).toEqual([]);
      expectNoSecret(JSON.stringify(slack.messages), [TOKEN]);
    } finally {
      await slack.close();
    }
  });

  it('the built CLI ends at once with exit 6, one line and no stack trace, even with SFAUDIT_DEBUG, when the login host hangs', async () => {
    const r = await runCli(['run', '--org', '--no-network'], {
      cwd,
      env: { ...QUICK, SF_USERNAME: USER, SF_PASSWORD: PASSWORD, SF_LOGIN_URL: hanging.url, SFAUDIT_DEBUG: '1' },
      timeoutMs: 20_000,
    });
    expect(r).toEqual({
      code: 6,
      stdout: '',
      stderr: `sfaudit: cannot reach ${hanging.url} (no answer within 200 ms): check SF_LOGIN_URL and the network; the report is in sfaudit-report.json\n`,
    });
    expect(r.stderr).not.toMatch(STACK);
    expectNoSecret(JSON.stringify(await saved()), [PASSWORD]);
  });
});
