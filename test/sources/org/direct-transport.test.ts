import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { liveAudit, serveFleet } from './helpers.js';
import { ritual } from '../../support/audit-helpers.js';
import type { SalesforceEmulator } from '../../support/salesforce/index.js';
import { opensslAvailable, selfSigned } from '../../support/self-signed.js';
import { directTransport } from '../../../src/sources/org/direct-transport.js';
import { MalformedReplyError, RequestFailedError, isTransient, networkFailure, normaliseError, CallTimeoutError } from '../../../src/sources/org/errors.js';
import type { Transport } from 'jsforce/lib/transport.js';

/** jsforce's transport is never reached here unless a proxy is set: a stand-in that says so if it is. */
const INNER = { httpRequest: () => Promise.reject(new Error('the inner transport was used')) } as unknown as Transport;

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A local server answering every request with `answer`; resolves to its URL. */
async function serve(answer: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void): Promise<string> {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/services/Soap/m/62.0`;
}

const XML = '<?xml version="1.0"?><r>é ✓ &amp;</r>';

describe('the direct transport of Metadata API calls', () => {
  it('sends the request whole, and gives back the reply as jsforce expects it, plain, gzipped or deflated', async () => {
    const seen: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    const url = await serve((req, body, res) => {
      seen.push({ headers: req.headers, body });
      const encoding = req.url?.endsWith('gzip') ? 'gzip' : req.url?.endsWith('deflate') ? 'deflate' : undefined;
      const bytes = encoding === 'gzip' ? gzipSync(XML) : encoding === 'deflate' ? deflateSync(XML) : Buffer.from(XML);
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Set-Cookie': ['a=1', 'b=2'], ...(encoding ? { 'Content-Encoding': encoding } : {}) });
      res.end(bytes);
    });
    const transport = directTransport(INNER, { env: {} });
    for (const suffix of ['', '?gzip', '?deflate']) {
      const reply = await transport.httpRequest({ method: 'POST', url: url + suffix, headers: { 'Content-Type': 'text/xml', SOAPAction: '""' }, body: '<q>ü</q>' });
      expect(reply.statusCode).toBe(200);
      expect(reply.body).toBe(XML);
      expect(reply.headers['content-type']).toBe('text/xml; charset=utf-8');
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.headers['set-cookie']).toBe('a=1, b=2');
    }
    expect(seen[0]!.body).toBe('<q>ü</q>');
    expect(seen[0]!.headers).toMatchObject({ 'content-type': 'text/xml', soapaction: '""', 'content-length': String(Buffer.byteLength('<q>ü</q>')), 'accept-encoding': 'gzip, deflate' });
    expect(seen[0]!.headers['transfer-encoding']).toBeUndefined();
  });

  it('decodes a reply as it comes, with a character split between two pieces and a gzipped body cut anywhere', async () => {
    const text = `<r>${'é ✓ 𝄞 '.repeat(20_000)}</r>`;
    const url = await serve((req, _body, res) => {
      const bytes = req.url?.endsWith('gzip') ? gzipSync(text) : Buffer.from(text);
      res.writeHead(200, { 'Content-Type': 'text/xml', ...(req.url?.endsWith('gzip') ? { 'Content-Encoding': 'gzip' } : {}) });
      // Cut inside a character (é is two bytes, ✓ three, 𝄞 four), sent a little apart so that they come as pieces.
      const cuts = [5, 6, 9_999, 10_001, 50_002, bytes.length];
      let from = 0;
      const next = () => {
        const to = cuts.shift()!;
        res.write(bytes.subarray(from, to));
        from = to;
        if (cuts.length) setTimeout(next, 5);
        else res.end();
      };
      next();
    });
    const transport = directTransport(INNER, { env: {} });
    for (const suffix of ['', '?gzip']) {
      const reply = await transport.httpRequest({ method: 'POST', url: url + suffix, body: '<q/>' });
      expect(reply.body).toBe(text);
    }
  });

  it('hands an HTTP error to jsforce as a reply, and fails what never became one as the reader expects', async () => {
    const url = await serve((req, _body, res) => {
      if (req.url?.endsWith('garbled')) {
        res.writeHead(200, { 'Content-Encoding': 'gzip' });
        res.end('not gzip at all');
      } else if (req.url?.endsWith('hang')) {
        // Never answers.
      } else if (req.url?.endsWith('cut')) {
        res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': '1000' });
        res.write('<partial');
        setTimeout(() => res.socket?.destroy(), 10);
      } else {
        res.writeHead(500, { 'Content-Type': 'text/xml' });
        res.end('<fault/>');
      }
    });
    const transport = directTransport(INNER, { env: {} });
    const fault = await transport.httpRequest({ method: 'POST', url, body: '<q/>' });
    expect([fault.statusCode, fault.body]).toEqual([500, '<fault/>']);
    // A body that does not decompress is a garbled reply: worth another try.
    const garbled = await transport.httpRequest({ method: 'POST', url: `${url}?garbled`, body: '<q/>' }).catch((e: unknown) => e);
    expect(garbled).toBeInstanceOf(MalformedReplyError);
    expect(isTransient(garbled)).toBe(true);
    // Cut short on the way: the connection's failure, worth another try.
    const cut = await transport.httpRequest({ method: 'POST', url: `${url}?cut`, body: '<q/>' }).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(RequestFailedError);
    expect(networkFailure(cut)).toBe('connection reset');
    expect(isTransient(cut)).toBe(true);
    // Past its time limit: the call's timeout, as for jsforce's own requests.
    const hung = await transport.httpRequest({ method: 'POST', url: `${url}?hang`, body: '<q/>' }, { timeout: 50 }).catch((e: unknown) => e);
    expect(normaliseError(hung, 50)).toBeInstanceOf(CallTimeoutError);
    // Nobody listening: a failure below HTTP, with the system's code.
    const port = Number(new URL(url).port);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const refused = await transport.httpRequest({ method: 'POST', url: `http://127.0.0.1:${port}/services/Soap/m/62.0`, body: '<q/>' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RequestFailedError);
    expect(networkFailure(refused)).toBe('connection refused');
    expect(isTransient(refused)).toBe(true);
  });

  it('reads with GET too; a GET jsforce would retry (a query) that fails the way it retries is handed to it, our own (no retry) is not', async () => {
    const url = await serve((req, _body, res) => {
      if (req.url?.endsWith('busy')) {
        res.writeHead(503, { 'Content-Type': 'text/html' });
        res.end('busy');
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"totalSize":0}');
      }
    });
    const handed: string[] = [];
    const inner = {
      httpRequest: (req: { url: string }) => {
        handed.push(req.url);
        return Promise.resolve({ statusCode: 200, headers: {}, body: 'sent by jsforce' });
      },
    } as unknown as Transport;
    const transport = directTransport(inner, { env: {} });
    const ok = await transport.httpRequest({ method: 'GET', url: `${url}?ok` });
    expect([ok.statusCode, ok.body]).toEqual([200, '{"totalSize":0}']);
    expect((await transport.httpRequest({ method: 'GET', url: `${url}?busy` })).body).toBe('sent by jsforce');
    // Our REST calls turn jsforce's retry off and retry themselves: their reply is theirs to judge.
    expect((await transport.httpRequest({ method: 'GET', url: `${url}?busy` }, { retry: { maxRetries: 0 } })).statusCode).toBe(503);
    // Nobody listening: jsforce retries a refused GET.
    const port = Number(new URL(url).port);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    expect((await transport.httpRequest({ method: 'GET', url: `http://127.0.0.1:${port}/services/data/v62.0/query` })).body).toBe('sent by jsforce');
    expect(handed).toEqual([`${url}?busy`, `http://127.0.0.1:${port}/services/data/v62.0/query`]);
  });

  it.skipIf(!opensslAvailable())('speaks https: a server it trusts answers, one whose certificate it cannot trust is a TLS failure', async () => {
    const { key, cert } = await selfSigned();
    const tls = https.createServer({ key, cert }, (_req, res) => res.end(XML));
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/services/Soap/m/62.0`;
      const untrusted = await directTransport(INNER, { env: {} }).httpRequest({ method: 'POST', url, body: '<q/>' }).catch((e: unknown) => e);
      expect(untrusted).toBeInstanceOf(RequestFailedError);
      expect(networkFailure(untrusted)).toMatch(/^TLS failure \(/);
      // Trusted (as NODE_EXTRA_CA_CERTS would make it), the same server answers.
      const options = https.globalAgent.options;
      options.ca = cert;
      try {
        const reply = await directTransport(INNER, { env: {} }).httpRequest({ method: 'POST', url: `${url}?trusted`, body: '<q/>' });
        expect([reply.statusCode, reply.body]).toEqual([200, XML]);
      } finally {
        delete options.ca;
      }
    } finally {
      tls.closeAllConnections();
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });

  it('leaves a request through a proxy, or with a body that is not text, to jsforce', async () => {
    expect(directTransport(INNER, { env: { HTTPS_PROXY: 'http://proxy.example:3128' } })).toBe(INNER);
    expect(directTransport(INNER, { env: {} })).not.toBe(INNER);
    const form = directTransport(INNER, { env: {} }).httpRequest({ method: 'POST', url: 'http://127.0.0.1:9/x', body: Buffer.from('x') as never });
    await expect(form).rejects.toThrow('the inner transport was used');
  });

  describe('against the emulated org, replies compressed as Salesforce compresses them', () => {
    let emulator: SalesforceEmulator;
    serveFleet((e) => (emulator = e));

    it('audits the same as with replies sent plain', async () => {
      const ruleset = await ritual();
      emulator.faults.reset();
      const plain = await liveAudit(emulator, ruleset);
      emulator.faults.compress = true;
      try {
        // As Salesforce does: compressed when the request accepts it.
        const encoding = await new Promise((resolve, reject) =>
          http.get(`${emulator.url}/services/data/`, { headers: { 'accept-encoding': 'gzip, deflate' } }, (res) => resolve(res.resume().headers['content-encoding'])).on('error', reject),
        );
        expect(encoding).toBe('gzip');
        const compressed = await liveAudit(emulator, ruleset);
        expect(compressed.report.findings).toEqual(plain.report.findings);
        expect(compressed.read.stats.componentsRead).toBe(plain.read.stats.componentsRead);
      } finally {
        emulator.faults.reset();
      }
    });
  });
});
