import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiBudget, parseBudget, REFRESH_EVERY, ApiBudgetReached, type ApiUsage } from '../../../src/sources/org/budget.js';
import { FAST, liveAudit, startOrg, tokenEnv } from './helpers.js';
import { readLiveOrg } from '../../../src/sources/org/live.js';
import { planNeeds } from '../../../src/engine/needs.js';
import { audit } from '../../../src/engine/audit.js';
import { ORGS, ritual } from '../../support/audit-helpers.js';
import { isApiCall, type SalesforceEmulator } from '../../support/salesforce/index.js';

describe('parseBudget', () => {
  it('takes a share, a percentage or off', () => {
    expect(parseBudget('0.9')).toBe(0.9);
    expect(parseBudget('.5')).toBe(0.5);
    expect(parseBudget('75%')).toBe(0.75);
    expect(parseBudget('1')).toBe(1);
    expect(parseBudget(0.8)).toBe(0.8);
    expect(parseBudget('off')).toBe('off');
    for (const bad of ['0', '1.5', '120%', 'ninety', '', '-0.5']) expect(parseBudget(bad), bad).toBeUndefined();
  });
});

describe('apiBudget', () => {
  /** A reading as jsforce keeps it: a new object for every REST reply. */
  let reading: ApiUsage | undefined;
  const read = () => reading;
  /** One call through the guard, sent and answered. */
  const call = (budget: ReturnType<typeof apiBudget>) => {
    budget.begin();
    budget.end();
  };

  it('lets calls through up to the share of the allocation, then refuses every call', () => {
    reading = { used: 895, limit: 1000 };
    const budget = apiBudget(0.9, read);
    for (let i = 0; i < 5; i++) call(budget); // 896 ... 900
    expect(() => call(budget)).toThrow(ApiBudgetReached);
    expect(() => call(budget)).toThrow(/stopped before the org's daily API usage passed 90% \(900 of 1,000 calls used\)/);
    expect(budget.stopped).toBe(true);
    expect(budget.notes().join('\n')).toMatch(/stopped reading before the org's daily API usage passed 90%.*--api-budget 0.9/);
  });

  it('counts calls still in flight when a reading arrives, since the reading may not include them', () => {
    reading = { used: 100, limit: 1000 };
    const budget = apiBudget(0.9, read);
    budget.begin();
    budget.begin();
    budget.begin();
    // The first call's REST reply carries a reading, which counts that call; the two others are still out.
    reading = { used: 101, limit: 1000 };
    budget.end();
    expect(budget.estimate()).toEqual({ used: 103, limit: 1000 });
    // A reading another reply brought is seen at the next call: the calls in flight are counted on top.
    reading = { used: 150, limit: 1000 };
    call(budget);
    expect(budget.estimate()).toEqual({ used: 153, limit: 1000 });
  });

  it('warns once past 70%, and not at all when the share is lower', () => {
    const warnings: string[] = [];
    reading = { used: 698, limit: 1000 };
    const budget = apiBudget(0.9, read, (w) => warnings.push(w));
    call(budget);
    expect(warnings).toEqual([]);
    call(budget);
    call(budget);
    expect(warnings).toEqual(["the org has used about 700 of its 1,000 daily API calls (70%); sfaudit stops before 90% (--api-budget)"]);
    expect(budget.notes()).toEqual([`Warning: ${warnings[0]}.`]);
    reading = { used: 600, limit: 1000 };
    const low = apiBudget(0.5, read, (w) => warnings.push(w));
    expect(() => call(low)).toThrow(ApiBudgetReached);
    expect(warnings).toHaveLength(1);
  });

  it('asks for a reading first, then again after many calls (one caller refreshes, the others go on)', () => {
    reading = undefined;
    const budget = apiBudget(0.9, read);
    expect(budget.wantsReading()).toBe(true);
    expect(budget.wantsReading()).toBe(true); // everyone waits for the first
    reading = { used: 10, limit: 100_000 };
    expect(budget.wantsReading()).toBe(false);
    for (let i = 0; i < REFRESH_EVERY; i++) call(budget);
    expect(budget.wantsReading()).toBe(true);
    expect(budget.wantsReading()).toBe(false);
  });

  it('says so when the usage cannot be read, and then enforces nothing', () => {
    reading = undefined;
    const budget = apiBudget(0.9, read);
    budget.unavailable('INSUFFICIENT_ACCESS');
    expect(budget.wantsReading()).toBe(false);
    for (let i = 0; i < 50; i++) call(budget);
    expect(budget.notes()).toEqual(["The org's daily API usage could not be read (INSUFFICIENT_ACCESS), so --api-budget was not enforced."]);
  });
});

describe('the live reader under an API budget', () => {
  let emulator: SalesforceEmulator | undefined;
  afterEach(() => emulator?.close());

  it('stops before the org passes 90% of its daily allocation: what was not read becomes errors, and the report says so', async () => {
    // The ritual on the fleet org takes 8 calls to read; 90% of 15,000 is 13,500.
    emulator = await startOrg(path.join(ORGS, 'fleet'), { apiUsage: { used: 13_496, max: 15_000 } });
    const rules = await ritual();
    const read = await readLiveOrg(planNeeds(rules.rules), { env: tokenEnv(emulator), policy: { ...FAST, concurrency: 1 } });
    expect(emulator.apiUsage.used).toBe(13_500);
    expect(read.stats.apiBudgetStopped).toBe(1);
    expect(read.notes.join('\n')).toMatch(/stopped reading before the org's daily API usage passed 90%/);
    const report = await audit(read.org, rules, { links: { network: false }, notes: read.notes });
    expect(report.notes).toEqual(expect.arrayContaining(read.notes));
    // Data rules are left out: this audit is given no record source.
    const errors = report.findings.filter((f) => f.status === 'error' && !/records were not read/.test(f.message));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((f) => /sfaudit stopped before the org's daily API usage passed 90% \(13,500 of 15,000 calls used\)/.test(f.message))).toBe(true);
  });

  it('warns past 70% and reads everything while under the share', async () => {
    emulator = await startOrg(path.join(ORGS, 'fleet'), { apiUsage: { used: 10_497, max: 15_000 } });
    const warnings: string[] = [];
    const { report, read } = await liveAudit(emulator, await ritual(), { onWarning: (w) => warnings.push(w) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/the org has used about 10,50\d of its 15,000 daily API calls \(70%\)/);
    expect(read.notes).toEqual([`Warning: ${warnings[0]}.`]);
    expect(read.stats.apiBudgetStopped).toBeUndefined();
    expect(report.findings.filter((f) => f.status === 'error')).toEqual([]);
  });

  it('reads the usage while the needs are still coming (rules loading), and reads the same with them', async () => {
    emulator = await startOrg(path.join(ORGS, 'fleet'));
    const org = emulator;
    const rules = await ritual();
    const upFront = await readLiveOrg(planNeeds(rules.rules), { env: tokenEnv(org), policy: FAST });
    const before = org.calls.length;
    let give!: (needs: ReturnType<typeof planNeeds>) => void;
    const coming = new Promise<ReturnType<typeof planNeeds>>((resolve) => (give = resolve));
    const reading = readLiveOrg(coming, { env: tokenEnv(org), policy: FAST });
    await expect.poll(() => org.calls.slice(before).filter(isApiCall).map((c) => c.method)).toEqual(['limits']);
    give(planNeeds(rules.rules));
    const later = await reading;
    expect(later.org).toEqual(upFront.org);
    // The org's own counter moved with the first read's calls; the calls made are the same.
    expect({ ...later.stats, orgDailyApiUsed: 0 }).toEqual({ ...upFront.stats, orgDailyApiUsed: 0 });

    // Needs that never come: that failure, and nothing asked of the org but its usage.
    const from = org.calls.length;
    await expect(readLiveOrg(Promise.reject(new Error('the rules did not load')), { env: tokenEnv(org), policy: FAST })).rejects.toThrow('the rules did not load');
    expect(org.calls.slice(from).filter(isApiCall).filter((c) => c.method !== 'limits')).toEqual([]);
  });

  it('reads no usage and enforces nothing with apiBudget off', async () => {
    emulator = await startOrg(path.join(ORGS, 'fleet'), { apiUsage: { used: 14_990, max: 15_000 } });
    const { read } = await liveAudit(emulator, await ritual(), { apiBudget: 'off' });
    expect(emulator.count('limits')).toBe(0);
    expect(read.stats.apiBudgetStopped).toBeUndefined();
    expect(read.notes).toEqual([]);
  });
});
