import type { ProbeOutcome } from './types.js';

/**
 * Maps what a site answered to a verdict. "broken" is reserved for answers that really mean
 * the link is dead; anything that may just be a site refusing robots is "unverifiable".
 */

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Statuses after HEAD that a GET might change: HEAD unsupported/refused, or a broken verdict worth confirming. */
export const GET_FALLBACK_STATUSES = new Set([400, 403, 404, 405, 410, 501]);

// LinkedIn sends logged-out visitors to /authwall; others use /login, /uas/login, /signin, ...
const LOGIN_PATH = /\/(authwall|login|log-in|signin|sign-in|checkpoint|accounts\/login)(\/|\.|$)/i;

export function isLoginPage(url: URL): boolean {
  return LOGIN_PATH.test(url.pathname);
}

export function outcomeForStatus(httpStatus: number, finalUrl: string, redirects: number): ProbeOutcome {
  if (httpStatus >= 200 && httpStatus < 300) return { status: 'ok', finalUrl, httpStatus, redirects };
  if (httpStatus === 404) return { status: 'broken', reason: 'HTTP 404 not found', httpStatus };
  if (httpStatus === 410) return { status: 'broken', reason: 'HTTP 410 gone', httpStatus };
  if (httpStatus === 999) return { status: 'unverifiable', reason: 'HTTP 999: site refuses automated checks', httpStatus };
  if (httpStatus === 429) return { status: 'unverifiable', reason: 'HTTP 429: rate limited', httpStatus };
  if (httpStatus === 401 || httpStatus === 403 || httpStatus === 407) {
    return { status: 'unverifiable', reason: `HTTP ${httpStatus}: login or access wall`, httpStatus };
  }
  if (httpStatus >= 500) return { status: 'unverifiable', reason: `HTTP ${httpStatus}: server error`, httpStatus };
  return { status: 'unverifiable', reason: `HTTP ${httpStatus}`, httpStatus };
}

export function timeoutOutcome(timeoutMs: number): ProbeOutcome {
  return { status: 'unverifiable', reason: `timed out after ${timeoutMs / 1000}s` };
}

export function outcomeForNetworkError(code: string, message: string): ProbeOutcome {
  if (code === 'ECONNREFUSED') return { status: 'broken', reason: 'connection refused' };
  if (/CERT|TLS|SSL/.test(code) || (code === 'EPROTO' && /ssl|tls/i.test(message))) {
    return { status: 'broken', reason: `TLS error (${code})` };
  }
  // ENETUNREACH is about this machine (no route at all), not about the site.
  if (code === 'ENETUNREACH') return { status: 'not-checked', reason: 'no network: network unreachable' };
  if (code === 'ECONNRESET') return { status: 'unverifiable', reason: 'connection reset by server' };
  if (code.startsWith('HPE_')) return { status: 'unverifiable', reason: `invalid HTTP response (${code})` };
  return { status: 'unverifiable', reason: `network error (${code}: ${message})` };
}
