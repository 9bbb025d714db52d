import http from 'node:http';
import https from 'node:https';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Transport } from 'jsforce/lib/transport.js';
import { StreamPromise } from 'jsforce/lib/util/promise.js';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types/index.js';
import { throughProxy } from './connections.js';
import { RequestFailedError, garbledReply } from './errors.js';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);

/** How long a request may take when jsforce sets no time limit (it sets the call policy's: see org-api.ts). */
const NO_LIMIT_MS = 30 * 60_000;

/**
 * jsforce's transport for the Metadata API's SOAP calls, on Node's own HTTP client: the request written whole at
 * once, the reply collected into one string. jsforce's own (node-fetch, then two pass-through streams and a
 * duplex between them and jsforce) took twice the main thread's time per reply, side by side on a local server:
 * about 2 against 1 ms for a 20 KB reply, 7 against 4 ms for 1 MB warm, 27 against 18 ms cold. On two cores that
 * is time the next round's requests wait for. Everything else jsforce does with a reply (faults, an expired
 * session and its refresh) is unchanged: this only moves bytes.
 *
 * As node-fetch does for jsforce: gzip or deflate asked for and undone (Salesforce compresses a reply when asked:
 * a listing of thousands of components is a tenth of its size), the global agent and its kept-alive connections
 * (those opened ahead, see connections.ts), a failure below HTTP as an error with the system's code. Through a
 * proxy the inner transport (jsforce's, which knows proxies) does it all.
 */
export function directTransport(inner: Transport, env: NodeJS.ProcessEnv = process.env): Transport {
  if (throughProxy(env)) return inner;
  const transport: Pick<Transport, 'httpRequest'> = {
    httpRequest(req: HttpRequest, options?: HttpRequestOptions) {
      // SOAP sends text; anything else (a form, a stream) is jsforce's to send.
      if (req.body !== undefined && typeof req.body !== 'string') return inner.httpRequest(req, options);
      // jsforce pipes a stream of its own through this one (for callers that stream a reply): nothing goes through it here.
      return StreamPromise.create(() => ({ stream: new PassThrough(), promise: send(req, options?.timeout ?? NO_LIMIT_MS) }));
    },
  };
  return transport as Transport;
}

async function send(req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  const url = new URL(req.url);
  const client = url.protocol === 'https:' ? https : http;
  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : undefined;
  const headers: http.OutgoingHttpHeaders = { 'accept-encoding': 'gzip, deflate', ...lowerCased(req.headers) };
  if (body) headers['content-length'] = body.length;
  const { statusCode, headers: replyHeaders, bytes } = await new Promise<{ statusCode: number; headers: http.IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
    const request = client.request(url, { method: req.method, headers }, (reply) => {
      const chunks: Buffer[] = [];
      reply.on('data', (chunk: Buffer) => chunks.push(chunk));
      reply.on('end', () => resolve({ statusCode: reply.statusCode ?? 0, headers: reply.headers, bytes: Buffer.concat(chunks) }));
      reply.on('error', (e) => reject(failed(url, e)));
      // The connection closed before the reply's end: cut short on the way.
      reply.on('close', () => reply.complete || reject(failed(url, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))));
    });
    request.setTimeout(timeoutMs, () => request.destroy(timedOut(timeoutMs)));
    request.on('error', (e) => reject(e.name === 'AbortError' ? e : failed(url, e)));
    request.end(body);
  });
  const encoding = String(replyHeaders['content-encoding'] ?? '').toLowerCase();
  let text: string;
  try {
    text = (encoding === 'gzip' ? await gunzip(bytes) : encoding === 'deflate' ? await inflate(bytes) : bytes).toString('utf8');
  } catch (e) {
    throw garbledReply(`${encoding} body: ${(e as Error).message}`);
  }
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
