import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fleetWithUnlabelledField, folderAudit, liveAudit, rulesFromYaml, startOrg } from './helpers.js';
import { ORGS, REALWORLD, ritual } from '../../support/audit-helpers.js';
import { isApiCall, type CallLog, type SalesforceEmulator } from '../../support/salesforce/index.js';
import { isKnownObjectName } from '../../../src/model/standard-fields.js';

/** Names each readMetadata call asked for, by type. */
function readsByType(calls: CallLog[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of calls.filter((c) => c.method === 'readMetadata')) out.set(c.type!, [...(out.get(c.type!) ?? []), ...(c.names ?? [])]);
  return out;
}

function expectBatchedReads(calls: CallLog[]): Map<string, string[]> {
  const byType = readsByType(calls);
  const expected = [...byType.values()].reduce((n, names) => n + Math.ceil(names.length / 10), 0);
  expect(calls.filter((c) => c.method === 'readMetadata')).toHaveLength(expected);
  for (const c of calls) {
    if (c.method === 'readMetadata') expect(c.names!.length).toBeLessThanOrEqual(10);
    if (c.method === 'listMetadata') expect(c.queries!.length).toBeLessThanOrEqual(3);
  }
  // Never a component twice, never an object child on its own.
  for (const [type, names] of byType) {
    expect(new Set(names).size, type).toBe(names.length);
    expect(['CustomField', 'ListView', 'CompactLayout', 'WebLink']).not.toContain(type);
  }
  return byType;
}

