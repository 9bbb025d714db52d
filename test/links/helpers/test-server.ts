import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback-only HTTP server with canned routes that records every hit and the peak
 * number of concurrent requests per Host, so tests can assert on real traffic.
 */

export interface Hit {
  method: string;
  host: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface TestServer {
  port: number;
  hits: Hit[];
  /** Peak concurrent requests per Host header; key '*' for all hosts together. */
  peakInFlight: Map<string, number>;
  close(): Promise<void>;
}

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const redirect = (status: number, location: string, extra: http.OutgoingHttpHeaders = {}): Route => (_req, res) => {
  res.writeHead(status, { Location: location, ...extra }).end();
};
const status = (code: number): Route => (_req, res) => {
  res.writeHead(code, { 'Content-Type': 'text/html' }).end('<html>body</html>');
};

function routes(port: number): Record<string, Route> {
  return {
    '/ok': status(200),
    '/chain/1': redirect(301, '/chain/2'), // relative Location
    '/chain/2': redirect(302, `http://other.test:${port}/chain/3`), // absolute, other host
    '/chain/3': status(200),
    '/loop/a': redirect(302, '/loop/b'),
    '/loop/b': redirect(302, '/loop/a'),
    '/cookie-loop': redirect(302, '/cookie-loop', { 'Set-Cookie': 'session=1' }),
    '/missing': status(404),
    '/gone': status(410),
    '/li': status(999),
    '/busy': status(429),
    '/unavailable': status(503),
    '/no-head': (req, res) => status(req.method === 'HEAD' ? 405 : 200)(req, res),
    '/to-authwall': redirect(302, `http://linkedin.test:${port}/authwall?trk=public_profile`),
    '/hang': () => {}, // never answers
    '/slow': (req, res) => {
      setTimeout(() => status(200)(req, res), 120);
    },
  };
}

export async function startTestServer(): Promise<TestServer> {
  const hits: Hit[] = [];
  const inFlight = new Map<string, number>();
  const peakInFlight = new Map<string, number>();
  let table: Record<string, Route> = {};

  const server = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push({ method: req.method ?? '', host, path, headers: req.headers });
    // '*' tracks all hosts together.
    for (const key of [host, '*']) {
      const now = (inFlight.get(key) ?? 0) + 1;
      inFlight.set(key, now);
      peakInFlight.set(key, Math.max(now, peakInFlight.get(key) ?? 0));
      res.on('close', () => inFlight.set(key, (inFlight.get(key) ?? 1) - 1));
    }
    (table[path] ?? status(404))(req, res);
  });
  // Loopback only: the tests must never expose or reach anything else.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  table = routes(port);

  return {
    port,
    hits,
    peakInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was just open and is now closed: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
