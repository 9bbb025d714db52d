// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../support/salesforce/no-proxy.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isApiCall, startSalesforceEmulator, type SalesforceEmulator } from '../support/salesforce/index.js';
import { ORGS, ROOT } from '../support/audit-helpers.js';
import { runInProcess } from './run-org-helpers.js';
import { expectNoSecret } from '../support/secrets.js';
import { runCli } from '../support/run-cli.js';
import { startHangingServer } from '../support/unreachable.js';

const ACCESS_TOKEN = '00D000000000001!AQrunOrgAccessTok3n';
const SECRETS = {
  password: 'S3cret-Passw0rd',
  securityToken: 'SECTOKEN4242',
  clientSecret: 'cl1ent-s3cret-value',
  refreshToken: '5Aep861.REFRESHsecret',
};
const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

describe('sfaudit run --org', () => {
  let emulator: SalesforceEmulator;
  let tmp: string;
  const tokenEnv = () => ({ SF_INSTANCE_URL: emulator.url, SF_ACCESS_TOKEN: ACCESS_TOKEN });
  beforeAll(async () => {
    emulator = await startSalesforceEmulator({
      orgDir: path.join(ORGS, 'fleet'),
      accessTokens: [ACCESS_TOKEN],
      users: [{ username: 'auditor@fleet.example.com', password: SECRETS.password, securityToken: SECRETS.securityToken }],
      clients: [{ clientId: 'sfaudit-app', clientSecret: SECRETS.clientSecret, jwtPublicKeyPem: publicKey }],
      refreshTokens: [SECRETS.refreshToken],
    });
    tmp = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-run-org-'));
    await writeFile(path.join(tmp, 'server.key'), privateKey);
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.faults.reset());

  it('audits the live org: same verdict as the folder, API calls and the org’s daily usage in the report', async () => {
    const r = await runInProcess(['run', '--org', '--no-network', '--format', 'json'], tokenEnv());
    const folder = await runInProcess(['run', '--source', 'fixtures/orgs/fleet', '--no-network', '--format', 'json'], {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(folder.code);
    const report = JSON.parse(r.stdout);
    expect(report.org).toEqual({ kind: 'org', location: emulator.url });
    expect(report.summary).toEqual(JSON.parse(folder.stdout).summary);
    expect(report.stats).toMatchObject({ apiCalls: expect.any(Number), apiRetries: 0, readMetadataCalls: 5, listMetadataCalls: 1, orgDailyApiLimit: 15000 });
    // Record queries made by data rules during the audit count too, and the usage is read at the end.
    expect(report.stats.queryCalls).toBeGreaterThan(0);
    // The org's usage is read first (REST /limits) for --api-budget.
    expect(report.stats.usageCalls).toBe(1);
    expect(report.stats.apiCalls).toBe(report.stats.usageCalls + report.stats.readMetadataCalls + report.stats.listMetadataCalls + report.stats.describeCalls + report.stats.queryCalls);
    // The guard's estimate: the last reading plus our calls since. A call in flight when the reading came may be in it
    // already and is counted again (budget.ts): at most one per call in flight (5 by default), never fewer than the org counted.
    expect(report.stats.orgDailyApiUsed).toBeGreaterThanOrEqual(emulator.apiUsage.used);
    expect(report.stats.orgDailyApiUsed).toBeLessThanOrEqual(emulator.apiUsage.used + 5);
  });

  it('the text report ends with the API calls made and the org’s daily API usage', async () => {
    const r = await runInProcess(['run', '--org', '--no-network'], tokenEnv());
    expect(r.stdout).toMatch(/apiCalls: \d+, apiRetries: 0, .*orgDailyApiUsed: \d+, orgDailyApiLimit: 15000/);
  });

  it('--target-org and --concurrency are accepted; --source with --org is not', async () => {
    const both = await runInProcess(['run', '--org', '--source', 'fixtures/orgs/fleet'], tokenEnv());
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('sfaudit: audit either a folder (--source) or an org (--org / --target-org), not both\n');
    const bad = await runInProcess(['run', '--org', '--concurrency', '0'], tokenEnv());
    expect(bad.code).toBe(2);
    emulator.faults.latencyMs = 5;
    const one = await runInProcess(['run', '--org', '--no-network', '--concurrency', '1', '--format', 'json'], tokenEnv());
    expect(JSON.parse(one.stdout).stats.readMetadataCalls).toBe(5);
    expect(emulator.peakConcurrency).toBe(1);
  });

  it('sends the data rules’ record queries once their objects are read, beside the other reads, and no more of them', async () => {
    emulator.faults.latencyMs = 40;
    const from = emulator.calls.length;
    const r = await runInProcess(['run', '--org', '--no-network', '--concurrency', '10', '--format', 'json'], tokenEnv());
    const report = JSON.parse(r.stdout);
    const calls = emulator.calls.slice(from);
    const queries = calls.filter((c) => c.method === 'query');
    // One query per data rule (the fleet's records fit one page), as when they waited for the whole read.
    expect(queries).toHaveLength(report.rules.filter((rule: { kind: string }) => rule.kind === 'records' || rule.kind === 'links').length);
    expect(report.stats.queryCalls).toBe(queries.length);
    const objectsRead = Math.max(...calls.filter((c) => c.method === 'readMetadata' && c.type === 'CustomObject').map((c) => c.repliedAt!));
    const lastRead = Math.max(...calls.filter((c) => c.method === 'readMetadata').map((c) => c.repliedAt!));
    for (const query of queries) {
      expect(query.receivedAt!).toBeGreaterThanOrEqual(objectsRead);
      expect(query.receivedAt!).toBeLessThan(lastRead);
    }
    // And the verdict is the folder's, as without them.
    const folder = await runInProcess(['run', '--source', 'fixtures/orgs/fleet', '--no-network', '--format', 'json'], {});
    expect(report.summary).toEqual(JSON.parse(folder.stdout).summary);
  });

  it('exit 2 when credentials are missing; exit 5 and one line naming the host, the cause and what to check when Salesforce refuses them', async () => {
    const none = await runInProcess(['run', '--org'], {});
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toMatch(/^sfaudit: no Salesforce credentials: set SF_INSTANCE_URL \+ SF_ACCESS_TOKEN, .*--target-org <alias>\n$/);
    // The address bar's Lightning host: a usage error with the URL to use, not an internal one.
    const lightning = await runInProcess(['run', '--org'], { SF_INSTANCE_URL: 'https://acme.lightning.force.com', SF_ACCESS_TOKEN: ACCESS_TOKEN });
    expect(lightning).toMatchObject({
      code: 2,
      stderr: "sfaudit: SF_INSTANCE_URL is the org's Lightning address (acme.lightning.force.com), where the APIs do not answer: use https://acme.my.salesforce.com\n",
    });

    // Refused credentials leave a report (sfaudit-report.json, no --output here): in a folder of its own.
    const cwd = await mkdtemp(path.join(tmp, 'refused-'));
    const password = await runInProcess(['run', '--org'], { SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: 'nope', SF_LOGIN_URL: emulator.url }, { cwd });
    expect(password).toEqual({
      code: 5,
      stdout: '',
      stderr: `sfaudit: cannot log in to ${emulator.url} as auditor@fleet.example.com (INVALID_LOGIN: Invalid username, password, security token; or user locked out.): check SF_USERNAME, SF_PASSWORD and SF_SECURITY_TOKEN; the report is in sfaudit-report.json\n`,
    });
    const refresh = await runInProcess(['run', '--org'], { SF_AUTH_URL: `force://sfaudit-app:${SECRETS.clientSecret}:5Aep.bad@${emulator.url}` }, { cwd });
    expect(refresh).toMatchObject({
      code: 5,
      stderr: `sfaudit: cannot log in to ${emulator.url} with SF_AUTH_URL (invalid_grant: expired access/refresh token): check SF_AUTH_URL (sf org display --verbose prints a current one); the report is in sfaudit-report.json\n`,
    });
    expect(JSON.parse(await readFile(path.join(cwd, 'sfaudit-report.json'), 'utf8')).summary.verdict).toBe('error');
  });

  it('exit 3 and a complete report when calls keep failing: the rules that needed them are errors', async () => {
    emulator.faults.failNext(1000, { status: 500 }, { method: 'readMetadata' });
    const out = path.join(tmp, 'failing.json');
    const r = await runInProcess(['run', '--org', '--no-network', '--format', 'json', '--output', out], { ...tokenEnv(), SFAUDIT_MAX_ATTEMPTS: '2' });
    expect(r.code).toBe(3);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.summary.verdict).toBe('error');
    // Objects, the profile, layouts and apps, one retry each; record pages wait for their objects, which never came.
    expect(report.stats.apiRetries).toBe(4);
    expect(report.rules.filter((x: { status: string }) => x.status === 'pass')).toEqual([]);
  });

  it('connects while the rules load; rules that do not load win: exit 2, nothing read, no wait for an org that never answers', async () => {
    const broken = path.join(tmp, 'broken.yaml');
    await writeFile(broken, 'name: Broken\nrules:\n  - id: x\n    kind: no-such-kind\n    target: { object: Account }\n');
    const before = emulator.calls.length;
    const r = await runInProcess(['run', '--org', '--rules', broken], tokenEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:4:\d+: .*no-such-kind/);
    // At most the reading of the org's API usage, which went out before the rules were known (and connections opened).
    expect(emulator.calls.slice(before).filter(isApiCall).map((c) => c.method).filter((m) => m !== 'limits')).toEqual([]);

    // No credentials either: the rules' failure is the one reported, in lines, with no stack trace.
    const both = await runCli(['run', '--org', '--rules', broken], { env: {} });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/no-such-kind[\s\S]*nothing was audited\n$/);
    expect(both.stderr).not.toMatch(/Error|at file:/);

    // The built CLI against a host that never answers: the org's call would hold the process until its
    // timeout (2 minutes); the rules' exit code comes at once.
    const hanging = await startHangingServer();
    try {
      const cli = await runCli(['run', '--org', '--rules', broken], { env: { SF_INSTANCE_URL: hanging.url, SF_ACCESS_TOKEN: ACCESS_TOKEN }, timeoutMs: 20_000 });
      expect(cli.code).toBe(2);
      expect(cli.stderr).toMatch(/no-such-kind/);
      expect(hanging.accepted).toBeGreaterThan(0);
    } finally {
      await hanging.close();
    }
  });

  it('shows a progress line on a terminal’s stderr, and none when stderr is not one or JSON goes to stdout', async () => {
    const tty = await runInProcess(['run', '--org', '--no-network', '--format', 'json', '--output', path.join(tmp, 'p.json')], tokenEnv(), { stderrIsTTY: true });
    expect(tty.stderr).toMatch(/\r\x1b\[2Ksfaudit: reading the org · \d+\/\d+ components · \d+ API calls?/);
    // Cleared before anything else is written.
    expect(tty.stderr).toMatch(/\r\x1b\[2Ksfaudit: wrote .*p\.json\n$/);
    const pipe = await runInProcess(['run', '--org', '--no-network'], tokenEnv(), { stderrIsTTY: false });
    expect(pipe.stderr).toBe('');
    const json = await runInProcess(['run', '--org', '--no-network', '--format', 'json'], tokenEnv(), { stderrIsTTY: true });
    expect(json.stderr).toBe('');
  });

  it('never prints, logs or writes a secret (every credential form, good and bad, every output)', async () => {
    const outDir = path.join(tmp, 'secret-check');
    const key = path.join(tmp, 'server.key');
    const runs: NodeJS.ProcessEnv[] = [
      tokenEnv(),
      { SF_INSTANCE_URL: emulator.url, SF_ACCESS_TOKEN: '00D000000000001!AQwrongTokenValue99' },
      { SF_AUTH_URL: `force://sfaudit-app:${SECRETS.clientSecret}:${SECRETS.refreshToken}@${emulator.url}` },
      { SF_AUTH_URL: `force://sfaudit-app:${SECRETS.clientSecret}:${SECRETS.refreshToken}X@${emulator.url}` },
      { SF_CLIENT_ID: 'sfaudit-app', SF_USERNAME: 'auditor@fleet.example.com', SF_JWT_KEY_FILE: key, SF_LOGIN_URL: emulator.url },
      { SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: SECRETS.password, SF_SECURITY_TOKEN: SECRETS.securityToken, SF_LOGIN_URL: emulator.url },
      { SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: `${SECRETS.password}x`, SF_SECURITY_TOKEN: SECRETS.securityToken, SF_LOGIN_URL: emulator.url },
      { SF_USERNAME: 'auditor@fleet.example.com', SF_PASSWORD: SECRETS.password + SECRETS.securityToken, SF_CLIENT_ID: 'sfaudit-app', SF_CLIENT_SECRET: SECRETS.clientSecret, SF_LOGIN_URL: emulator.url },
    ];
    const secrets = [...Object.values(SECRETS), ACCESS_TOKEN, 'AQwrongTokenValue99', privateKey.split('\n')[1]!];
    const seen: string[] = [];
    const codes: number[] = [];
    for (const [i, env] of runs.entries()) {
      // Sessions expire half-way, so refreshes (which re-send secrets) happen too.
      emulator.faults.reset();
      emulator.faults.expireSessionAfter(3);
      const dir = path.join(outDir, String(i));
      const r = await spawnCli(['run', '--org', '--no-network', '-f', 'text', '-f', 'json', '-f', 'sarif', '-f', 'markdown', '-o', `${dir}/`], {
        ...env,
        SFAUDIT_DEBUG: '1',
        SFAUDIT_RETRY_BASE_MS: '1',
      });
      codes.push(r.code ?? -1);
      seen.push(r.stdout, r.stderr);
      for (const file of await readdir(dir).catch(() => [])) seen.push(await readFile(path.join(dir, file), 'utf8'));
    }
    // Good logins audit to the end, with the folder audit's exit code; refused ones stop with 5 (and leave a
    // report saying so), and so does a plain access token once its session expires (it cannot be refreshed).
    const audited = (await runInProcess(['run', '--source', 'fixtures/orgs/fleet', '--no-network'], {})).code;
    expect(codes).toEqual([5, 5, audited, 5, audited, audited, 5, audited]);
    expect(seen.join('\n')).toContain('apiCalls');
    expect(seen.join('\n')).toContain('Not evaluated: ');
    expectNoSecret(seen, secrets);
    emulator.faults.reset();
  }, 60_000);
});

/** The CLI as a separate process (via tsx, no build needed), so anything any library prints is captured too. */
function spawnCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const script = `import { main } from ${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))}; process.exitCode = await main(process.argv.slice(1));`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
