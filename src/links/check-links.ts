import { isIP } from 'node:net';
import pLimit, { type LimitFunction } from 'p-limit';
import { followUrl } from './follow-redirects.js';
import { parseHttpUrl } from './form.js';
import { bareHostname, defaultResolver, HostResolver } from './host-resolution.js';
import { httpProbe, type Probe } from './http-probe.js';
import type { LinkCheckOptions, LinkOutcome, ProbeOutcome } from './types.js';
import { defaultUserAgent } from './user-agent.js';

/**
 * Batch orchestration: parse and de-duplicate, resolve every host up front (so "no network"
 * can be told apart from "this host does not exist"), then probe with bounded concurrency.
 */

function positiveInteger(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min) throw new RangeError(`${name} must be >= ${min}, got ${value}`);
  return Math.floor(value);
}

/** Per-host key: www.example.com and example.com are the same site for politeness purposes. */
function hostKey(url: URL): string {
  return bareHostname(url).replace(/^www\./, '');
}

/** Round-robin across hosts so one slow/large host cannot occupy every overall slot. */
function interleaveByHost(urls: URL[]): URL[] {
  const groups = new Map<string, URL[]>();
  for (const url of urls) {
    const group = groups.get(hostKey(url)) ?? [];
    group.push(url);
    groups.set(hostKey(url), group);
  }
  const ordered: URL[] = [];
  const queues = [...groups.values()];
  for (let i = 0; ordered.length < urls.length; i += 1) {
    for (const queue of queues) {
      const url = queue[i];
      if (url) ordered.push(url);
    }
  }
  return ordered;
}

/** Internal entry point: `probe` is injectable so tests can prove no connection is attempted. */
export async function checkLinksWith(
  urls: Iterable<string>,
  options: LinkCheckOptions,
  probe: Probe,
): Promise<Map<string, LinkOutcome>> {
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs, 10_000);
  const maxRedirects = positiveInteger('maxRedirects', options.maxRedirects, 5, 0);
  const concurrency = positiveInteger('concurrency', options.concurrency, 8);
  const perHostConcurrency = positiveInteger('perHostConcurrency', options.perHostConcurrency, 2);
  const userAgent = options.userAgent ?? defaultUserAgent();

  const results = new Map<string, LinkOutcome>();
  // Distinct normalized URL -> the input strings that denote it (each is requested once).
  const targets = new Map<string, { url: URL; inputs: string[] }>();
  const seen = new Set<string>();
  for (const input of urls) {
    if (seen.has(input)) continue;
    seen.add(input);
    const parsed = parseHttpUrl(input);
    if (!parsed.ok) {
      results.set(input, { status: 'not-checked', url: input, reason: `invalid URL: ${parsed.reason}` });
      continue;
    }
    parsed.url.hash = ''; // never sent; strip so #a and #b share one request
    const key = parsed.url.href;
    const target = targets.get(key) ?? { url: parsed.url, inputs: [] };
    target.inputs.push(input);
    targets.set(key, target);
  }

  const finish = (inputs: string[], outcome: ProbeOutcome): void => {
    for (const input of inputs) results.set(input, { ...outcome, url: input } as LinkOutcome);
  };

  if (options.network === false) {
    for (const { inputs } of targets.values()) finish(inputs, { status: 'not-checked', reason: 'network checks disabled' });
    return results;
  }

  const hosts = new HostResolver(options.resolver ?? defaultResolver, options.allowPrivateAddresses ?? false);
  const dnsLimit = pLimit(Math.max(concurrency, 8));
  const distinctHosts = new Set([...targets.values()].map(({ url }) => bareHostname(url)));
  await Promise.all([...distinctHosts].map((host) => dnsLimit(() => hosts.resolve(host))));
  const dnsWorks = await hosts.sawWorkingDns();
  // Batches of IP-literal URLs only never touch DNS: nothing to conclude, so let them through.
  const anyDnsName = [...distinctHosts].some((h) => isIP(h) === 0);

  const perHost = new Map<string, LimitFunction>();
  const hostLimit = (url: URL): LimitFunction => {
    const key = hostKey(url);
    let limit = perHost.get(key);
    if (!limit) {
      limit = pLimit(perHostConcurrency);
      perHost.set(key, limit);
    }
    return limit;
  };

  const overall = pLimit(concurrency);
  const ordered = interleaveByHost([...targets.values()].map((t) => t.url));
  await Promise.all(
    ordered.map((url) =>
      overall(async () => {
        const outcome = await followUrl(url, {
          hosts,
          send: (req) => hostLimit(req.url)(() => probe({ ...req, timeoutMs, userAgent })),
          timeoutMs,
          maxRedirects,
          dnsWorks: dnsWorks || !anyDnsName,
        });
        finish(targets.get(url.href)?.inputs ?? [], outcome);
      }),
    ),
  );
  // Report in the caller's order, whatever order checks finished in.
  return new Map([...seen].map((input) => [input, results.get(input) as LinkOutcome]));
}

export function checkLinks(urls: Iterable<string>, options: LinkCheckOptions = {}): Promise<Map<string, LinkOutcome>> {
  return checkLinksWith(urls, options, httpProbe);
}
