import { describe, expect, it } from 'vitest';
import { FAST, serveFleet, tokenEnv } from './helpers.js';
import { ritual } from '../../support/audit-helpers.js';
import { isApiCall, type SalesforceEmulator } from '../../support/salesforce/index.js';
import { planNeeds } from '../../../src/engine/needs.js';
import { readLiveOrg } from '../../../src/sources/org/live.js';
import { openConnections } from '../../../src/sources/org/connections.js';
import type { Connection } from 'jsforce';
import { setTimeout as sleep } from 'node:timers/promises';

describe('connections opened ahead of the calls', () => {
  let emulator: SalesforceEmulator;
  serveFleet((e) => (emulator = e));

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

  it('the calls go out on the connections opened ahead (the agent jsforce uses)', async () => {
    // The usage reading answered last, so that the connections are surely back in the pool when the calls
    // it holds back go out (which reply the reader takes first is otherwise up to the sockets).
    emulator.faults.failNext(1, { hangMs: 50 }, { method: 'limits' });
    const from = emulator.calls.length;
    await readLiveOrg(planNeeds((await ritual()).rules), { env: tokenEnv(emulator), policy: FAST, concurrency: 4 });
    const calls = emulator.calls.slice(from);
    const opened = new Set(calls.filter((c) => !isApiCall(c)).map((c) => c.clientPort));
    expect(opened.size).toBe(3);
    // The round after the usage reading: the listing on the reading's own connection, three calls on those opened.
    const afterReading = calls.filter(isApiCall).slice(1, 5);
    expect(afterReading.filter((c) => opened.has(c.clientPort))).toHaveLength(3);
    emulator.faults.reset();
  });

  it('opens nothing when a proxy is set: jsforce makes a new proxy agent per request, and a direct connection would go around the proxy', async () => {
    const conn = { instanceUrl: emulator.url } as Connection;
    const versions = () => emulator.calls.filter((c) => !isApiCall(c)).length;
    const before = versions();
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) openConnections(conn, 2, { [name]: 'http://127.0.0.1:9' });
    // One opened with no proxy, after them: once it is in, any of theirs would be too.
    openConnections(conn, 1, {});
    await expect.poll(versions).toBe(before + 1);
    await sleep(50);
    expect(versions()).toBe(before + 1);
  });

  it('an org whose version list fails still reads: the calls open connections of their own', async () => {
    emulator.faults.failNext(3, { status: 503 }, { method: 'versions' });
    const read = await readLiveOrg(planNeeds((await ritual()).rules), { env: tokenEnv(emulator), policy: FAST, concurrency: 4 });
    expect(read.org.problems).toEqual([]);
    emulator.faults.reset();
  });
});
