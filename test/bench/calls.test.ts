// Must come before jsforce: it clears HTTP(S)_PROXY, which jsforce reads at load time.
import '../support/salesforce/no-proxy.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../support/salesforce/index.js';
import { generateOrg } from '../../bench/generate/index.js';
import { SMALL_SHAPE } from '../../bench/generate/plan.js';
import { readOneByOne } from '../../bench/baseline.js';
import { readLive } from '../../bench/live-reader.js';
import { folderListing } from '../../bench/listing.js';
import { minimumCalls, neededComponents } from '../../bench/minimum.js';
import { orgWideRules, RITUAL_RULES } from '../../bench/scenarios.js';
import { planNeeds } from '../../src/engine/needs.js';
import { loadRuleset } from '../../src/ruleset/load.js';
import type { Ruleset } from '../../src/ruleset/types.js';

const TOKEN = '00D000000000001!AQbenchCallsTest';

async function rules(file: string): Promise<Ruleset> {
  const loaded = await loadRuleset([file]);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.ruleset;
}

describe('bench call counts (small generated org, no latency)', () => {
  let dir: string;
  let orgDir: string;
  let emulator: SalesforceEmulator;
  let ritual: Ruleset;
  let orgWide: Ruleset;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-bench-calls-'));
    orgDir = path.join(dir, 'org');
    const org = generateOrg(orgDir, { seed: 11, shape: SMALL_SHAPE });
    await writeFile(path.join(dir, 'org-wide.yaml'), orgWideRules(org.plan));
    ritual = await rules(RITUAL_RULES);
    orgWide = await rules(path.join(dir, 'org-wide.yaml'));
    emulator = await startSalesforceEmulator({ orgDir, accessTokens: [TOKEN] });
  });
  afterAll(async () => {
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('the baseline lists each type once and reads each component with a call of its own', async () => {
    const conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: TOKEN, version: '62.0' });
    const needs = planNeeds(orgWide.rules);
    const from = emulator.calls.length;
    const result = await readOneByOne(conn, needs);
    const calls = emulator.calls.slice(from);
    const components = [...neededComponents(needs, await folderListing(orgDir)).values()].reduce((n, s) => n + s.size, 0);
    expect(result).toMatchObject({ listCalls: 3, components, read: components, extrapolated: false });
    expect(calls.filter((c) => c.method === 'listMetadata')).toHaveLength(3);
    expect(calls.filter((c) => c.method === 'readMetadata')).toHaveLength(components);
    expect(calls.every((c) => c.method !== 'readMetadata' || c.names?.length === 1)).toBe(true);
    expect(result.org.layouts.size).toBe(SMALL_SHAPE.objects * SMALL_SHAPE.layoutsPerObject + 4);
  });

  it('a sampled baseline reads the sample only, spread over every type, and says it extrapolated', async () => {
    const conn = new jsforce.Connection({ instanceUrl: emulator.url, accessToken: TOKEN, version: '62.0' });
    const from = emulator.calls.length;
    const result = await readOneByOne(conn, planNeeds(orgWide.rules), 12);
    const reads = emulator.calls.slice(from).filter((c) => c.method === 'readMetadata');
    expect(reads).toHaveLength(12);
    expect(new Set(reads.map((c) => c.type))).toEqual(new Set(['CustomObject', 'Layout', 'ListView']));
    expect(result.extrapolated).toBe(true);
    expect(result.wallMs).toBeGreaterThan(result.listMs);
  });

  for (const [name, pick] of [
    ['ritual', () => ritual],
    ['org-wide', () => orgWide],
  ] as const) {
    it(`the live reader stays within the minimum Metadata API calls (${name} rules)`, async () => {
      const ruleset = pick();
      const needs = planNeeds(ruleset.rules);
      const minimum = minimumCalls(needs, await folderListing(orgDir));
      const from = emulator.calls.length;
      await readLive(Promise.resolve(ruleset.rules), { url: emulator.url, accessToken: TOKEN, apiVersion: '62.0' });
      const calls = emulator.calls.slice(from);
      const list = calls.filter((c) => c.method === 'listMetadata').length;
      const read = calls.filter((c) => c.method === 'readMetadata').length;
      expect(list).toBeLessThanOrEqual(minimum.listCalls);
      expect(list + read).toBeLessThanOrEqual(minimum.total);
    });
  }
});
