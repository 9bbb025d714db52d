/**
 * The emulator's HTTP server: binds 127.0.0.1 on a free port, buffers each
 * request, routes it to the API module owning its path, applies the faults the
 * test asked for, logs the call and writes the answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiUsage } from './api-usage.js';
import { ConcurrencyGate } from './concurrency.js';
import { DataStore } from './data-store.js';
import { DescribeCatalog } from './describe.js';
import type { IncomingCall, RoutedCall } from './endpoint.js';
import { Faults, faultReply } from './faults.js';
import { routeMetadata } from './metadata-handlers.js';
import { MetadataStore } from './metadata-store.js';
import { routeOAuth } from './oauth.js';
import { OrgIdentity } from './org-identity.js';
import { QueryCursors } from './query-cursors.js';
import { QueryEngine } from './query-engine.js';
import { htmlReply, type Reply } from './reply.js';
import { routeRest } from './rest.js';
import { SessionStore } from './sessions.js';
import { routeSoapLogin } from './soap-login.js';
import type { CallLog, EmulatorOptions, SalesforceEmulator } from './types.js';

/** Salesforce's query batch size (REST API Developer Guide, Query). */
const DEFAULT_BATCH_SIZE = 2000;

/** Everything read from the org folder; replaced as a whole by reload(). */
interface OrgContent {
  metadata: MetadataStore;
  catalog: DescribeCatalog;
  engine: QueryEngine;
}

async function loadOrgContent(orgDir: string, preload = false): Promise<OrgContent> {
  const [metadata, data] = await Promise.all([MetadataStore.load(orgDir, { preload }), DataStore.load(orgDir)]);
  const catalog = new DescribeCatalog(metadata, data);
  return { metadata, catalog, engine: new QueryEngine(data, catalog) };
}

