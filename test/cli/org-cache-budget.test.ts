// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../support/salesforce/no-proxy.js';
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startSalesforceEmulator, type SalesforceEmulator } from '../support/salesforce/index.js';
import { ORGS } from '../support/audit-helpers.js';
import { runInProcess } from './run-org-helpers.js';

const ACCESS_TOKEN = '00D000000000001!AQcacheBudgetTok3n';

describe('run --org / snapshot: --cache and --api-budget', () => {
  let emulator: SalesforceEmulator | undefined;
  afterEach(() => emulator?.close());

  const start = async (used = 0) => {
    emulator = await startSalesforceEmulator({ orgDir: path.join(ORGS, 'fleet'), accessTokens: [ACCESS_TOKEN], apiUsage: { used, max: 15_000 } });
    return { SF_INSTANCE_URL: emulator.url, SF_ACCESS_TOKEN: ACCESS_TOKEN };
  };
  const json = (stdout: string) => JSON.parse(stdout) as { summary: unknown; stats: Record<string, number>; notes: string[]; findings: Array<{ status: string; message: string }> };

  it('--cache <dir>: the second run serves what did not change from the cache, with the same report', async () => {
    const env = await start();
    const cache = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-cli-cache-'));
    const first = await runInProcess(['run', '--org', '--no-network', '--format', 'json', '--cache', cache], env);
    const second = await runInProcess(['run', '--org', '--no-network', '--format', 'json', '--cache', cache], env);
    expect(second.code).toBe(first.code);
    expect(json(second.stdout).summary).toEqual(json(first.stdout).summary);
    expect(json(first.stdout).stats.cacheStored).toBeGreaterThan(0);
    expect(json(second.stdout).stats.componentsCached).toBe(json(first.stdout).stats.cacheStored);
    expect(json(second.stdout).stats.readMetadataCalls).toBeLessThan(json(first.stdout).stats.readMetadataCalls!);
    // Rules whose components did not change keep their findings (the report is the same all the same).
    expect(json(first.stdout).stats.rulesKept).toBe(0);
    expect(json(second.stdout).stats.rulesKept).toBeGreaterThan(0);
    expect(json(second.stdout).findings).toEqual(json(first.stdout).findings);
    // One folder per org and API version, one file per type.
    const [folder] = await readdir(cache);
    expect((await readdir(path.join(cache, folder!))).sort()).toEqual(expect.arrayContaining(['Layout.jsonl', 'findings.json']));
  });

  it('snapshot --cache writes the same snapshot from the cache', async () => {
    const env = await start();
    const cache = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-cli-cache-'));
    const outs = [await mkdtemp(path.join(os.tmpdir(), 'sfaudit-snap-a-')), await mkdtemp(path.join(os.tmpdir(), 'sfaudit-snap-b-'))];
    const runs = [];
    for (const out of outs) runs.push(await runInProcess(['snapshot', '--org', '--all', '--out', out, '--cache', cache], env));
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(runs[1]!.stderr).toMatch(/and \d+ more from the cache/);
    const files = async (dir: string) => (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.xml')).sort();
    const [a, b] = [await files(outs[0]!), await files(outs[1]!)];
    expect(b).toEqual(a);
    for (const f of a) expect(await readFile(path.join(outs[1]!, f), 'utf8'), f).toBe(await readFile(path.join(outs[0]!, f), 'utf8'));
  });

  it('stops before the org passes 90% of its daily API allocation: exit 3, the report says why', async () => {
    const env = await start(13_496);
    const r = await runInProcess(['run', '--org', '--no-network', '--format', 'json', '--concurrency', '1'], env);
    expect(r.code).toBe(3);
    expect(emulator!.apiUsage.used).toBeLessThanOrEqual(13_500);
    const report = json(r.stdout);
    expect(report.stats.apiBudgetStopped).toBe(1);
    expect(report.notes.join('\n')).toMatch(/stopped reading before the org's daily API usage passed 90%/);
    expect(report.findings.some((f) => f.status === 'error' && /sfaudit stopped before the org's daily API usage passed 90%/.test(f.message))).toBe(true);
  });

  it('warns on stderr past 70%; --api-budget takes a share or a percentage, and refuses anything else', async () => {
    const env = await start(10_496);
    const warned = await runInProcess(['run', '--org', '--no-network'], env);
    expect(warned.stderr).toMatch(/^sfaudit: warning: the org has used about 10,5\d\d of its 15,000 daily API calls \(70%\); sfaudit stops before 90% \(--api-budget\)$/m);
    const lower = await runInProcess(['run', '--org', '--no-network', '--api-budget', '60%', '--format', 'json'], env);
    expect(lower.code).toBe(3);
    expect(json(lower.stdout).notes.join('\n')).toMatch(/passed 60%/);
    const bad = await runInProcess(['run', '--org', '--api-budget', '2'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--api-budget.*expected a share of the daily allocation: 0.9, 90% or off/);
  });
});
