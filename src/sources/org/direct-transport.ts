import http from 'node:http';
import https from 'node:https';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import type { Transport } from 'jsforce/lib/transport.js';
import { StreamPromise } from 'jsforce/lib/util/promise.js';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types/index.js';
import { throughProxy, type Agents } from './connections.js';
import { RequestFailedError, garbledReply } from './errors.js';

/** How long a request may take when jsforce sets no time limit (it sets the call policy's: see org-api.ts). */
const NO_LIMIT_MS = 30 * 60_000;

/**
 * jsforce's transport on Node's own HTTP client, for the Metadata API's SOAP calls and the REST API's GETs: a request
 * written whole at once, its reply collected into one string. jsforce's own (node-fetch, then two pass-through streams
 * and a duplex between them and jsforce) took twice the main thread's time per reply, side by side on a local server:
 * about 2 against 1 ms for a 20 KB reply, 7 against 4 ms for 1 MB warm, 27 against 18 ms cold. On two cores that is
 * time the next round's requests wait for. Everything else jsforce does with a reply (faults, errors, an expired
 * session and its refresh) is unchanged: this only moves bytes.
 *
 * As node-fetch does for jsforce: gzip or deflate asked for and undone (Salesforce compresses a reply when asked:
 * a listing of thousands of components is a tenth of its size), kept-alive connections (`agents`: the reader's, with
 * the connections it opened ahead, see connections.ts), a failure below HTTP as an error with the system's code.
 * A GET jsforce would retry (a query: our own REST calls ask it not to, and retry themselves) that fails the way it
 * retries is handed to jsforce's transport, which retries it as it does any GET. Through a proxy the inner transport
 * (jsforce's, which knows proxies) does it all.
 * `timeoutMs`: a request's time limit when jsforce gives none (connect.ts gives jsforce's transport the same).
 */
export function directTransport(inner: Transport, options: { env?: NodeJS.ProcessEnv; agents?: Agents; timeoutMs?: number } = {}): Transport {
  if (throughProxy(options.env ?? process.env)) return inner;
  const transport: Pick<Transport, 'httpRequest'> = {
    httpRequest(req: HttpRequest, requestOptions?: HttpRequestOptions) {
      const get = req.method.toUpperCase() === 'GET' && req.body === undefined;
      // SOAP sends text, REST reads with GET; anything else (a form, a stream, a write) is jsforce's to send.
      if (!get && typeof req.body !== 'string') return inner.httpRequest(req, requestOptions);
      const timeoutMs = requestOptions?.timeout ?? options.timeoutMs ?? NO_LIMIT_MS;
      const sent = send(req, timeoutMs, options.agents);
      const retried = get && requestOptions?.retry?.maxRetries !== 0;
      const promise = retried
        ? sent.then(
            (reply) => (RETRIED_STATUSES.has(reply.statusCode) ? inner.httpRequest(req, requestOptions) : reply),
            (error: unknown) => (error instanceof RequestFailedError && RETRIED_CODES.has(error.code ?? '') ? inner.httpRequest(req, requestOptions) : Promise.reject(error)),
          )
        : sent;
      // jsforce pipes a stream of its own through this one (for callers that stream a reply): nothing goes through it here.
      return StreamPromise.create(() => ({ stream: new PassThrough(), promise }));
    },
  };
  return transport as Transport;
}

/** What jsforce retries a GET on by default (lib/request.js): these replies, and these failures below HTTP. */
const RETRIED_STATUSES = new Set([420, 429, 500, 502, 503, 504]);
const RETRIED_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'ENETDOWN', 'ENETUNREACH', 'EHOSTDOWN', 'ETIMEDOUT', 'EPIPE']);

async function send(req: HttpRequest, timeoutMs: number, agents: Agents | undefined): Promise<HttpResponse> {
  const url = new URL(req.url);
  const secure = url.protocol === 'https:';
  const client = secure ? https : http;
  const agent = agents?.[secure ? 'https' : 'http'];
  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : undefined;
  const headers: http.OutgoingHttpHeaders = { 'accept-encoding': 'gzip, deflate', ...lowerCased(req.headers) };
  if (body) headers['content-length'] = body.length;
  const { statusCode, headers: replyHeaders, text } = await new Promise<{ statusCode: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = client.request(url, { method: req.method, headers, ...(agent ? { agent } : {}) }, (reply) => {
      const encoding = String(reply.headers['content-encoding'] ?? '').toLowerCase();
      // Undone and decoded as the bytes come, not once they are all in: when the last of a listing of megabytes
      // comes, only it is left to decode, and the bytes are never copied into one buffer first.
      const stream = encoding === 'gzip' ? reply.pipe(zlib.createGunzip()) : encoding === 'deflate' ? reply.pipe(zlib.createInflate()) : reply;
      stream.setEncoding('utf8');
      const parts: string[] = [];
      stream.on('data', (part: string) => parts.push(part));
      stream.on('end', () => resolve({ statusCode: reply.statusCode ?? 0, headers: reply.headers, text: parts.join('') }));
      if (stream !== reply) stream.on('error', (e) => reject(garbledReply(`${encoding} body: ${e.message}`)));
      reply.on('error', (e) => reject(failed(url, e)));
      // The connection closed before the reply's end: cut short on the way.
      reply.on('close', () => reply.complete || reject(failed(url, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))));
    });
    request.setTimeout(timeoutMs, () => request.destroy(timedOut(timeoutMs)));
    request.on('error', (e) => reject(e.name === 'AbortError' ? e : failed(url, e)));
    request.end(body);
  });
  const { 'content-encoding': _encoding, ...rest } = replyHeaders;
  return { statusCode, headers: flat(rest), body: text };
}

function lowerCased(headers: HttpRequest['headers']): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

/** As node-fetch gives jsforce the headers: one string each (repeated ones joined). */
function flat(headers: http.IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
}

/** What jsforce's fetch wrapper throws when a request outlives its time limit (normaliseError knows it). */
function timedOut(ms: number): Error {
  const error = new Error(`The operation was aborted due to timeout of ${ms} ms`);
  error.name = 'AbortError';
  return error;
}

function failed(url: URL, error: Error & { code?: string }): RequestFailedError {
  return new RequestFailedError(`request to ${url.origin}${url.pathname} failed, reason: ${error.message}`, error.code);
}
