import http from 'node:http';
import https from 'node:https';
import { isIP, type Socket } from 'node:net';

/**
 * The variables jsforce takes its proxy from, in its order (read once, when it loads: lib/transport.js). It
 * sends every request through that proxy, 127.0.0.1 included: the tests and the bench clear them.
 */
export const PROXY_VARIABLES = ['https_proxy', 'http_proxy', 'HTTPS_PROXY', 'HTTP_PROXY'] as const;

/** Whether jsforce sends requests through a proxy in this environment. */
export function throughProxy(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARIABLES.some((name) => env[name]);
}

/** A connection opened ahead and not taken by then is closed (a scheduled run's next audit opens its own). */
const IDLE_MS = 30_000;

/** Keep-alive agents for Node's HTTP client, one per protocol. */
export interface Agents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

/** A connection's own agents (connect.ts: its calls go on them, see direct-transport.ts), and connections opened on them ahead. */
export interface OrgAgent extends Agents {
  /**
   * Opens `count` connections to the org now: the TCP (and TLS) handshakes only, with no request on them. The
   * next requests to that host take them. Through a proxy nothing is opened (see `orgAgent`).
   */
  openAhead(instanceUrl: string, count: number): void;
}

/**
 * Opened just before the first call (the reading of the org's API usage, which every other call waits for), the
 * connections are open when the calls it releases go out. Otherwise each of those calls opens its own: over the
 * internet a TCP and a TLS handshake, two round trips more, and even on one machine a connect that waits for the
 * main thread.
 *
 * With no request on them, nothing comes back to take. Until 27 November each asked for the org's public list of
 * API versions (no API call), and their replies came back just as the usage reading's did: nine replies taking the
 * main thread for 10-20 ms (the HTTP client's code still cold) when the round after the reading was to go out. Opened
 * after the reading instead, their replies held the connections when that round went out, and with a real
 * connection's handshake (`npm run bench:ab -- --connect-latency 100`) it paid 50 ms.
 *
 * `createConnection` is the documented place for an agent to supply its sockets: a request to the org's host takes
 * one opened ahead while there is one, and opens its own as usual after. A connection that fails to open only costs
 * the call that would have used it the opening it would have had. Through a proxy (`throughProxy`) nothing is
 * opened: jsforce's transport then sends every request, through a new proxy agent each time.
 */
export function orgAgent(env: NodeJS.ProcessEnv = process.env): OrgAgent {
  const plain = new http.Agent({ keepAlive: true, timeout: IDLE_MS });
  const secure = new https.Agent({ keepAlive: true, timeout: IDLE_MS });
  // What a request taking a connection opened ahead undoes: its hold while it waited.
  const taken = new WeakMap<Socket, () => void>();
  const key = (host: string | null | undefined, port: string | number | null | undefined) => `${host ?? ''}:${port ?? ''}`;

  // For each agent: its own way to open a connection (TCP, or TCP and TLS), and by `host:port` as the agent is
  // asked for one, the connections opened ahead and not taken yet.
  const pools = new Map<http.Agent, { open: http.Agent['createConnection']; byHost: Map<string, Socket[]> }>();
  for (const pool of [plain, secure]) {
    const open = pool.createConnection.bind(pool);
    const byHost = new Map<string, Socket[]>();
    pools.set(pool, { open, byHost });
    pool.createConnection = (options, callback) => {
      const ready = byHost.get(key(options.host, options.port));
      while (ready?.length) {
        const socket = ready.shift()!;
        if (socket.destroyed) continue;
        taken.get(socket)?.();
        return socket;
      }
      return open(options, callback);
    };
  }

  return {
    http: plain,
    https: secure,
    openAhead(instanceUrl, count) {
      if (throughProxy(env)) return;
      const url = new URL(instanceUrl);
      const tls = url.protocol === 'https:';
      const pool = tls ? secure : plain;
      // As Node's client names the host to its agent: an IPv6 address without its brackets.
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const port = Number(url.port) || (tls ? 443 : 80);
      const { open, byHost } = pools.get(pool)!;
      const at = key(host, port);
      const ready = byHost.get(at) ?? [];
      byHost.set(at, ready);
      for (let i = 0; i < count; i++) {
        // As the agent opens its own: with its options (TLS: the certificates it trusts), no server name for an address.
        const options: https.RequestOptions = { ...(tls ? secure.options : {}), host, port, servername: isIP(host) ? '' : host };
        const socket = open(options) as Socket;
        ready.push(socket);
        // Until a request takes it: no hold on the process, closed when left idle, its failure that of no call.
        const ignore = () => undefined;
        const expire = () => socket.destroy();
        socket.unref();
        socket.setTimeout(IDLE_MS);
        socket.once('timeout', expire);
        socket.on('error', ignore);
        taken.set(socket, () => {
          socket.setTimeout(0);
          socket.off('timeout', expire);
          socket.off('error', ignore);
          socket.ref();
        });
        socket.once('close', () => {
          const i = ready.indexOf(socket);
          if (i >= 0) ready.splice(i, 1);
        });
      }
    },
  };
}
