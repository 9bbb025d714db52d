import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLinksWith } from '../../src/links/check-links.js';
import type { Probe, ProbeRequest } from '../../src/links/http-probe.js';
import { httpProbe } from '../../src/links/http-probe.js';
import { checkLinks } from '../../src/links/index.js';
import { fakeResolver } from './helpers/fake-dns.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

// Safety policy and DNS decisions. Private targets come only from the fake resolver; a
// recording probe proves no request is even attempted, and the loopback server proves
// nothing arrived there either.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function recordingProbe(inner: Probe): { probe: Probe; requests: ProbeRequest[] } {
  const requests: ProbeRequest[] = [];
  return { requests, probe: (req) => (requests.push(req), inner(req)) };
}

/** Answers without any network: lets redirect tests use public-looking addresses safely. */
const scriptedProbe =
  (answers: Record<string, { httpStatus: number; location?: string }>): Probe =>
  async (req) => {
    const answer = answers[req.url.href];
    return answer ? { kind: 'response', setsCookie: false, ...answer } : { kind: 'error', code: 'ETEST', message: 'unscripted' };
  };

describe('address policy (allowPrivateAddresses: false)', () => {
  const table = {
    'ten.test': '10.0.0.1',
    'loop.test': '127.0.0.1',
    'metadata.test': '169.254.169.254',
    'v6loop.test': '::1',
    'mapped.test': '::ffff:127.0.0.1',
  };

  it.each(Object.entries(table))('refuses %s (-> %s) without connecting', async (host, address) => {
    const { probe, requests } = recordingProbe(httpProbe);
    const hitsBefore = server.hits.length;
    const u = `http://${host}:${server.port}/ok`;
    const results = await checkLinksWith([u], { resolver: fakeResolver(table) }, probe);
    expect(results.get(u)).toMatchObject({
      status: 'not-checked',
      reason: expect.stringContaining(`refused by address policy: ${host} resolves to ${address}`),
    });
    expect(requests).toHaveLength(0);
    expect(server.hits.length).toBe(hitsBefore);
  });

  it.each(['http://127.0.0.1/', 'http://[::1]/', 'http://[::ffff:7f00:1]/', 'http://2130706433/', 'http://169.254.169.254/latest/meta-data/'])(
    'refuses IP-literal URL %s without DNS or connection',
    async (u) => {
      const { probe, requests } = recordingProbe(httpProbe);
      const dnsCalls: string[] = [];
      const results = await checkLinksWith([u], { resolver: fakeResolver({}, dnsCalls) }, probe);
      expect(results.get(u)).toMatchObject({ status: 'not-checked', reason: expect.stringContaining('refused by address policy') });
      expect(requests).toHaveLength(0);
      expect(dnsCalls).toHaveLength(0);
    },
  );

  it('refuses a redirect hop to a private address', async () => {
    const { probe, requests } = recordingProbe(
      scriptedProbe({ 'http://public.test/': { httpStatus: 302, location: 'http://metadata.test/latest/' } }),
    );
    const resolver = fakeResolver({ 'public.test': '93.184.216.34', 'metadata.test': '169.254.169.254' });
    const results = await checkLinksWith(['http://public.test/'], { resolver }, probe);
    expect(results.get('http://public.test/')).toMatchObject({
      status: 'not-checked',
      reason: expect.stringContaining('169.254.169.254'),
    });
    expect(requests.map((r) => r.url.href)).toEqual(['http://public.test/']);
  });

  it('connects only to the address it vetted (no second DNS answer is used)', async () => {
    let calls = 0;
    const rebinding = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 as const }];
    const { probe, requests } = recordingProbe(
      scriptedProbe({
        'http://rebind.test/': { httpStatus: 302, location: '/again' },
        'http://rebind.test/again': { httpStatus: 200 },
      }),
    );
    const results = await checkLinksWith(['http://rebind.test/'], { resolver: rebinding }, probe);
    expect(results.get('http://rebind.test/')?.status).toBe('ok');
    expect(calls).toBe(1);
    expect(requests.flatMap((r) => r.addresses.map((a) => a.address))).toEqual(['93.184.216.34', '93.184.216.34']);
  });

  it('rejects redirects to non-http schemes', async () => {
    const probe = scriptedProbe({ 'http://public.test/': { httpStatus: 302, location: 'file:///etc/passwd' } });
    const results = await checkLinksWith(['http://public.test/'], { resolver: fakeResolver({ 'public.test': '93.184.216.34' }) }, probe);
    expect(results.get('http://public.test/')).toMatchObject({ status: 'not-checked' });
  });
});

describe('DNS outcomes for the batch', () => {
  it('marks everything not-checked when no host resolves (no network)', async () => {
    const urls = ['https://www.linkedin.com/company/acme/', 'https://example.org/', 'https://example.org/', 'http://x.invalid/'];
    const { probe, requests } = recordingProbe(httpProbe);
    const dnsCalls: string[] = [];
    const results = await checkLinksWith(urls, { resolver: fakeResolver({}, dnsCalls) }, probe);
    expect(results.size).toBe(3);
    for (const outcome of results.values()) {
      expect(outcome).toMatchObject({ status: 'not-checked', reason: 'no network: no host could be resolved' });
    }
    expect(requests).toHaveLength(0);
    expect(dnsCalls.sort()).toEqual(['example.org', 'www.linkedin.com', 'x.invalid']); // each host once
  });

  it('treats EAI_AGAIN everywhere as no network too', async () => {
    const resolver = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN' });
    };
    const results = await checkLinks(['https://a.example/', 'https://b.example/'], { resolver });
    expect([...results.values()].map((r) => r.status)).toEqual(['not-checked', 'not-checked']);
  });
});

describe('inputs that are never requested', () => {
  it('marks invalid forms and network:false as not-checked', async () => {
    const { probe, requests } = recordingProbe(httpProbe);
    const results = await checkLinksWith(['linkedin.com/company/acme', 'javascript:alert(1)', ''], { resolver: fakeResolver({}) }, probe);
    expect([...results.values()].every((r) => r.status === 'not-checked' && r.reason.startsWith('invalid URL'))).toBe(true);
    const off = await checkLinksWith(['https://example.org/'], { network: false, resolver: fakeResolver({}) }, probe);
    expect(off.get('https://example.org/')).toMatchObject({ status: 'not-checked', reason: 'network checks disabled' });
    expect(requests).toHaveLength(0);
  });
});
