import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultController, type FaultDecision } from './faults.js';
import { handleUpload } from './files.js';
import { json, readBody, text, type Reply } from './http-util.js';
import { EmulatorState } from './state.js';
import type { SlackEmulator, SlackEmulatorOptions } from './types.js';
import { handleWebApi } from './web-api.js';
import { handleWebhook, webhookPath } from './webhook.js';

const API_PREFIX = '/api/';
const UPLOAD_PREFIX = '/upload/v1/';

/** Starts the emulator on 127.0.0.1 with an OS-assigned port (never another address). */
export async function startSlackEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const state = new EmulatorState(options);
  const faults = new FaultController();
  let origin = '';

  const server = createServer((req, res) => {
    void serve(req, res);
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    let reply: Reply;
    try {
      const body = await readBody(req);
      reply = await route(req, body, path);
    } catch (err) {
      // A bug in the emulator should look like Slack's own "something broke" answer, not hang the client.
      reply = path.startsWith(API_PREFIX)
        ? json(500, { ok: false, error: 'internal_error', detail: String(err) })
        : text(500, 'rollup_error');
    }
    state.requests.push({ path, method: req.method ?? 'GET', status: reply.status });
    res.writeHead(reply.status, { 'content-type': reply.contentType, ...reply.headers });
    res.end(reply.body);
  }

  async function route(req: IncomingMessage, body: Buffer, path: string): Promise<Reply> {
    const fault = faultReply(faults.next(), path.startsWith(API_PREFIX));
    if (fault) return fault;
    if (path.startsWith(API_PREFIX)) return handleWebApi(req, body, path.slice(API_PREFIX.length), { state, origin });
    if (path.startsWith(UPLOAD_PREFIX)) return handleUpload(req, body, path.slice(UPLOAD_PREFIX.length), state);
    if (path.startsWith('/services/')) return handleWebhook(req, body, path, state);
    return text(404, 'Not Found');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${origin}${API_PREFIX}`,
    webhookUrl: `${origin}${webhookPath(state)}`,
    messages: state.messages,
    files: state.files,
    requests: state.requests,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // fetch keeps sockets alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}

/**
 * Web API faults keep the JSON envelope ({ok:false,error:'ratelimited'}); webhooks
 * and the upload host answer in plain text. Both carry Retry-After on 429.
 */
function faultReply(fault: FaultDecision, isApi: boolean): Reply | undefined {
  if (!fault) return undefined;
  if (fault.kind === 'outage') {
    return isApi ? json(503, { ok: false, error: 'service_unavailable' }) : text(503, 'service_unavailable');
  }
  const headers = { 'retry-after': String(fault.retryAfter) };
  return isApi ? json(429, { ok: false, error: 'ratelimited' }, headers) : text(429, 'rate_limited', headers);
}
