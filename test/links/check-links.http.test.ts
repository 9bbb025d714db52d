import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinks, type LinkCheckOptions } from '../../src/links/index.js';
import { fakeResolver } from './helpers/fake-dns.js';
import { closedPort, startTestServer, type TestServer } from './helpers/test-server.js';

// Real HTTP against a 127.0.0.1 server; fake hostnames map to loopback through the resolver,
// so host-based logic (per-host limits, cross-host redirects, DNS failures) is exercised.
const HOSTS = ['ok.test', 'other.test', 'linkedin.test', 'a.test', 'b.test', 'refused.test'];

let server: TestServer;
let options: LinkCheckOptions;
const url = (host: string, path: string): string => `http://${host}:${server.port}${path}`;

beforeAll(async () => {
  server = await startTestServer();
  options = {
    allowPrivateAddresses: true, // the test server is loopback
    resolver: fakeResolver(Object.fromEntries(HOSTS.map((h) => [h, '127.0.0.1']))),
    timeoutMs: 2000,
  };
});
afterAll(() => server.close());

async function checkOne(u: string, extra: LinkCheckOptions = {}) {
  const results = await checkLinks([u], { ...options, ...extra });
  return results.get(u);
}

describe('checkLinks over HTTP', () => {
  it('reports 200 as ok with HEAD only', async () => {
    const before = server.hits.length;
    expect(await checkOne(url('ok.test', '/ok'))).toEqual({
      status: 'ok',
      url: url('ok.test', '/ok'),
      finalUrl: url('ok.test', '/ok'),
      httpStatus: 200,
      redirects: 0,
    });
    expect(server.hits.slice(before).map((h) => h.method)).toEqual(['HEAD']);
  });

  it('follows a 301 -> 302 -> 200 chain with relative and cross-host Locations', async () => {
    expect(await checkOne(url('ok.test', '/chain/1'))).toMatchObject({
      status: 'ok',
      finalUrl: url('other.test', '/chain/3'),
      httpStatus: 200,
      redirects: 2,
    });
  });

  it('calls a redirect loop broken', async () => {
    expect(await checkOne(url('ok.test', '/loop/a'))).toMatchObject({ status: 'broken', reason: 'redirect loop' });
  });

  it('calls a cookie-setting redirect loop unverifiable (cookie-less client)', async () => {
    expect(await checkOne(url('ok.test', '/cookie-loop'))).toMatchObject({ status: 'unverifiable' });
  });

  it('stops at maxRedirects', async () => {
    expect(await checkOne(url('ok.test', '/chain/1'), { maxRedirects: 1 })).toMatchObject({
      status: 'broken',
      reason: 'too many redirects (more than 1)',
    });
  });

  it.each([
    ['/missing', 'broken', 404],
    ['/gone', 'broken', 410],
    ['/li', 'unverifiable', 999],
    ['/busy', 'unverifiable', 429],
    ['/unavailable', 'unverifiable', 503],
  ])('%s -> %s', async (path, status, httpStatus) => {
    expect(await checkOne(url('linkedin.test', path))).toMatchObject({ status, httpStatus });
  });

  it('confirms a HEAD 404 with GET before calling it broken', async () => {
    const before = server.hits.length;
    await checkOne(url('ok.test', '/missing'));
    expect(server.hits.slice(before).map((h) => h.method)).toEqual(['HEAD', 'GET']);
  });

  it('does not retry 999/429 with GET', async () => {
    const before = server.hits.length;
    await checkLinks([url('ok.test', '/li'), url('ok.test', '/busy')], options);
    expect(server.hits.slice(before).map((h) => h.method)).toEqual(['HEAD', 'HEAD']);
  });

  it('falls back to GET when HEAD gets 405', async () => {
    const before = server.hits.length;
    expect(await checkOne(url('ok.test', '/no-head'))).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(server.hits.slice(before).map((h) => h.method)).toEqual(['HEAD', 'GET']);
  });

  it('treats a redirect to a login wall as unverifiable without requesting it', async () => {
    expect(await checkOne(url('ok.test', '/to-authwall'))).toMatchObject({
      status: 'unverifiable',
      reason: expect.stringContaining('login page'),
    });
    expect(server.hits.some((h) => h.path === '/authwall')).toBe(false);
  });

  it('times out a hanging server', async () => {
    const started = Date.now();
    expect(await checkOne(url('ok.test', '/hang'), { timeoutMs: 300 })).toEqual({
      status: 'unverifiable',
      url: url('ok.test', '/hang'),
      reason: 'timed out after 0.3s',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('calls a refused connection broken', async () => {
    const port = await closedPort();
    const u = `http://refused.test:${port}/`;
    expect(await checkOne(u)).toMatchObject({ status: 'broken', reason: 'connection refused' });
  });

  it('calls the one unresolvable host broken when others resolve', async () => {
    const results = await checkLinks([url('ok.test', '/ok'), url('nope.test', '/ok')], options);
    expect(results.get(url('ok.test', '/ok'))?.status).toBe('ok');
    expect(results.get(url('nope.test', '/ok'))).toMatchObject({ status: 'broken', reason: 'DNS: host not found' });
  });

  it('requests a URL listed three times once', async () => {
    const u = url('ok.test', '/ok?dedupe=1');
    const before = server.hits.length;
    const results = await checkLinks([u, u, u], options);
    expect(results.size).toBe(1);
    expect(results.get(u)?.status).toBe('ok');
    expect(server.hits.slice(before)).toHaveLength(1);
  });

  it('never exceeds the per-host limit, while other hosts run in parallel', async () => {
    server.peakInFlight.clear();
    const urls = [1, 2, 3, 4, 5, 6].flatMap((i) => [url('a.test', `/slow?i=${i}`), url('b.test', `/slow?i=${i}`)]);
    const results = await checkLinks(urls, { ...options, concurrency: 8, perHostConcurrency: 2 });
    expect([...results.values()].every((r) => r.status === 'ok')).toBe(true);
    expect(server.peakInFlight.get('a.test')).toBe(2);
    expect(server.peakInFlight.get('b.test')).toBe(2);
    expect(server.peakInFlight.get('*')).toBe(4);
  });

  it('sends no Cookie or Authorization, even for URLs with credentials', async () => {
    const u = `http://user:secret@ok.test:${server.port}/ok?creds=1`;
    expect(await checkOne(u)).toMatchObject({ status: 'ok' });
    expect(server.hits.length).toBeGreaterThan(0);
    for (const hit of server.hits) {
      expect(hit.headers.cookie).toBeUndefined();
      expect(hit.headers.authorization).toBeUndefined();
      expect(hit.headers['user-agent']).toMatch(/^sfaudit-link-check\//);
    }
  });
});
