import { ErrorCode, LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import { ErrorCode as WebhookErrorCode, IncomingWebhook } from '@slack/webhook';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackEmulator, type SlackEmulator } from './slack/index.js';

const TOKEN = 'xoxb-emulator';
const CHANNEL = { id: 'C0AUDIT001', name: 'sfaudit-reports' };

let slack: SlackEmulator;

beforeEach(async () => {
  slack = await startSlackEmulator({ tokens: [TOKEN], channels: [CHANNEL] });
});

afterEach(async () => {
  await slack.close();
});

// WebClient logs Slack's response_metadata "[ERROR] ..." lines at error level; keep test output clean.
const quietLogger = {
  debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, setName() {},
  getLevel: () => LogLevel.ERROR,
};

// No retries by default: WebClient's own default is 10 retries over ~30 minutes.
// `null` means "no token at all" (undefined would pick the default).
function webClient(options: WebClientOptions = {}, token: string | null = TOKEN): WebClient {
  return new WebClient(token ?? undefined, { slackApiUrl: slack.apiUrl, logger: quietLogger, retryConfig: { retries: 0 }, ...options });
}

/** Awaits a promise that must reject and hands back the error for inspection. */
async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const header = (text: string, type = 'plain_text') => ({ type: 'header', text: { type, text } });
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('incoming webhook', () => {
  it('accepts a message and answers plain "ok"', async () => {
    const result = await new IncomingWebhook(slack.webhookUrl).send({ text: 'audit done', blocks: [section('*3* findings')] });

    expect(result.text).toBe('ok');
    expect(slack.messages).toEqual([
      { via: 'webhook', channel: CHANNEL.id, ts: expect.stringMatching(/^\d{10}\.\d{6}$/), text: 'audit done', blocks: [section('*3* findings')] },
    ]);
  });

  it('rejects 51 blocks with 400 invalid_blocks', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`finding ${i}`));
    const error = await failure(new IncomingWebhook(slack.webhookUrl).send({ text: 'x', blocks }));

    expect(error.code).toBe(WebhookErrorCode.HTTPError);
    expect(error.statusCode).toBe(400);
    expect(error.body).toBe('invalid_blocks');
    expect(slack.messages).toHaveLength(0);
  });

  it('answers errors in plain text: invalid_payload, no_text, no_service', async () => {
    const post = (url: string, body: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    const badJson = await post(slack.webhookUrl, '{not json');
    expect([badJson.status, await badJson.text()]).toEqual([400, 'invalid_payload']);
    expect(badJson.headers.get('content-type')).toMatch(/^text\/plain/);

    const empty = await post(slack.webhookUrl, '{"text":""}');
    expect([empty.status, await empty.text()]).toEqual([400, 'no_text']);

    const unknown = await post(slack.webhookUrl.replace(/\/B000\//, '/B999/'), '{"text":"hi"}');
    expect([unknown.status, await unknown.text()]).toEqual([404, 'no_service']);
  });
});

describe('Web API chat.postMessage', () => {
  it('posts, replies in a thread and returns increasing ts', async () => {
    const client = webClient();
    const first = await client.chat.postMessage({ channel: CHANNEL.id, text: 'parent' });
    const reply = await client.chat.postMessage({ channel: `#${CHANNEL.name}`, text: 'child', thread_ts: first.ts });

    expect(first).toMatchObject({ ok: true, channel: CHANNEL.id, ts: '1700000000.000100', message: { text: 'parent' } });
    expect(reply).toMatchObject({ ok: true, channel: CHANNEL.id, message: { thread_ts: first.ts } });
    expect(Number(reply.ts)).toBeGreaterThan(Number(first.ts));
    expect(slack.messages.map((m) => [m.via, m.text, m.thread_ts])).toEqual([
      ['api', 'parent', undefined],
      ['api', 'child', first.ts],
    ]);
  });

  it('answers auth.test for a valid token', async () => {
    expect(await webClient().auth.test()).toMatchObject({ ok: true, team: expect.any(String), user: expect.any(String) });
  });

  it('returns JSON with Content-Type application/json', async () => {
    const res = await fetch(`${slack.apiUrl}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('rejects a wrong token with invalid_auth and a missing one with not_authed', async () => {
    const wrong = await failure(webClient({}, 'xoxb-wrong').chat.postMessage({ channel: CHANNEL.id, text: 'x' }));
    expect(wrong.code).toBe(ErrorCode.PlatformError);
    expect(wrong.data.error).toBe('invalid_auth');

    const none = await failure(webClient({}, null).chat.postMessage({ channel: CHANNEL.id, text: 'x' }));
    expect(none.data.error).toBe('not_authed');

    // The token may also travel as a form field instead of the Authorization header.
    expect(await webClient({}, null).chat.postMessage({ token: TOKEN, channel: CHANNEL.id, text: 'x' })).toMatchObject({ ok: true });
  });

  it('rejects 51 blocks with invalid_blocks and Slack-style errors', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`finding ${i}`));
    const error = await failure(webClient().chat.postMessage({ channel: CHANNEL.id, text: 'x', blocks }));

    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data).toMatchObject({ ok: false, error: 'invalid_blocks', errors: ['no more than 50 items allowed [json-pointer:/blocks]'] });

    await webClient().chat.postMessage({ channel: CHANNEL.id, text: 'x', blocks: blocks.slice(0, 50) });
    expect(slack.messages).toHaveLength(1);
  });

  it('rejects a 151-character header but accepts 150', async () => {
    const error = await failure(webClient().chat.postMessage({ channel: CHANNEL.id, text: 'x', blocks: [header('h'.repeat(151))] }));
    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data.errors).toEqual(['must be less than 151 characters [json-pointer:/blocks/0/text/text]']);

    await expect(webClient().chat.postMessage({ channel: CHANNEL.id, text: 'x', blocks: [header('h'.repeat(150))] })).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['section text over 3000', [section('s'.repeat(3001))]],
    ['more than 10 section fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }]],
    ['a section field over 2000', [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2001) }] }]],
    ['an unknown block type', [{ type: 'sections', text: { type: 'mrkdwn', text: 'x' } }]],
    ['mrkdwn in a header', [header('title', 'mrkdwn')]],
  ])('rejects %s with invalid_blocks', async (_case, blocks) => {
    const error = await failure(webClient().chat.postMessage({ channel: CHANNEL.id, text: 'x', blocks }));
    expect(error.data.error).toBe('invalid_blocks');
    expect(error.data.errors[0]).toMatch(/\[json-pointer:\/blocks\/0/);
  });

  it.each([
    ['no_text', { channel: CHANNEL.id, text: '' }],
    ['msg_too_long', { channel: CHANNEL.id, text: 'm'.repeat(40001) }],
    ['channel_not_found', { channel: 'C_NOPE', text: 'x' }],
  ])('answers %s', async (code, args) => {
    const error = await failure(webClient().chat.postMessage(args));
    expect(error.data.error).toBe(code);
  });
});

describe('files.uploadV2', () => {
  it('runs the three upload steps and records the file in the thread', async () => {
    const client = webClient();
    const parent = await client.chat.postMessage({ channel: CHANNEL.id, text: 'report' });
    const result = await client.filesUploadV2({
      content: 'rule,status\nmfa,FAIL\n',
      filename: 'findings.csv',
      title: 'Findings',
      channel_id: CHANNEL.id,
      thread_ts: parent.ts!,
      initial_comment: 'details',
    });

    expect(result.ok).toBe(true);
    expect(slack.files).toEqual([
      {
        id: expect.stringMatching(/^F/),
        filename: 'findings.csv',
        title: 'Findings',
        content: 'rule,status\nmfa,FAIL\n',
        channel: CHANNEL.id,
        thread_ts: parent.ts,
        initial_comment: 'details',
      },
    ]);
    expect(slack.requests.map((r) => r.path.replace(/\/upload\/v1\/.*/, '/upload/v1/*'))).toEqual([
      '/api/chat.postMessage',
      '/api/files.getUploadURLExternal',
      '/upload/v1/*',
      '/api/files.completeUploadExternal',
    ]);
  });
});

describe('rate limits (429 + Retry-After)', () => {
  it('WebClient waits Retry-After and retries', async () => {
    slack.faults.rateLimitNext(1, 1);
    const started = Date.now();
    // minTimeout 0: only the Retry-After pause remains, keeping the test ~1 s.
    const result = await webClient({ retryConfig: { retries: 1, minTimeout: 0 } }).chat.postMessage({ channel: CHANNEL.id, text: 'x' });

    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(slack.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(slack.messages).toHaveLength(1);
  });

  it('WebClient with rejectRateLimitedCalls throws slack_webapi_rate_limited_error at once', async () => {
    slack.faults.rateLimitNext(1, 30);
    const error = await failure(webClient({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: CHANNEL.id, text: 'x' }));

    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(30);
  });

  it('WebClient out of retries throws slack_webapi_request_error (after sleeping Retry-After)', async () => {
    slack.faults.rateLimitNext(1, 1);
    const error = await failure(webClient({ retryConfig: { retries: 0 } }).chat.postMessage({ channel: CHANNEL.id, text: 'x' }));

    expect(error.code).toBe(ErrorCode.RequestError);
    expect(error.original.message).toMatch(/A rate limit was exceeded .*retry-after: 1/);
  });

  it('the Web API 429 body is {ok:false,error:"ratelimited"} with a Retry-After header', async () => {
    slack.faults.rateLimitNext(1, 7);
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, { method: 'POST' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('IncomingWebhook never retries a 429: slack_webhook_http_error with body rate_limited', async () => {
    slack.faults.rateLimitNext(1, 1);
    const hook = new IncomingWebhook(slack.webhookUrl, { retryConfig: { retries: 2, minTimeout: 0 } });
    const error = await failure(hook.send('x'));

    expect(error.code).toBe(WebhookErrorCode.HTTPError);
    expect([error.statusCode, error.body]).toEqual([429, 'rate_limited']);
    expect(slack.requests).toHaveLength(1);
  });
});

describe('outage (HTTP 503)', () => {
  beforeEach(() => slack.faults.outage(true));

  it('WebClient retries per retryConfig, then throws slack_webapi_http_error', async () => {
    const error = await failure(webClient({ retryConfig: { retries: 1, minTimeout: 0 } }).chat.postMessage({ channel: CHANNEL.id, text: 'x' }));

    expect(error.code).toBe(ErrorCode.HTTPError);
    expect(error.statusCode).toBe(503);
    expect(slack.requests.map((r) => r.status)).toEqual([503, 503]);
  });

  it('IncomingWebhook throws slack_webhook_http_error (5xx is retried only if retryConfig allows)', async () => {
    const error = await failure(new IncomingWebhook(slack.webhookUrl, { retryConfig: { retries: 1, minTimeout: 0 } }).send('x'));

    expect(error.code).toBe(WebhookErrorCode.HTTPError);
    expect(error.statusCode).toBe(503);
    expect(slack.requests).toHaveLength(2);
  });

  it('recovers after faults.reset()', async () => {
    slack.faults.reset();
    await expect(webClient().chat.postMessage({ channel: CHANNEL.id, text: 'back' })).resolves.toMatchObject({ ok: true });
  });
});

describe('unreachable Slack', () => {
  it('both clients throw *_request_error when nothing listens', async () => {
    const gone = await startSlackEmulator({ tokens: [TOKEN] });
    await gone.close();

    const apiError = await failure(
      new WebClient(TOKEN, { slackApiUrl: gone.apiUrl, logger: quietLogger, retryConfig: { retries: 0 } }).auth.test(),
    );
    expect(apiError.code).toBe(ErrorCode.RequestError);

    const hookError = await failure(new IncomingWebhook(gone.webhookUrl).send('x'));
    expect(hookError.code).toBe(WebhookErrorCode.RequestError);
  });
});
