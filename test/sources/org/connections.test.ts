import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST, startOrg, tokenEnv } from './helpers.js';
import { ORGS, ritual } from '../../support/audit-helpers.js';
import { isApiCall, type SalesforceEmulator } from '../../support/salesforce/index.js';
import { planNeeds } from '../../../src/engine/needs.js';
import { readLiveOrg } from '../../../src/sources/org/live.js';

describe('connections opened ahead of the calls', () => {
  let emulator: SalesforceEmulator;
  beforeAll(async () => {
    emulator = await startOrg(path.join(ORGS, 'fleet'));
  });
  afterAll(() => emulator.close());

  it('one fewer than the calls kept in flight, each asking for the public list of API versions: no API call', async () => {
    const needs = planNeeds((await ritual()).rules);
    const from = emulator.calls.length;
    const usedBefore = emulator.apiUsage.used;
    const read = await readLiveOrg(needs, { env: tokenEnv(emulator), policy: FAST, concurrency: 4 });
    await expect.poll(() => emulator.calls.slice(from).filter((c) => !isApiCall(c)).length).toBe(3);
    const opened = emulator.calls.slice(from).filter((c) => !isApiCall(c));
    expect(opened.map((c) => [c.method, c.path, c.status])).toEqual(Array(3).fill(['versions', '/services/data/', 200]));
    // The org counts the reader's calls, and those only.
    expect(emulator.apiUsage.used - usedBefore).toBe(emulator.calls.slice(from).filter(isApiCall).length);
    expect(read.stats.apiCalls).toBe(emulator.calls.slice(from).filter(isApiCall).length);
  });

  it('an org whose version list fails still reads: the calls open connections of their own', async () => {
    emulator.faults.failNext(3, { status: 503 }, { method: 'versions' });
    const read = await readLiveOrg(planNeeds((await ritual()).rules), { env: tokenEnv(emulator), policy: FAST, concurrency: 4 });
    expect(read.org.problems).toEqual([]);
    emulator.faults.reset();
  });
});
