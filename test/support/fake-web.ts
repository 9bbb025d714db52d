import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkLinks, type LinkCheckOptions } from '../../src/links/index.js';
import type { LinkCheckSetup } from '../../src/checks/link-service.js';

/**
 * A loopback web server standing in for the sites records link to (LinkedIn ...), so the
 * committed fixture URLs stay realistic (`https://www.linkedin.com/in/...`) while the tests
 * never leave 127.0.0.1. The link checker is the real one, over real sockets: `links`
 * resolves every host name to 127.0.0.1 and sends each request to this server's port
 * (over http: a test cannot serve https on 443), keeping the host name and path.
 */

export interface FakeWebHit {
  method: string;
  host: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

export interface FakeWeb {
  port: number;
  hits: FakeWebHit[];
  /** Pass as `links` in the audit options. */
  links: LinkCheckSetup;
  close(): Promise<void>;
}

/** Status per path; paths not listed answer 200 (a page that exists). */
export type FakeRoutes = Record<string, number | ((req: http.IncomingMessage, res: http.ServerResponse) => void)>;

/** The dead profile of the fleet fixture (README row 10c). */
export const FLEET_ROUTES: FakeRoutes = { '/in/does-not-exist-404/': 404 };

export async function startFakeWeb(routes: FakeRoutes = FLEET_ROUTES, options: LinkCheckOptions = {}): Promise<FakeWeb> {
  const hits: FakeWebHit[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push({ method: req.method ?? '', host: (req.headers.host ?? '').replace(/:\d+$/, ''), path, headers: req.headers });
    const route = routes[path] ?? 200;
    if (typeof route === 'function') route(req, res);
    else res.writeHead(route, { 'Content-Type': 'text/html' }).end('<html></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const toLocal = (url: string): string => {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return url;
      return `http://${u.hostname}:${port}${u.pathname}${u.search}`;
    } catch {
      return url;
    }
  };
  const links: LinkCheckSetup = {
    options: {
      resolver: async () => [{ address: '127.0.0.1', family: 4 }],
      allowPrivateAddresses: true,
      timeoutMs: 2000,
      ...options,
    },
    async checker(urls, opts) {
      const local = urls.map(toLocal);
      const outcomes = await checkLinks(local, opts);
      return new Map(urls.map((url, i) => [url, { ...outcomes.get(local[i]!)!, url }]));
    },
  };
  return {
    port,
    hits,
    links,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
