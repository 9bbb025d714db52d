import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { formatIssue } from '../../src/ruleset/load.js';
import { ORGS, ROOT } from '../support/audit-helpers.js';
import { tempDir } from '../history/helpers/org-versions.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('sfaudit-config-');
  await mkdir(path.join(dir, 'rules'));
  await writeFile(path.join(dir, 'rules', 'ritual.yaml'), `name: t\nrules: []\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let n = 0;
async function configFile(text: string): Promise<string> {
  const file = path.join(dir, `c${++n}.yaml`);
  await writeFile(file, text);
  return file;
}

async function problems(text: string, env?: NodeJS.ProcessEnv): Promise<string[]> {
  const loaded = await loadConfig(await configFile(text), { env });
  if (loaded.ok) return [];
  return loaded.issues.map((i) => formatIssue({ ...i, file: 'cfg.yaml' }));
}

const GOOD = `audits:
  - name: weekly-ritual
    schedule: "0 8 * * 1"
    timezone: Europe/Paris
    rules: rules/ritual.yaml
    org:
      loginUrl: https://test.salesforce.com
      credentials:
        authUrl: SF_AUTH_URL
    slack:
      channel: "#sales-ops"
      tokenEnv: SLACK_BOT_TOKEN
      onlyChanges: true
    formats: [text, json]
  - name: folder
    schedule: "*/5 * * * * *"
    timezone: UTC
    rules: [rules]
    source: ${path.join(ORGS, 'fleet')}
    output: out/folder
    history: { dir: hist, keep: 10, maxAgeDays: 90 }
    failOn: never
shutdownGraceSeconds: 5
`;

describe('sfaudit.config.yaml', () => {
  it('loads audits with paths resolved against the config folder and defaults filled in', async () => {
    const file = await configFile(GOOD);
    const loaded = await loadConfig(file, { env: { SF_AUTH_URL: 'force://x', SLACK_BOT_TOKEN: 'xoxb-1' } });
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const [weekly, folder] = loaded.config.audits;
    expect(loaded.config.shutdownGraceSeconds).toBe(5);
    expect(weekly).toMatchObject({
      name: 'weekly-ritual',
      schedule: '0 8 * * 1',
      timezone: 'Europe/Paris',
      rules: [path.join(dir, 'rules/ritual.yaml')],
      org: { loginUrl: 'https://test.salesforce.com', credentials: { authUrl: 'SF_AUTH_URL' } },
      slack: { channel: '#sales-ops', tokenEnv: 'SLACK_BOT_TOKEN', onlyChanges: true },
      formats: ['text', 'json'],
      output: path.join(dir, 'reports/weekly-ritual'),
      history: { dir: path.join(dir, 'reports/weekly-ritual/history'), retention: { keep: 100 } },
      failOn: 'warning',
      position: { line: 2, column: 5 },
    });
    expect(folder).toMatchObject({
      rules: [path.join(dir, 'rules')],
      source: path.join(ORGS, 'fleet'),
      output: path.join(dir, 'out/folder'),
      history: { dir: path.join(dir, 'hist'), retention: { keep: 10, maxAgeDays: 90 } },
      failOn: 'never',
    });
  });

  it('takes a cache folder (relative to the config) and an API budget for an org audit', async () => {
    const text = GOOD.replace('      loginUrl: https://test.salesforce.com\n', '      loginUrl: https://test.salesforce.com\n      cache: .sfaudit-cache\n      apiBudget: 0.8\n');
    const loaded = await loadConfig(await configFile(text), { env: { SF_AUTH_URL: 'force://x', SLACK_BOT_TOKEN: 'xoxb-1' } });
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    expect(loaded.config.audits[0]?.org).toMatchObject({ cache: path.join(dir, '.sfaudit-cache'), apiBudget: 0.8 });
    const off = await loadConfig(await configFile(text.replace('apiBudget: 0.8', 'apiBudget: off')), { env: { SF_AUTH_URL: 'force://x', SLACK_BOT_TOKEN: 'xoxb-1' } });
    expect(off.ok && off.config.audits[0]?.org?.apiBudget).toBe('off');
    expect(await problems(text.replace('apiBudget: 0.8', 'apiBudget: 90'), { SF_AUTH_URL: 'force://x', SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual(['cfg.yaml:9:18: "90" is not a share of the daily API allocation (at /audits/0/org/apiBudget) — write 0.9, 90% or off']);
  });

  it('refuses an invalid cron expression, saying so, at its line and column', async () => {
    expect(await problems(GOOD.replace('"0 8 * * 1"', '"61 8 * * 1"'))).toEqual([
      'cfg.yaml:3:15: invalid cron expression "61 8 * * 1": minute "61" is not valid (at /audits/0/schedule) — five fields (minute hour day-of-month month day-of-week), or six with seconds first; e.g. "0 8 * * 1" is Mondays at 08:00',
    ]);
    expect(await problems(GOOD.replace('"0 8 * * 1"', 'every monday'))).toEqual([expect.stringMatching(/^cfg\.yaml:3:15: invalid cron expression "every monday": has 2 fields/)]);
  });

  it('refuses an unknown time zone with the nearest one', async () => {
    expect(await problems(GOOD.replace('Europe/Paris', 'Europe/Pariss'))).toEqual([
      'cfg.yaml:4:15: unknown time zone "Europe/Pariss" (at /audits/0/timezone) — did you mean "Europe/Paris"?',
    ]);
  });

  it('refuses an unknown key with a suggestion', async () => {
    expect(await problems(GOOD.replace('    formats: [text, json]', '    format: [text, json]'))).toEqual([
      'cfg.yaml:14:5: unknown key "format" (at /audits/0/format) — did you mean "formats"?',
    ]);
    expect(await problems(`${GOOD}retention: 3\n`)).toEqual([expect.stringMatching(/^cfg\.yaml:24:1: unknown key "retention"/)]);
  });

  it('names every environment variable that is not set, at the place the config names it', async () => {
    expect(await problems(GOOD, { SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'cfg.yaml:9:18: environment variable SF_AUTH_URL is not set (at /audits/0/org/credentials/authUrl) — set SF_AUTH_URL in the environment of the sfaudit process (a secret store, a systemd EnvironmentFile, CI secrets)',
    ]);
  });

  it('refuses a secret written where an environment variable name belongs, without repeating it', async () => {
    const out = await problems(GOOD.replace('tokenEnv: SLACK_BOT_TOKEN', 'tokenEnv: xoxb-123-secret-abc'));
    expect(out).toEqual([expect.stringMatching(/^cfg\.yaml:12:17: must be the name of an environment variable, not its value/)]);
    expect(out.join('\n')).not.toContain('xoxb-123-secret-abc');
  });

  it('refuses credentials that cannot log in, org and source together, and a Slack block without a destination', async () => {
    expect(await problems(GOOD.replace('authUrl: SF_AUTH_URL', 'username: SF_USERNAME'))).toEqual([
      expect.stringMatching(/^cfg\.yaml:9:9: these credentials are not enough to log in .* — name the environment variables for one of: authUrl/),
    ]);
    expect(await problems(GOOD.replace('    rules: [rules]\n', `    rules: [rules]\n    org: { credentials: { authUrl: X } }\n`))).toEqual([
      expect.stringMatching(/^cfg\.yaml:15:5: give either "org:" or "source:", not both/),
    ]);
    expect(await problems(GOOD.replace('      tokenEnv: SLACK_BOT_TOKEN\n', ''))).toEqual([expect.stringMatching(/^cfg\.yaml:11:7: give either "tokenEnv"/)]);
  });

  it('refuses missing rules and metadata folders, duplicate names and a missing required key', async () => {
    const out = await problems(
      GOOD.replace('rules: rules/ritual.yaml', 'rules: rules/nope.yaml').replace('name: folder', 'name: weekly-ritual').replace(`source: ${path.join(ORGS, 'fleet')}`, 'source: nowhere'),
    );
    expect(out).toEqual([
      expect.stringMatching(/^cfg\.yaml:5:12: rules not found: rules\/nope\.yaml/),
      expect.stringMatching(/^cfg\.yaml:15:11: duplicate audit name "weekly-ritual"/),
      expect.stringMatching(/^cfg\.yaml:19:13: metadata folder not found: nowhere/),
    ]);
    expect(await problems(GOOD.replace('    timezone: UTC\n', ''))).toEqual([expect.stringMatching(/^cfg\.yaml:15:5: missing required key "timezone"/)]);
  });

  it('reports YAML syntax errors and a missing file with positions', async () => {
    expect(await problems('audits:\n  - name: [x\n')).toEqual([expect.stringMatching(/^cfg\.yaml:\d+:\d+: YAML syntax error/)]);
    const loaded = await loadConfig(path.join(dir, 'absent.yaml'));
    expect(loaded.ok).toBe(false);
  });
});

describe('sfaudit schedule with a bad config (built CLI)', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/sfaudit.js'), ...args], { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('fails fast with file:line:column and exit 2, before anything runs', async () => {
    const file = await configFile(GOOD.replace('"0 8 * * 1"', '"0 8 * *"').replace('Europe/Paris', 'Mars/Olympus'));
    const out = await run(['schedule', '--config', path.basename(file)], { SF_AUTH_URL: 'x', SLACK_BOT_TOKEN: 'y' });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.split('\n')).toEqual([
      `${path.basename(file)}:3:15: invalid cron expression "0 8 * *": has 4 fields (at /audits/0/schedule) — five fields (minute hour day-of-month month day-of-week), or six with seconds first; e.g. "0 8 * * 1" is Mondays at 08:00`,
      expect.stringMatching(new RegExp(`^${path.basename(file)}:4:15: unknown time zone "Mars/Olympus"`)),
      'sfaudit: the config has 2 problems; nothing was scheduled',
      '',
    ]);
  });

  it('fails fast when an environment variable is missing, and when the rules of an audit are broken', async () => {
    const file = await configFile(GOOD);
    const missing = await run(['schedule', '-c', path.basename(file)], { SLACK_BOT_TOKEN: 'y' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/:9:18: environment variable SF_AUTH_URL is not set/);

    await writeFile(path.join(dir, 'rules', 'broken.yaml'), 'name: b\nrules:\n  - id: x\n    kind: nope\n');
    const broken = await run(['schedule', '-c', path.basename(file)], { SF_AUTH_URL: 'x', SLACK_BOT_TOKEN: 'y' });
    await rm(path.join(dir, 'rules', 'broken.yaml'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/rules[/\\]broken\.yaml:\d+:\d+: /);
    expect(broken.stderr).toContain('the rules have');
  });

  it('uses ./sfaudit.config.yaml by default and says so when it is missing', async () => {
    const out = await run(['schedule']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/sfaudit\.config\.yaml: no such file — write a sfaudit\.config\.yaml/);
  });
});
