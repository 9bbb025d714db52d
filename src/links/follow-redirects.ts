import { bareHostname, type HostResolution, type HostResolver } from './host-resolution.js';
import type { ProbeRequest, ProbeResponse } from './http-probe.js';
import {
  GET_FALLBACK_STATUSES,
  isLoginPage,
  outcomeForNetworkError,
  outcomeForStatus,
  REDIRECT_STATUSES,
  timeoutOutcome,
} from './outcomes.js';
import type { ProbeOutcome } from './types.js';

/** Checks one URL hop by hop; every hop is resolved and vetted before anything is sent. */

export interface FollowContext {
  hosts: HostResolver;
  /** Sends one request (already bounded per host). */
  send: (request: Pick<ProbeRequest, 'url' | 'method' | 'addresses'>) => Promise<ProbeResponse>;
  timeoutMs: number;
  maxRedirects: number;
  /** Whether any host in the batch resolved: decides "host not found" vs "no network". */
  dnsWorks: boolean;
}

const NO_NETWORK = 'no network: no host could be resolved';

function outcomeForResolution(resolution: Exclude<HostResolution, { kind: 'usable' }>, dnsWorks: boolean): ProbeOutcome {
  if (resolution.kind === 'refused') return { status: 'not-checked', reason: resolution.reason };
  if (!dnsWorks) return { status: 'not-checked', reason: NO_NETWORK };
  if (resolution.kind === 'not-found') return { status: 'broken', reason: 'DNS: host not found' };
  // A DNS timeout/SERVFAIL while other names resolve says nothing certain about the link.
  return { status: 'unverifiable', reason: `DNS: lookup failed (${resolution.code})` };
}

function withHopContext(outcome: ProbeOutcome, url: URL, redirects: number): ProbeOutcome {
  if (redirects === 0 || outcome.status === 'ok') return outcome;
  return { ...outcome, reason: `redirect to ${url.host}: ${outcome.reason}` };
}

/** Same resource for loop detection: the fragment is never sent. */
function visitKey(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

export async function followUrl(start: URL, ctx: FollowContext): Promise<ProbeOutcome> {
  let current = start;
  let redirects = 0;
  let method: 'HEAD' | 'GET' = 'HEAD';
  let sawCookie = false;
  const visited = new Set([visitKey(start)]);

  for (;;) {
    const resolution = await ctx.hosts.resolve(bareHostname(current));
    if (resolution.kind !== 'usable') {
      return withHopContext(outcomeForResolution(resolution, ctx.dnsWorks), current, redirects);
    }
    const send = (m: 'HEAD' | 'GET') => ctx.send({ url: current, method: m, addresses: resolution.addresses });
    let response = await send(method);
    if (method === 'HEAD' && response.kind === 'response' && GET_FALLBACK_STATUSES.has(response.httpStatus)) {
      // Many servers mishandle HEAD; stay on GET for the rest of the chain once one did.
      method = 'GET';
      response = await send(method);
    }
    if (response.kind === 'timeout') return withHopContext(timeoutOutcome(ctx.timeoutMs), current, redirects);
    if (response.kind === 'error') {
      return withHopContext(outcomeForNetworkError(response.code, response.message), current, redirects);
    }

    const { httpStatus, location } = response;
    sawCookie ||= response.setsCookie;
    if (!REDIRECT_STATUSES.has(httpStatus) || location === undefined) {
      return outcomeForStatus(httpStatus, current.href, redirects);
    }

    let next: URL;
    try {
      next = new URL(location, current); // relative Locations are resolved against this hop
    } catch {
      return { status: 'broken', reason: `invalid redirect Location "${location}"`, httpStatus };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return { status: 'not-checked', reason: `redirect to unsupported scheme "${next.protocol}"` };
    }
    if (isLoginPage(next)) {
      return { status: 'unverifiable', reason: `redirected to a login page (${next.host}${next.pathname})`, httpStatus };
    }
    if (visited.has(visitKey(next))) {
      // Sites that set a cookie and redirect back loop forever for a cookie-less client.
      return sawCookie
        ? { status: 'unverifiable', reason: 'redirect loop (site requires cookies)', httpStatus }
        : { status: 'broken', reason: 'redirect loop', httpStatus };
    }
    if (redirects >= ctx.maxRedirects) {
      return { status: 'broken', reason: `too many redirects (more than ${ctx.maxRedirects})`, httpStatus };
    }
    visited.add(visitKey(next));
    redirects += 1;
    current = next;
  }
}
