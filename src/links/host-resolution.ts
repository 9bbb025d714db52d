import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { blockedAddressReason } from './address-policy.js';
import type { ResolvedAddress, Resolver } from './types.js';

/**
 * Resolves each hostname once per batch and vets the answer. The vetted addresses are what
 * the HTTP layer connects to (through a custom `lookup`), so a second, different DNS answer
 * (DNS rebinding) can never be used.
 */

export type HostResolution =
  | { kind: 'usable'; addresses: ResolvedAddress[] }
  | { kind: 'refused'; reason: string }
  | { kind: 'not-found'; code: string }
  | { kind: 'failed'; code: string };

export const defaultResolver: Resolver = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

// Codes meaning "this name does not exist" as opposed to "DNS did not answer".
const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'NXDOMAIN']);

export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

export class HostResolver {
  private readonly cache = new Map<string, Promise<HostResolution>>();

  constructor(
    private readonly resolver: Resolver,
    private readonly allowPrivateAddresses: boolean,
  ) {}

  resolve(hostname: string): Promise<HostResolution> {
    let pending = this.cache.get(hostname);
    if (!pending) {
      pending = this.resolveUncached(hostname);
      this.cache.set(hostname, pending);
    }
    return pending;
  }

  /** True when some DNS name resolved to an address we could use: proof that DNS works. */
  async sawWorkingDns(): Promise<boolean> {
    const results = await Promise.all(
      [...this.cache].filter(([host]) => isIP(host) === 0).map(([, pending]) => pending),
    );
    return results.some((r) => r.kind === 'usable');
  }

  private async resolveUncached(hostname: string): Promise<HostResolution> {
    let addresses: ResolvedAddress[];
    if (isIP(hostname) !== 0) {
      addresses = [{ address: hostname, family: isIP(hostname) === 6 ? 6 : 4 }];
    } else {
      try {
        addresses = (await this.resolver(hostname)).filter((a) => isIP(a.address) !== 0);
      } catch (error) {
        const code = String((error as { code?: unknown }).code ?? 'EDNS');
        return NOT_FOUND_CODES.has(code) ? { kind: 'not-found', code } : { kind: 'failed', code };
      }
      if (addresses.length === 0) return { kind: 'not-found', code: 'ENODATA' };
    }
    if (this.allowPrivateAddresses) return { kind: 'usable', addresses };
    // Only connect to addresses that pass the policy; refuse the host when none does.
    const allowed = addresses.filter((a) => blockedAddressReason(a.address) === undefined);
    if (allowed.length > 0) return { kind: 'usable', addresses: allowed };
    const first = addresses[0]?.address ?? hostname;
    const what = isIP(hostname) !== 0 ? `address ${first}` : `${hostname} resolves to ${first}`;
    return { kind: 'refused', reason: `refused by address policy: ${what}, which is ${blockedAddressReason(first)}` };
  }
}
