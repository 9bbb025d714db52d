import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FAST, serveFleet, tokenEnv } from './helpers.js';
import type { SalesforceEmulator } from '../../support/salesforce/index.js';
import { connectOrg } from '../../../src/sources/org/connect.js';
import { credentialsFrom } from '../../../src/sources/org/credentials.js';
import { createOrgApi } from '../../../src/sources/org/org-api.js';
import { parseInline, type ReplyParser } from '../../../src/sources/org/reply-parser.js';

/** A parser that parses nothing until `open()`: replies in hand, not yet parsed. */
function heldParser(): ReplyParser & { open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    open,
    parse: async (text, fields, memo) => {
      await opened;
      return parseInline(text, fields, memo);
    },
    close: async () => undefined,
  };
}

describe('the org API: slots', () => {
  let emulator: SalesforceEmulator;
  serveFleet((e) => (emulator = e));

  it('a call gives up its slot once its reply is in hand: the next request goes out while the reply is parsed, and at most as many replies as slots wait for their parse', async () => {
    const env = tokenEnv(emulator);
    const { conn } = await connectOrg(credentialsFrom(env), env, FAST);
    const parser = heldParser();
    const api = createOrgApi(conn, { policy: { ...FAST, concurrency: 1 }, parser });
    const from = emulator.calls.length;
    const reads = () => emulator.calls.slice(from).filter((c) => c.method === 'readMetadata');
    const pending = [
      api.readMetadata('CustomObject', ['Account']),
      api.readMetadata('Layout', ['Account-Account Layout']),
      api.readMetadata('CustomObject', ['Contact']),
    ];
    // One slot: the second request went out while the first reply waited for its parse ...
    await expect.poll(() => reads().length).toBe(2);
    // ... and the third waits: one reply already waits for its parse, so the second keeps its slot.
    await sleep(100);
    expect(reads()).toHaveLength(2);
    parser.open();
    const [account, layout, contact] = await Promise.all(pending);
    expect([account?.[0]?.fullName, layout?.[0]?.fullName, contact?.[0]?.fullName]).toEqual(['Account', 'Account-Account Layout', 'Contact']);
    expect(reads().map((c) => c.names)).toEqual([['Account'], ['Account-Account Layout'], ['Contact']]);
    expect(api.stats.calls).toBe(3);
  });

  it('a fault keeps its slot until it is handled: the calls behind it wait to learn of it', async () => {
    const env = tokenEnv(emulator);
    const { conn } = await connectOrg(credentialsFrom(env), env, FAST);
    const parser = heldParser();
    const api = createOrgApi(conn, { policy: { ...FAST, concurrency: 1 }, parser });
    emulator.faults.failNext(1, { faultCode: 'INSUFFICIENT_ACCESS' }, { method: 'readMetadata' });
    const from = emulator.calls.length;
    const reads = () => emulator.calls.slice(from).filter((c) => c.method === 'readMetadata');
    const refused = api.readMetadata('CustomObject', ['Account']);
    refused.catch(() => undefined);
    const next = api.readMetadata('CustomObject', ['Contact']);
    await expect.poll(() => reads().length).toBe(1);
    await sleep(100);
    expect(reads()).toHaveLength(1);
    parser.open();
    await expect(refused).rejects.toThrow(/INSUFFICIENT_ACCESS/);
    expect((await next)[0]?.fullName).toBe('Contact');
    expect(reads()).toHaveLength(2);
    emulator.faults.reset();
  });
});
