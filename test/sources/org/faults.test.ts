import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { FAST, comparable, fleetWithUnlabelledField, folderAudit, liveAudit, rulesFromYaml, startOrg } from './helpers.js';
import { ORGS, ritual } from '../../support/audit-helpers.js';
import type { SalesforceEmulator } from '../../support/salesforce/index.js';
import type { Report } from '../../../src/report/report.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { exitCodeFor, EXIT } from '../../../src/report/exit-code.js';
import { SessionRefusedError } from '../../../src/sources/org/errors.js';
import { readLiveOrg } from '../../../src/sources/org/live.js';
import { planNeeds } from '../../../src/engine/needs.js';

const FLEET = path.join(ORGS, 'fleet');

/** The ritual without data rules: faults here are about metadata reads. */
async function metadataRitual(): Promise<Ruleset> {
  const r = await ritual();
  return { ...r, rules: r.rules.filter((rule) => !['records', 'links'].includes(rule.kind)) };
}

describe('faults: the audit completes with correct findings, or says which rules it could not evaluate', () => {
  let emulator: SalesforceEmulator;
  let ruleset: Ruleset;
  let expected: Report;
  beforeAll(async () => {
    // With a field only describe can label, so REST describe calls happen (for Opportunity).
    const dir = await fleetWithUnlabelledField();
    emulator = await startOrg(dir, { clients: [{ clientId: 'cli', clientSecret: 'sec' }], refreshTokens: ['5Aep.refresh'] });
    ruleset = await metadataRitual();
    expected = await folderAudit(dir, ruleset);
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.faults.reset());
  // A refreshable login: a test that expires sessions must not strand the next one.
  const run = (options: Parameters<typeof liveAudit>[2] = {}) =>
    liveAudit(emulator, ruleset, { env: { SF_AUTH_URL: `force://cli:sec:5Aep.refresh@${emulator.url}` }, ...options });

  const expectCorrect = (report: Report) => {
    expect(comparable(report.findings)).toEqual(comparable(expected.findings));
    expect(report.summary.errors).toBe(0);
  };

  it('retries HTTP 500 on readMetadata (jsforce never retries a POST)', async () => {
    emulator.faults.failNext(2, { status: 500 }, { method: 'readMetadata' });
    const { report, read } = await run();
    expectCorrect(report);
    expect(read.stats.apiRetries).toBe(2);
    expect(read.stats.readMetadataCalls).toBe(5 + 2);
  });

  it('retries REQUEST_LIMIT_EXCEEDED and 503 pages from the edge, on SOAP and REST alike', async () => {
    emulator.faults.failNext(2, { faultCode: 'REQUEST_LIMIT_EXCEEDED' }, { api: 'metadata' });
    emulator.faults.failNext(1, { status: 503 }, { method: 'describe' });
    emulator.faults.failNext(1, { faultCode: 'REQUEST_LIMIT_EXCEEDED' }, { method: 'describeGlobal' });
    const { report, read } = await run();
    expectCorrect(report);
    expect(read.stats.apiRetries).toBe(4);
  });

  it('retries connection resets, truncated XML and a call that hangs past its timeout', async () => {
    emulator.faults.failNext(1, { resetConnection: true }, { method: 'listMetadata' });
    emulator.faults.failNext(1, { malformedXml: true }, { method: 'readMetadata' });
    emulator.faults.failNext(1, { resetConnection: true }, { method: 'describe' });
    emulator.faults.failNext(1, { hangMs: 1_500 }, { method: 'readMetadata' });
    const { report, read } = await run({ policy: { ...FAST, timeoutMs: 300 } });
    expectCorrect(report);
    expect(read.stats.apiRetries).toBe(4);
  });

  it('refreshes a session that expires mid-run and retries the call (sfdx auth URL)', async () => {
    emulator.faults.expireSessionAfter(4);
    const before = emulator.calls.length;
    const { report } = await run();
    expectCorrect(report);
    const grants = emulator.calls.slice(before).filter((c) => c.method === 'token').map((c) => c.grantType);
    expect(grants).toEqual(['refresh_token', 'refresh_token']);
  });

  it('a readMetadata that keeps failing makes the rules that needed it errors: report produced, exit 3, nothing passes silently', async () => {
    emulator.faults.failNext(100, { status: 500 }, { method: 'readMetadata' });
    const { report, read } = await run({ policy: { ...FAST, retry: { ...FAST.retry, maxAttempts: 3 } } });
    expect(exitCodeFor(report, 'warning')).toBe(EXIT.incomplete);
    expect(read.stats.apiRetries).toBe(4 * 2);
    for (const rule of report.rules) expect(rule.status, rule.id).toBe(rule.kind === 'manual' ? 'manual' : 'error');
    const errors = report.findings.filter((f) => f.status === 'error');
    expect(errors.every((f) => f.message.startsWith('Could not evaluate: could not read'))).toBe(true);
    expect(errors.map((f) => f.message).join('\n')).toMatch(/UNKNOWN_EXCEPTION/);
    expect(errors.find((f) => f.ruleId === 'standard-user-tabs')).toMatchObject({ metadataType: 'Profile', component: 'Standard' });
  });

  it('only the rules that needed a failed call turn into errors', async () => {
    emulator.faults.failNext(100, { status: 500 }, { method: 'listMetadata' });
    const { report } = await run();
    const errored = new Set(report.rules.filter((r) => r.status === 'error').map((r) => r.kind));
    // Layouts and apps are listed; list views, compact layouts and fields come with their objects, and record
    // pages are read by the name their object's View override gives.
    expect([...errored].sort()).toEqual(['custom-links', 'layout-section', 'related-lists', 'tabs']);
    const readable = (f: { ruleId: string }) =>
      ['accounts-default-list-view', 'account-highlights', 'account-linkedin-fields', 'leads-default-list-view', 'account-right-column'].includes(f.ruleId);
    expect(comparable(report.findings.filter(readable))).toEqual(comparable(expected.findings.filter(readable)));
    expect(report.findings.find((f) => f.ruleId === 'sales-app-tabs')).toMatchObject({ status: 'error', metadataType: 'CustomApplication', component: '*' });
  });

  it('a describe that keeps failing makes the rules comparing field labels errors', async () => {
    emulator.faults.failNext(100, { faultCode: 'INSUFFICIENT_ACCESS' }, { method: 'describe' });
    const { report } = await run();
    const ids = report.findings.filter((f) => f.status === 'error').map((f) => f.ruleId);
    // Needs have no "field labels" kind: the failure is attached to the object, which also holds back
    // the rules that read the object for other reasons (its record page). Never a guess, never a pass.
    expect([...new Set(ids)].sort()).toEqual([
      'no-notes-on-opportunity-page',
      'opportunities-default-list-view',
      'opportunity-accounting-section',
      'opportunity-highlights',
      'opportunity-information-section',
      'opportunity-right-column',
    ]);
    expect(report.findings.find((f) => f.status === 'error')?.message).toMatch(/field labels of \w+ \(describe\): INSUFFICIENT_ACCESS/);
  });

  it('with no faults after all, reads the same as the folder', async () => {
    const read = await readLiveOrg(planNeeds(ruleset.rules), { env: { SF_AUTH_URL: `force://cli:sec:5Aep.refresh@${emulator.url}` }, policy: FAST });
    expect(read.org.problems).toEqual([]);
  });
});

describe('faults with an emulator of their own', () => {
  it('stops with a credentials error when a plain access token expires and cannot be refreshed', async () => {
    const emulator = await startOrg(FLEET);
    try {
      emulator.faults.expireSessionAfter(3);
      const error = await liveAudit(emulator, await metadataRitual()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SessionRefusedError);
      expect((error as Error).message).toMatch(/^Salesforce at http:\/\/127\.0\.0\.1:\d+ refused the session \(INVALID_SESSION_ID: .*\): check SF_ACCESS_TOKEN /);
    } finally {
      await emulator.close();
    }
  });

  it('gives up after maxAttempts and names the cause', async () => {
    const emulator = await startOrg(FLEET);
    try {
      const ruleset = await rulesFromYaml(`
name: one
rules:
  - { id: tabs, step: s, kind: tabs, target: { profile: Standard User }, expect: { visible: [Accounts] } }
`);
      emulator.faults.failNext(10, { faultCode: 'REQUEST_LIMIT_EXCEEDED' }, { method: 'readMetadata' });
      const { report, read } = await liveAudit(emulator, ruleset);
      expect(read.stats.readMetadataCalls).toBe(FAST.retry.maxAttempts);
      expect(report.findings.map((f) => [f.status, f.component, f.message])).toEqual([
        ['error', 'Standard', 'Could not evaluate: could not read Profile Standard from the org: REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.'],
      ]);
    } finally {
      await emulator.close();
    }
  });
});
