/**
 * Purely syntactic URL checks: no network. Used both for rule checks on record fields
 * ("is this a LinkedIn company URL?") and to decide what checkLinks may request at all.
 */

export interface UrlFormExpectation {
  /** Allowed hosts; subdomains are accepted too (www.linkedin.com matches linkedin.com). */
  hosts?: string[];
  /** Tested against the URL's pathname, e.g. /^\/company\/[^/]+\/?$/. */
  pathPattern?: RegExp;
  /** Refuse plain http:. */
  requireHttps?: boolean;
}

export type UrlFormResult = { ok: true; url: URL } | { ok: false; reason: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Parses an absolute http(s) URL, explaining the most common data-entry mistakes. */
export function parseHttpUrl(raw: string): UrlFormResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'empty URL' };
  const scheme = SCHEME.exec(text)?.[1];
  // "linkedin.com/company/x" has no scheme; "linkedin.com:443/x" parses with a bogus
  // scheme "linkedin.com" - both are a missing https:// to a human.
  if (scheme === undefined || scheme.includes('.')) {
    return { ok: false, reason: 'not an absolute URL (missing https://)' };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `unsupported scheme "${url.protocol}" (only http and https)` };
  }
  if (url.hostname === '') return { ok: false, reason: 'URL has no host' };
  return { ok: true, url };
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

export function hostMatches(hostname: string, allowed: string): boolean {
  const host = normalizeHost(hostname);
  const want = normalizeHost(allowed);
  return host === want || host.endsWith(`.${want}`);
}

export function checkUrlForm(url: string, expect: UrlFormExpectation = {}): UrlFormResult {
  const parsed = parseHttpUrl(url);
  if (!parsed.ok) return parsed;
  const { url: u } = parsed;
  if (expect.requireHttps && u.protocol !== 'https:') return { ok: false, reason: 'must use https' };
  if (expect.hosts && expect.hosts.length > 0 && !expect.hosts.some((h) => hostMatches(u.hostname, h))) {
    return { ok: false, reason: `host "${u.hostname}" is not ${expect.hosts.join(' or ')}` };
  }
  if (expect.pathPattern) {
    // Copy without g/y so a caller's stateful regex (lastIndex) cannot make results flip.
    const pattern = new RegExp(expect.pathPattern.source, expect.pathPattern.flags.replace(/[gy]/g, ''));
    if (!pattern.test(u.pathname)) {
      return { ok: false, reason: `path "${u.pathname}" does not match ${expect.pathPattern}` };
    }
  }
  return parsed;
}
