import { checkLinks, type LinkCheckOptions, type LinkOutcome } from '../links/index.js';

/** How `links` rules check URLs over HTTP; part of the audit options. */
export interface LinkCheckSetup {
  /** false: only the form of each URL is checked, the rest are reported "not checked" (the CLI's --no-network). Default true. */
  network?: boolean;
  /** Timeouts, concurrency, `allowPrivateAddresses`, a `resolver` ... passed to the link checker. */
  options?: LinkCheckOptions;
  /** Replaces `checkLinks` (tests route realistic URLs to a local server with it). */
  checker?: (urls: string[], options: LinkCheckOptions) => Promise<Map<string, LinkOutcome>>;
}

/** Link checks shared by every rule of a run: each URL is requested at most once per run. */
export interface LinkService {
  readonly network: boolean;
  /** `requesting`: told, before any answer, how many of the URLs this call is the first to ask for. */
  check(urls: Iterable<string>, requesting?: (fresh: number) => void): Promise<Map<string, LinkOutcome>>;
  /** Distinct URLs handed to the checker so far. */
  readonly requested: number;
}

export function linkService(setup: LinkCheckSetup = {}): LinkService {
  const network = setup.network ?? setup.options?.network ?? true;
  const checker = setup.checker ?? ((urls, options) => checkLinks(urls, options));
  const options: LinkCheckOptions = { ...setup.options, network };
  const cache = new Map<string, Promise<LinkOutcome>>();
  return {
    network,
    get requested() {
      return cache.size;
    },
    async check(urls, requesting) {
      const wanted = [...new Set(urls)];
      const fresh = wanted.filter((u) => !cache.has(u));
      requesting?.(fresh.length);
      if (fresh.length > 0) {
        // One batch per call, so the checker's concurrency and per-host limits apply across it.
        const batch = checker(fresh, options);
        for (const url of fresh) {
          const outcome = batch.then(
            (m): LinkOutcome => m.get(url) ?? { status: 'not-checked', url, reason: 'the link checker gave no answer for this URL' },
          );
          // A failed batch rejects every entry; only the first awaited one reports it.
          outcome.catch(() => {});
          cache.set(url, outcome);
        }
      }
      const out = new Map<string, LinkOutcome>();
      for (const url of wanted) out.set(url, await cache.get(url)!);
      return out;
    },
  };
}
