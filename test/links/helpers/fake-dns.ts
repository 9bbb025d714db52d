import type { Resolver } from '../../../src/links/index.js';

/** A resolver over a fixed table: tests never touch real DNS. Unknown names fail like getaddrinfo. */
export function fakeResolver(table: Record<string, string | string[]>, calls: string[] = []): Resolver {
  return async (hostname) => {
    calls.push(hostname);
    const entry = table[hostname];
    if (entry === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    return (Array.isArray(entry) ? entry : [entry]).map((address) => ({
      address,
      family: address.includes(':') ? (6 as const) : (4 as const),
    }));
  };
}