export async function startSalesforceEmulator(options: EmulatorOptions): Promise<SalesforceEmulator> {
  const apiVersion = options.apiVersion ?? '62.0';
  const identity = new OrgIdentity(options.orgDir, options.users ?? []);
  const sessions = new SessionStore(identity.orgId);
  for (const token of options.accessTokens ?? []) sessions.accept(token, identity.defaultUser);
  const usage = new ApiUsage(options.apiUsage);
  const cursors = new QueryCursors(options.queryBatchSize ?? DEFAULT_BATCH_SIZE);
  const refreshTokens = new Set(options.refreshTokens ?? []);
  const clients = options.clients ?? [];
  let content = await loadOrgContent(options.orgDir, options.preload);
  // Files changed from now on report their change time as lastModifiedDate (see metadata-handlers.ts).
  const startedAt = Date.now();

  const calls: CallLog[] = [];
  const gate = new ConcurrencyGate();
  let open = 0;
  let peakConcurrency = 0;
  const faults = new Faults(sessions, () => {
    peakConcurrency = open;
  });
  // Aborts pending latency/hang timers when the emulator closes.
  const closing = new AbortController();
  let baseUrl = '';

  function route(call: IncomingCall): RoutedCall {
    const path = call.url.pathname;
    const soap = /^\/services\/Soap\/([um])\/(\d+\.\d+)(\/.*)?$/.exec(path);
    if (soap?.[1] === 'u') return routeSoapLogin({ identity, sessions, baseUrl }, call, soap[2] ?? apiVersion);
    if (soap?.[1] === 'm') return routeMetadata({ store: content.metadata, startedAt, identity, sessions, usage }, call);
    if (/^\/services\/oauth2\/(token|revoke)\/?$/.test(path)) {
      return routeOAuth({ identity, sessions, clients, refreshTokens, baseUrl }, call);
    }
    // REST covers /services/data/** and /id/**; anything else is its 404 too.
    return routeRest(
      { identity, sessions, catalog: content.catalog, engine: content.engine, cursors, usage, baseUrl, apiVersion },
      call,
    );
  }

  // When each connection is open (connectLatencyMs after the client connected: its handshakes), by socket.
  const openAt = new WeakMap<object, number>();
  // The client port of every connection, in the order they were made (a reader opens some ahead, with no request).
  const connections: number[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The public list of API versions needs no session and is no API call (see isApiCall).
    let counted = false;
    let release: (() => void) | undefined;
    let entry: CallLog | undefined;
    let heldFrom: number | undefined;
    // A request reaches the org only once its connection is open (connectLatencyMs from the connect: the TCP and
    // TLS handshakes of a connection over the internet, begun when the client connects, request or not).
    const wait = (openAt.get(req.socket) ?? 0) - performance.now();
    if (wait > 0) {
      try {
        await sleep(wait, undefined, { signal: closing.signal });
      } catch {
        req.socket.destroy();
        return;
      }
    }
    const receivedAt = performance.timeOrigin + performance.now();
    try {
      const call: IncomingCall = {
        httpMethod: req.method ?? 'GET',
        url: new URL(req.url ?? '/', baseUrl),
        headers: req.headers,
        body: await readBody(req),
      };
      const routed = route(call);
      if (routed.info.method !== 'versions') {
        counted = true;
        open++;
        peakConcurrency = Math.max(peakConcurrency, open);
      }
      entry = { ...routed.info, path: call.url.pathname, status: 0, receivedAt, clientPort: req.socket.remotePort };
      calls.push(entry);

      if (faults.overflow === 'reject' && gate.isFull(faults.maxConcurrent)) {
        return send(res, entry, htmlReply(503, 'Service Unavailable'));
      }
      release = await gate.acquire(() => faults.maxConcurrent);
      heldFrom = performance.now();
      const mode = faults.take(routed.info);
      // The latency is the time to the answer, the org's own work included, as a real org's response time is:
      // the reply is built while the latency runs (the timer starts first), not after it. Building it after
      // would add the emulator's CPU, spent on the machine the reader shares, to every call's round trip.
      const waiting = faults.latencyMs > 0 ? sleep(faults.latencyMs, undefined, { signal: closing.signal }) : undefined;
      const injected = mode && faultReply(mode, routed);
      const replying = mode ? undefined : routed.run();
      // Failures surface at the await below; this only keeps one from counting as unhandled meanwhile.
      replying?.catch(() => undefined);
      await waiting;

      if (mode && 'resetConnection' in mode) {
        req.socket.destroy();
        return;
      }
      if (mode && 'hangMs' in mode) await sleep(mode.hangMs, undefined, { signal: closing.signal });
      const reply = injected ?? (await (replying ?? routed.run()));
      send(res, entry, reply, faults.compress ? { accept: req.headers['accept-encoding'] } : undefined);
    } catch (error) {
      if (closing.signal.aborted) {
        req.socket.destroy();
      } else if (!res.headersSent) {
        // A bug in the emulator itself: make it loud rather than look like a Salesforce answer.
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`salesforce emulator error: ${(error as Error).stack ?? String(error)}`);
      }
    } finally {
      if (entry && heldFrom !== undefined) entry.heldMs = performance.now() - heldFrom;
      if (entry) entry.repliedAt = performance.timeOrigin + performance.now();
      release?.();
      if (counted) open--;
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    connections.push(socket.remotePort ?? 0);
    openAt.set(socket, performance.now() + faults.connectLatencyMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    orgId: identity.orgId,
    calls,
    connections,
    count: (method) => calls.filter((c) => c.method === method).length,
    faults,
    get peakConcurrency() {
      return peakConcurrency;
    },
    get apiUsage() {
      return { used: usage.used, max: usage.max };
    },
    issueAccessToken: () => sessions.issue(identity.defaultUser),
    expireSessions: () => sessions.expireAll(),
    reload: async () => {
      content = await loadOrgContent(options.orgDir, options.preload);
    },
    close: async () => {
      closing.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets (Node's default agent keeps them) would hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, entry: CallLog, reply: Reply, compress?: { accept: string | undefined }): void {
  entry.status = reply.status;
  const encoding = compress && /\bgzip\b/.test(compress.accept ?? '') ? 'gzip' : compress && /\bdeflate\b/.test(compress.accept ?? '') ? 'deflate' : undefined;
  if (!encoding) {
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
    return;
  }
  const body = (encoding === 'gzip' ? gzipSync : deflateSync)(Buffer.from(reply.body, 'utf8'));
  res.writeHead(reply.status, { ...reply.headers, 'Content-Encoding': encoding, 'Content-Length': String(body.length) });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