describe('what the live reader asks Salesforce for', () => {
  let fleet: SalesforceEmulator;
  let pmm: SalesforceEmulator;
  beforeAll(async () => {
    fleet = await startOrg(path.join(ORGS, 'fleet'));
    pmm = await startOrg(path.join(REALWORLD, 'pmmOrgDump'));
  });
  afterAll(async () => {
    await fleet.close();
    await pmm.close();
  });

  it('the ritual on the fleet org: one listMetadata, readMetadata = Σ ceil(components / 10) = 5, no describe needed', async () => {
    const before = fleet.calls.length;
    const { read } = await liveAudit(fleet, await ritual());
    const calls = fleet.calls.slice(before).filter((c) => c.api !== 'rest' || c.method !== 'query' && c.method !== 'queryMore');
    const byType = expectBatchedReads(calls);
    expect(Object.fromEntries([...byType].map(([t, n]) => [t, n.length]))).toEqual({
      CustomObject: 4,
      Layout: 4,
      Profile: 1,
      CustomApplication: 1,
      FlexiPage: 3,
    });
    expect(calls.filter((c) => c.method === 'readMetadata')).toHaveLength(5);
    expect(calls.filter((c) => c.method === 'listMetadata')).toHaveLength(1);
    // Every unlabelled standard field of the fleet's objects is in the built-in table: describe would add nothing.
    expect(calls.filter((c) => c.method === 'describe')).toEqual([]);
    expect(calls.filter((c) => c.method === 'describeGlobal')).toHaveLength(1);
    // The org's daily API usage, read first for --api-budget (default 90%): the first API call (connections
    // are opened just before it, with the public list of API versions, which is none).
    expect(calls.filter(isApiCall)[0]?.method).toBe('limits');
    expect(read.stats).toMatchObject({ readMetadataCalls: 5, listMetadataCalls: 1, describeCalls: 1, usageCalls: 1, apiCalls: 8, apiRetries: 0, componentsRead: 13 });
    // Sforce-Limit-Info from the REST replies: the org's own counter.
    expect(read.stats.orgDailyApiLimit).toBe(15000);
    expect(read.stats.orgDailyApiUsed).toBeGreaterThan(0);
  });

  it('describes an object only when its metadata leaves a field unlabelled that the table does not know, and uses the label', async () => {
    const dir = await fleetWithUnlabelledField();
    const org = await startOrg(dir);
    try {
      const ruleset = await rulesFromYaml(`
name: won
rules:
  - { id: won, step: s, kind: fields-exist, target: { object: Opportunity }, expect: { fields: [Won, Amount] } }
  - { id: acc, step: s, kind: fields-exist, target: { object: Account }, expect: { fields: [Account Name] } }
`);
      const { report, read } = await liveAudit(org, ruleset);
      expect(org.calls.filter((c) => c.method === 'describe').map((c) => c.type)).toEqual(['Opportunity']);
      expect(read.org.objects.get('Opportunity')?.fields.get('IsWon')).toMatchObject({ label: 'Won', type: 'Checkbox' });
      // Live, "Won" is a field; a folder has no way to know its label.
      expect(report.findings).toEqual([]);
      expect((await folderAudit(dir, ruleset)).findings.map((f) => f.component)).toEqual(['Opportunity.Won']);
    } finally {
      await org.close();
    }
  });

  it('batches by ten at scale: many layouts, profiles, apps and record pages of a real org', async () => {
    // Every object of the org with a layout that rules may name (the validator knows standard and custom objects).
    const objects = [...new Set(readdirSync(path.join(REALWORLD, 'pmmOrgDump/force-app/main/default/layouts')).map((f) => f.split('-')[0]!))]
      .filter(isKnownObjectName)
      .sort();
    const profiles = readdirSync(path.join(REALWORLD, 'pmmOrgDump/force-app/main/default/profiles')).map((f) => f.replace('.profile-meta.xml', '')).slice(0, 23);
    const ruleset = await rulesFromYaml(`
name: scale
rules:
${objects.map((o, i) => `  - { id: rl-${i}, step: s, kind: related-lists, target: { object: ${o} }, expect: { absent: [Notes] } }`).join('\n')}
${profiles.map((p, i) => `  - { id: tabs-${i}, step: s, kind: tabs, target: { profile: "${p}" }, expect: { visible: [Accounts] } }`).join('\n')}
  - { id: page, step: s, kind: record-page, target: { object: Account }, expect: { absent: [c:notes] } }
`);
    const before = pmm.calls.length;
    const { read } = await liveAudit(pmm, ruleset);
    const calls = pmm.calls.slice(before);
    const byType = expectBatchedReads(calls);
    const layouts = readdirSync(path.join(REALWORLD, 'pmmOrgDump/force-app/main/default/layouts'))
      .map((f) => f.replace('.layout-meta.xml', ''))
      .filter((l) => objects.includes(l.split('-')[0]!));
    expect([...byType.get('Layout')!].sort()).toEqual(layouts.sort());
    expect(byType.get('Layout')!.length).toBeGreaterThan(40);
    expect(byType.get('Profile')).toHaveLength(23);
    expect(byType.get('CustomApplication')).toHaveLength(18);
    expect(byType.get('FlexiPage')).toHaveLength(19);
    expect(read.stats.readMetadataCalls).toBe(calls.filter((c) => c.method === 'readMetadata').length);
    // Layouts, apps and record pages in one listMetadata call; named profiles and the object read directly.
    expect(calls.filter((c) => c.method === 'listMetadata').map((c) => c.queries!.map((q) => q.type))).toEqual([['Layout', 'CustomApplication', 'FlexiPage']]);
  });

  it('asks for the objects before the other types it reads, with a cache too, where every type waits for the listings', async () => {
    const objects = [...new Set(readdirSync(path.join(REALWORLD, 'pmmOrgDump/force-app/main/default/layouts')).map((f) => f.split('-')[0]!))]
      .filter(isKnownObjectName)
      .sort();
    // Layouts of every object (listed), and the objects themselves (list views): both read once the listings are in.
    const ruleset = await rulesFromYaml(`
name: order
rules:
${objects.map((o, i) => `  - { id: rl-${i}, step: s, kind: related-lists, target: { object: ${o} }, expect: { absent: [Notes] } }`).join('\n')}
${objects.map((o, i) => `  - { id: lv-${i}, step: s, kind: list-view, target: { object: ${o}, listView: All }, expect: { filterScope: Everything } }`).join('\n')}
`);
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'sfaudit-order-'));
    try {
      for (const cache of [undefined, cacheDir]) {
        const before = pmm.calls.length;
        await liveAudit(pmm, ruleset, { concurrency: 2, ...(cache ? { cacheDir: cache } : {}) });
        const reads = pmm.calls.slice(before).filter((c) => c.method === 'readMetadata');
        const lastObjects = reads.map((c) => c.type).lastIndexOf('CustomObject');
        const firstLayouts = reads.findIndex((c) => c.type === 'Layout');
        expect(lastObjects, cache ? 'with a cache' : 'without').toBeGreaterThanOrEqual(0);
        expect(firstLayouts).toBeGreaterThan(lastObjects);
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('stays within the concurrency bound', async () => {
    // 30 profiles read by name: three calls that can go at once, with the object, from the start.
    const profiles = readdirSync(path.join(REALWORLD, 'pmmOrgDump/force-app/main/default/profiles')).map((f) => f.replace('.profile-meta.xml', '')).slice(0, 30);
    // Long enough that calls sent together overlap at the org even when jsforce, on a loaded machine, takes some
    // ms to send each one: with 5 ms the peak depended on the machine's load.
    const latencyMs = 50;
    pmm.faults.reset();
    pmm.faults.latencyMs = latencyMs;
    try {
      const ruleset = await rulesFromYaml(`
name: bound
rules:
  - { id: rl, step: s, kind: related-lists, target: { object: Account }, expect: { absent: [Notes] } }
  - { id: page, step: s, kind: record-page, target: { object: Account }, expect: { absent: [c:notes] } }
${profiles.map((p, i) => `  - { id: tabs-${i}, step: s, kind: tabs, target: { profile: "${p}" }, expect: { visible: [Accounts] } }`).join('\n')}
`);
      await liveAudit(pmm, ruleset, { concurrency: 2 });
      expect(pmm.peakConcurrency).toBeLessThanOrEqual(2);
      pmm.faults.reset();
      pmm.faults.latencyMs = latencyMs;
      await liveAudit(pmm, ruleset, { concurrency: 4 });
      expect(pmm.peakConcurrency).toBeGreaterThan(2);
      expect(pmm.peakConcurrency).toBeLessThanOrEqual(4);
    } finally {
      pmm.faults.reset();
    }
  });
});
