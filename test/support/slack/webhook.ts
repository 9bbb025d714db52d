import type { IncomingMessage } from 'node:http';
import { mediaType, text, type Reply } from './http-util.js';
import { checkMessage } from './message-rules.js';
import { TEAM, type EmulatorState } from './state.js';

export const WEBHOOK_SERVICE_ID = 'B000';

export function webhookPath(state: EmulatorState): string {
  return `/services/${TEAM.id}/${WEBHOOK_SERVICE_ID}/${state.webhookSecret}`;
}

/**
 * Incoming webhooks answer in plain text: 200 "ok", or a 4xx status whose body is
 * the error code (invalid_payload, no_text, invalid_blocks, no_service, ...).
 * The message goes to the webhook's own channel (the first configured one); a
 * `channel` in the payload is ignored, as for app-created webhooks.
 */
export function handleWebhook(req: IncomingMessage, body: Buffer, path: string, state: EmulatorState): Reply {
  const [, , team, service, secret, ...rest] = path.split('/');
  if (team !== TEAM.id) return text(404, 'no_team');
  if (service !== WEBHOOK_SERVICE_ID || secret === undefined || rest.length > 0) return text(404, 'no_service');
  if (secret !== state.webhookSecret) return text(403, 'invalid_token');
  if (req.method !== 'POST') return text(400, 'invalid_payload');

  const payload = parsePayload(req, body);
  if (!payload) return text(400, 'invalid_payload');

  const check = checkMessage(payload);
  // Webhooks have no JSON envelope: only the error code survives, as the body.
  if (!check.ok) return text(400, check.error);

  const threadTs = typeof payload.thread_ts === 'string' && payload.thread_ts !== '' ? payload.thread_ts : undefined;
  state.messages.push({
    via: 'webhook',
    channel: state.channels[0]?.id,
    ts: state.nextTs(),
    thread_ts: threadTs,
    text: check.text,
    blocks: check.blocks,
  });
  return text(200, 'ok');
}

/** JSON bodies (what IncomingWebhook sends) or the legacy form field `payload=<json>`. */
function parsePayload(req: IncomingMessage, body: Buffer): Record<string, unknown> | undefined {
  let raw = body.toString('utf8');
  if (mediaType(req) === 'application/x-www-form-urlencoded') {
    raw = new URLSearchParams(raw).get('payload') ?? '';
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
