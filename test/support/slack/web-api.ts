import type { IncomingMessage } from 'node:http';
import { completeUploadExternal, getUploadURLExternal } from './files.js';
import { json, mediaType, parseMultipart, type Reply } from './http-util.js';
import { checkMessage } from './message-rules.js';
import { BOT, TEAM, type EmulatorState } from './state.js';

export type Params = Record<string, unknown>;

export interface ApiContext {
  state: EmulatorState;
  /** http://127.0.0.1:PORT, used to build upload URLs that point back here. */
  origin: string;
}

interface MethodSpec {
  auth: boolean;
  run(params: Params, ctx: ApiContext): Reply;
}

// Only the methods sfaudit uses (plus api.test); anything else is unknown_method, as on Slack.
const METHODS: Record<string, MethodSpec> = {
  'api.test': { auth: false, run: (params) => json(200, { ok: true, args: params }) },
  'auth.test': { auth: true, run: (_p, ctx) => json(200, authTest(ctx)) },
  'chat.postMessage': { auth: true, run: postMessage },
  'files.getUploadURLExternal': { auth: true, run: getUploadURLExternal },
  'files.completeUploadExternal': { auth: true, run: completeUploadExternal },
};

/**
 * Slack's Web API answers HTTP 200 with {ok:false, error} for every application
 * error; only rate limits (429) and outages (5xx) change the status code.
 */
export async function handleWebApi(req: IncomingMessage, body: Buffer, method: string, ctx: ApiContext): Promise<Reply> {
  const spec = METHODS[method];
  if (!spec) return json(200, { ok: false, error: 'unknown_method' });

  const parsed = await readParams(req, body);
  if ('error' in parsed) return json(200, { ok: false, error: parsed.error });
  const { params, tokenFromBody } = parsed;

  if (spec.auth) {
    const token = bearerToken(req) ?? tokenFromBody;
    if (token === undefined || token === '') return json(200, { ok: false, error: 'not_authed' });
    if (!ctx.state.tokens.has(token)) return json(200, { ok: false, error: 'invalid_auth' });
  }
  return spec.run(params, ctx);
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1]?.trim();
}

type ParsedParams = { params: Params; tokenFromBody?: string } | { error: string };

/** Accepts every encoding Slack does: query string, form-urlencoded, multipart, JSON. */
async function readParams(req: IncomingMessage, body: Buffer): Promise<ParsedParams> {
  const params: Params = {};
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  for (const [k, v] of query) params[k] = v;

  const type = mediaType(req);
  if (type === 'application/json' && body.length > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return { error: 'invalid_json' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: 'invalid_json' };
    // Slack ignores a `token` inside a JSON body: JSON callers must use the Authorization header.
    const { token: _ignored, ...rest } = parsed as Params;
    return { params: { ...params, ...rest } };
  }
  if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = v;
  } else if (type === 'multipart/form-data') {
    for (const [k, v] of await parseMultipart(req, body)) if (typeof v === 'string') params[k] = v;
  }
  const token = typeof params.token === 'string' ? params.token : undefined;
  delete params.token;
  return { params, tokenFromBody: token };
}

function authTest(ctx: ApiContext) {
  return {
    ok: true,
    url: `https://${TEAM.domain}.slack.com/`,
    team: TEAM.name,
    user: BOT.user,
    team_id: TEAM.id,
    user_id: BOT.user_id,
    bot_id: BOT.bot_id,
    is_enterprise_install: false,
    // Not Slack's, but handy when a test wants to know it hit the emulator.
    emulator: ctx.origin,
  };
}

function postMessage(params: Params, ctx: ApiContext): Reply {
  const channel = ctx.state.findChannel(params.channel);
  if (!channel) return json(200, { ok: false, error: 'channel_not_found' });

  const check = checkMessage(params);
  if (!check.ok) {
    const { error, errors } = check;
    // invalid_blocks carries the reasons twice, as Slack does: `errors` and response_metadata.messages.
    return json(200, errors
      ? { ok: false, error, errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } }
      : { ok: false, error });
  }

  const ts = ctx.state.nextTs();
  const threadTs = typeof params.thread_ts === 'string' && params.thread_ts !== '' ? params.thread_ts : undefined;
  ctx.state.messages.push({ via: 'api', channel: channel.id, ts, thread_ts: threadTs, text: check.text, blocks: check.blocks });
  const message = {
    type: 'message',
    text: check.text ?? '',
    user: BOT.user_id,
    bot_id: BOT.bot_id,
    team: TEAM.id,
    ts,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(check.blocks ? { blocks: check.blocks } : {}),
  };
  return json(200, { ok: true, channel: channel.id, ts, message });
}
