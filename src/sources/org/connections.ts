import http from 'node:http';
import https from 'node:https';
import type { Connection } from 'jsforce';

/** The org's public list of API versions: answered without a session, and not an API call Salesforce counts. */
const VERSIONS_PATH = '/services/data/';

/** A connection that has not answered by then is left to the call that would have used it. */
const OPEN_TIMEOUT_MS = 10_000;

/**
 * The variables jsforce takes its proxy from, in its order (read once, when it loads: lib/transport.js). It
 * sends every request through that proxy, 127.0.0.1 included: the tests and the bench clear them.
 */
export const PROXY_VARIABLES = ['https_proxy', 'http_proxy', 'HTTPS_PROXY', 'HTTP_PROXY'] as const;

/** Whether jsforce sends requests through a proxy in this environment. */
export function throughProxy(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARIABLES.some((name) => env[name]);
}

/**
 * Opens `count` keep-alive connections to the org just before the first call (the reading of its API usage,
 * which every other call waits for), so that the calls it releases find them open: each asks for the public
 * list of API versions, with no session. Otherwise each of those calls opens its own: over the internet a TCP
 * and a TLS handshake, two round trips more, and even on one machine a connect that waits for the main thread.
 * A connection that fails to open only costs the call that would have used it the opening it would have had.
 *
 * Before the first call, not after it: their replies then come back ahead of its reply, and the connections
 * are back in the pool when the calls it releases go out. Opened after it, their replies came back with its
 * own or just after, and those calls went out before the main thread had taken them: none found a connection
 * free, on the emulated org or in traced bench runs (27 November), and only calls after them used one. With
 * 100 ms charged for opening a connection (`npm run bench:ab -- --connect-latency 100`), the ritual took 548 ms
 * against 614 ms opened after it.
 *
 * Node's own client on its global agent, the agent every call uses when no proxy is set (the Metadata API's
 * through direct-transport.ts, jsforce's REST ones through node-fetch with no agent of its own): the calls find
 * the connections there. Not jsforce's transport: its pipeline (node-fetch,
 * response events, body handling) took the main thread for 2-4 ms a reply on a two-core machine, just when the
 * calls were to go out. Through a proxy nothing is opened: jsforce then makes a new proxy agent for every
 * request, so no call could use a connection opened ahead, and one opened directly would go around the proxy.
 */
export function openConnections(conn: Connection, count: number, env: NodeJS.ProcessEnv = process.env): void {
  if (throughProxy(env)) return;
  const url = new URL(`${conn.instanceUrl.replace(/\/+$/, '')}${VERSIONS_PATH}`);
  const client = url.protocol === 'https:' ? https : http;
  for (let i = 0; i < count; i++) {
    const request = client.request(url, { method: 'GET', timeout: OPEN_TIMEOUT_MS }, (reply) => reply.resume());
    request.on('timeout', () => request.destroy());
    request.on('error', () => undefined);
    request.end();
  }
}
