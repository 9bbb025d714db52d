import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedAddress } from './types.js';

/**
 * One HTTP request, headers only. Connects exclusively to the pre-vetted addresses,
 * sends no credentials of any kind, and never follows redirects itself.
 */

export interface ProbeRequest {
  url: URL;
  method: 'HEAD' | 'GET';
  addresses: ResolvedAddress[];
  timeoutMs: number;
  userAgent: string;
}

export type ProbeResponse =
  | { kind: 'response'; httpStatus: number; location?: string; setsCookie: boolean }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'timeout' };

export type Probe = (request: ProbeRequest) => Promise<ProbeResponse>;

/** A `lookup` that ignores the hostname and hands back the addresses we already checked. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if (!first) {
      callback(Object.assign(new Error('no vetted address'), { code: 'ENOTFOUND' }), '', 4);
    } else if (options.all) {
      // Node asks for all addresses when autoSelectFamily (happy eyeballs) is on.
      (callback as unknown as (err: null, all: ResolvedAddress[]) => void)(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

export const httpProbe: Probe = (request) =>
  new Promise<ProbeResponse>((resolve) => {
    const { url } = request;
    const transport = url.protocol === 'https:' ? https : http;
    let settled = false;
    let timedOut = false;
    const settle = (value: ProbeResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };

    const req = transport.request({
      method: request.method,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      // Only these two headers (plus Host/Connection from Node). No cookies, no Authorization,
      // even when the URL embeds user:password - we deliberately do not pass `auth`.
      headers: { 'User-Agent': request.userAgent, Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      // A fresh connection per request: nothing pooled from a differently-resolved host.
      agent: false,
      lookup: pinnedLookup(request.addresses),
    });

    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy();
      settle({ kind: 'timeout' });
    }, request.timeoutMs);

    req.on('response', (res) => {
      const location = res.headers.location;
      settle({
        kind: 'response',
        httpStatus: res.statusCode ?? 0,
        ...(location ? { location } : {}),
        setsCookie: res.headers['set-cookie'] !== undefined,
      });
      // We only need the headers; dropping the socket avoids downloading bodies.
      res.on('error', () => {});
      res.destroy();
    });
    req.on('error', (error: Error & { code?: string }) => {
      if (timedOut) return;
      settle({ kind: 'error', code: error.code ?? 'EUNKNOWN', message: error.message });
    });
    req.end();
  });
