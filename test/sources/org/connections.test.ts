import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FAST, serveFleet, tokenEnv } from './helpers.js';
import { ritual } from '../../support/audit-helpers.js';
import { isApiCall, type SalesforceEmulator } from '../../support/salesforce/index.js';
import { planNeeds } from '../../../src/engine/needs.js';
import { readLiveOrg } from '../../../src/sources/org/live.js';
import { orgAgent } from '../../../src/sources/org/connections.js';
import { directTransport } from '../../../src/sources/org/direct-transport.js';
import type { Transport } from 'jsforce/lib/transport.js';
import { opensslAvailable, selfSigned } from '../../support/self-signed.js';

const INNER = { httpRequest: () => Promise.reject(new Error('the inner transport was used')) } as unknown as Transport;

/** A local server that answers every request `ok`, and keeps each connection made to it. */
async function server(): Promise<{ url: string; sockets: Socket[]; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const s = http.createServer((_req, res) => res.end('ok'));
  s.on('connection', (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    sockets,
    close: () => new Promise<void>((resolve) => (s.close(() => resolve()), s.closeAllConnections())),
  };
}

describe('connections opened ahead of the calls', () => {
  let emulator: SalesforceEmulator;
  serveFleet((e) => (emulator = e));

  it('as many as the calls kept in flight, with no request on them: every call goes out on them, and nothing else reaches the org', async () => {
    const from = emulator.connections.length;
    const callsFrom = emulator.calls.length;
    const usedBefore = emulator.apiUsage.used;
    const read = await readLiveOrg(planNeeds((await ritual()).rules), { env: tokenEnv(emulator), policy: FAST, concurrency: 4 });
    const calls = emulator.calls.slice(callsFrom);
    const opened = emulator.connections.slice(from);
    expect(opened).toHaveLength(4);
    expect(calls.length).toBeGreaterThan(4);
    expect(calls.every((c) => opened.includes(c.clientPort ?? -1))).toBe(true);
    // The org counts the reader's calls, and those only.
    expect(calls.every(isApiCall)).toBe(true);
    expect(emulator.apiUsage.used - usedBefore).toBe(calls.length);
    expect(read.stats.apiCalls).toBe(calls.length);
  });

  it('a connection a request takes is open already: with 300 ms to open one, the round after the reading pays nothing for it', async () => {
    // Far above what a busy machine adds to a request (tens of ms while the whole suite runs on two cores).
    emulator.faults.connectLatencyMs = 300;
    try {
      const callsFrom = emulator.calls.length;
      await readLiveOrg(planNeeds((await ritual()).rules), { env: tokenEnv(emulator), policy: FAST, concurrency: 4 });
      const calls = emulator.calls.slice(callsFrom);
      const reading = calls[0]!;
      expect(reading.method).toBe('limits');
      // Taken by the org as soon as they were sent: their connections finished opening while the reading was on the way.
      for (const call of calls.slice(1, 5)) expect((call.receivedAt ?? Infinity) - (reading.repliedAt ?? 0)).toBeLessThan(150);
    } finally {
      emulator.faults.reset();
    }
  });

  it('opens nothing through a proxy: jsforce makes a new proxy agent per request, and a direct connection would go around the proxy', async () => {
    const local = await server();
    try {
      for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) orgAgent({ [name]: 'http://127.0.0.1:9' }).openAhead(local.url, 2);
      // One opened with no proxy, after them: once it is in, any of theirs would be too.
      orgAgent({}).openAhead(local.url, 1);
      await expect.poll(() => local.sockets.length).toBe(1);
      await sleep(50);
      expect(local.sockets).toHaveLength(1);
    } finally {
      await local.close();
    }
  });

  it('a connection opened ahead that failed or was closed is passed over: the request opens its own', async () => {
    const local = await server();
    try {
      const agents = orgAgent({});
      agents.openAhead(local.url, 2);
      await expect.poll(() => local.sockets.length).toBe(2);
      for (const socket of local.sockets) socket.destroy();
      await sleep(50);
      const transport = directTransport(INNER, { env: {}, agents });
      const reply = await transport.httpRequest({ method: 'POST', url: `${local.url}/services/Soap/m/62.0`, body: '<q/>' });
      expect([reply.statusCode, reply.body]).toEqual([200, 'ok']);
      expect(local.sockets).toHaveLength(3);
      // Nobody listening there: the connections fail quietly, and only a call to that host would say so.
      const closed = await server();
      await closed.close();
      agents.openAhead(closed.url, 2);
      await sleep(50);
    } finally {
      await local.close();
    }
  });

  it('a request takes a connection opened ahead to its host only', async () => {
    const [one, other] = [await server(), await server()];
    try {
      const agents = orgAgent({});
      agents.openAhead(one.url, 1);
      await expect.poll(() => one.sockets.length).toBe(1);
      const transport = directTransport(INNER, { env: {}, agents });
      await transport.httpRequest({ method: 'POST', url: `${other.url}/x`, body: '<q/>' });
      await transport.httpRequest({ method: 'POST', url: `${one.url}/x`, body: '<q/>' });
      expect([one.sockets.length, other.sockets.length]).toEqual([1, 1]);
    } finally {
      await Promise.all([one.close(), other.close()]);
    }
  });

  it.skipIf(!opensslAvailable())('over https, opens TLS connections the agent trusts as its own, and the request on one is answered', async () => {
    const { key, cert } = await selfSigned();
    const sockets: unknown[] = [];
    const tls = https.createServer({ key, cert }, (_req, res) => res.end('ok'));
    tls.on('secureConnection', (socket) => sockets.push(socket));
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
      const agents = orgAgent({});
      // Trusted as the agent's own connections would be (NODE_EXTRA_CA_CERTS trusts it for every agent).
      agents.https.options.ca = cert;
      agents.openAhead(url, 1);
      await expect.poll(() => sockets.length).toBe(1);
      const reply = await directTransport(INNER, { env: {}, agents }).httpRequest({ method: 'POST', url: `${url}/services/Soap/m/62.0`, body: '<q/>' });
      expect([reply.statusCode, reply.body]).toEqual([200, 'ok']);
      expect(sockets).toHaveLength(1);
    } finally {
      tls.closeAllConnections();
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});
