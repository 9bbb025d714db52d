import { WebClient, LogLevel, type Logger } from '@slack/web-api';
import { IncomingWebhook } from '@slack/webhook';
import type { Report } from '../report/report.js';
import { slackMessage, type SlackMessage } from './slack-blocks.js';
import { DEFAULT_RETRY, parseRetryAfter, RetriesExhausted, realSleep, withRetries, type RetryDecision, type RetryPolicy } from './retry.js';

export type SlackTarget =
  | { kind: 'webhook'; url: string }
  | { kind: 'bot'; token: string; channel: string; apiUrl?: string };

/** Missing or contradictory Slack settings: a usage problem, found before anything runs. */
export class SlackConfigError extends Error {}

/** Slack did not take the report; `message` is one line, free of tokens and webhook URLs. */
export class SlackDeliveryError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
  }
}

/**
 * SLACK_BOT_TOKEN + SLACK_CHANNEL (Web API; SLACK_API_URL overrides the API base) or
 * SLACK_WEBHOOK_URL. The bot token wins when both are set: only it can attach the full report.
 */
export function slackTargetFromEnv(env: NodeJS.ProcessEnv): SlackTarget {
  const token = env.SLACK_BOT_TOKEN?.trim();
  const webhook = env.SLACK_WEBHOOK_URL?.trim();
  if (token) {
    const channel = env.SLACK_CHANNEL?.trim();
    if (!channel) throw new SlackConfigError('SLACK_BOT_TOKEN is set but SLACK_CHANNEL is not: say which channel to post to');
    const apiUrl = env.SLACK_API_URL?.trim();
    if (apiUrl && !isHttpUrl(apiUrl)) throw new SlackConfigError('SLACK_API_URL is not an http(s) URL');
    return { kind: 'bot', token, channel, ...(apiUrl ? { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}) };
  }
  if (webhook) {
    if (!isHttpUrl(webhook)) throw new SlackConfigError('SLACK_WEBHOOK_URL is not an http(s) URL');
    return { kind: 'webhook', url: webhook };
  }
  throw new SlackConfigError('--slack needs SLACK_WEBHOOK_URL, or SLACK_BOT_TOKEN and SLACK_CHANNEL');
}

function isHttpUrl(value: string): boolean {
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

export interface DeliveryOptions {
  retry?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** The full report, uploaded as a file in the message's thread (bot token only). */
  attachment?: { filename: string; content: string; title?: string };
  /** Said at the end of the message when there is no attachment, e.g. where the report was saved. */
  fullReportHint?: string;
}

export interface Delivery {
  via: 'webhook' | 'bot';
  /** Channel id (bot only). */
  channel?: string;
  ts?: string;
  /** Requests it took, retries included. */
  attempts: number;
  /** Uploaded file id (bot with attachment). */
  file?: string;
}

// WebClient logs every Slack error at error level: sfaudit reports failures itself, once.
const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

/** Posts the report: one Block Kit message, and with a bot token the full report in its thread. */
export async function postReport(report: Report, target: SlackTarget, options: DeliveryOptions = {}): Promise<Delivery> {
  const { policy, sleep, timeout } = settings(options);
  try {
    if (target.kind === 'webhook') {
      const message = slackMessage(report, { fullReportHint: options.fullReportHint });
      const { attempts } = await sendWebhook(target.url, message, policy, sleep, timeout);
      return { via: 'webhook', attempts };
    }
    return await sendBot(report, target, options, policy, sleep, timeout);
  } catch (e) {
    throw deliveryError(e, target);
  }
}

/** A plain one-line message (e.g. "the audit could not run"): no report, so no blocks and no attachment. */
export async function postNotice(text: string, target: SlackTarget, options: Pick<DeliveryOptions, 'retry' | 'sleep' | 'timeoutMs'> = {}): Promise<Delivery> {
  const { policy, sleep, timeout } = settings(options);
  try {
    if (target.kind === 'webhook') {
      const { attempts } = await sendWebhook(target.url, { text }, policy, sleep, timeout);
      return { via: 'webhook', attempts };
    }
    const posted = await withRetries(() => webClient(target, timeout).chat.postMessage({ channel: target.channel, text, unfurl_links: false }), judgeWebApi, policy, sleep);
    return { via: 'bot', channel: posted.value.channel, ts: posted.value.ts, attempts: posted.attempts };
  } catch (e) {
    throw deliveryError(e, target);
  }
}

/** Retries, their sleep and the per-request timeout of a delivery, defaults filled in. */
function settings(options: Pick<DeliveryOptions, 'retry' | 'sleep' | 'timeoutMs'>) {
  return { policy: { ...DEFAULT_RETRY, ...options.retry }, sleep: options.sleep ?? realSleep, timeout: options.timeoutMs ?? 30_000 };
}

/** The one-line cause of a failed delivery, with the target's token or webhook URL scrubbed from it. */
function deliveryError(e: unknown, target: SlackTarget): SlackDeliveryError {
  const cause = e instanceof RetriesExhausted ? e.reason : `unexpected error: ${(e as Error).message}`;
  return new SlackDeliveryError(scrub(cause, [target.kind === 'bot' ? target.token : target.url]), e instanceof RetriesExhausted ? e.attempts : 1);
}

function scrub(text: string, secrets: string[]): string {
  return secrets.filter(Boolean).reduce((t, s) => t.split(s).join('[redacted]'), text).replace(/xox[a-z]-[A-Za-z0-9-]+/g, '[redacted]');
}

/** IncomingWebhook never retries a 429 and hides its headers, so retries are ours; a fetch wrapper keeps Retry-After. */
async function sendWebhook(url: string, message: Pick<SlackMessage, 'text'> & Partial<SlackMessage>, policy: RetryPolicy, sleep: (ms: number) => Promise<void>, timeout: number) {
  let retryAfter: number | undefined;
  const fetchKeepingRetryAfter: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    return response;
  };
  const hook = new IncomingWebhook(url, { fetch: fetchKeepingRetryAfter, retryConfig: { retries: 0 }, timeout });
  return withRetries(
    () => {
      retryAfter = undefined;
      return hook.send({ text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
    },
    (e) => judgeWebhook(e, retryAfter),
    policy,
    sleep,
  );
}

function judgeWebhook(e: unknown, retryAfter: number | undefined): RetryDecision {
  const err = e as { code?: string; statusCode?: number; body?: string; original?: Error };
  if (err.code === 'slack_webhook_http_error') {
    if (err.statusCode === 429) return { retry: true, cause: 'Slack rate-limited the webhook (HTTP 429)', retryAfterSeconds: retryAfter ?? 1 };
    if ((err.statusCode ?? 0) >= 500) return { retry: true, cause: `Slack answered HTTP ${err.statusCode}` };
    return { retry: false, cause: `Slack refused the message: HTTP ${err.statusCode} ${oneLine(err.body) || 'with no reason'}` };
  }
  if (err.code === 'slack_webhook_request_error') return { retry: true, cause: `could not reach Slack: ${networkReason(err.original)}` };
  return { retry: false, cause: `unexpected error: ${(e as Error).message}` };
}

async function sendBot(
  report: Report,
  target: Extract<SlackTarget, { kind: 'bot' }>,
  options: DeliveryOptions,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  timeout: number,
): Promise<Delivery> {
  const client = webClient(target, timeout);
  const message = slackMessage(report, {
    fullReportHint: options.attachment ? 'The full report is attached in the thread.' : options.fullReportHint,
  });
  const posted = await withRetries(
    () => client.chat.postMessage({ channel: target.channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false }),
    judgeWebApi,
    policy,
    sleep,
  );
  const channel = posted.value.channel;
  const ts = posted.value.ts;
  let attempts = posted.attempts;
  if (!options.attachment || !channel || !ts) return { via: 'bot', channel, ts, attempts };
  const { filename, content, title } = options.attachment;
  try {
    const uploaded = await withRetries(
      () => client.filesUploadV2({ channel_id: channel, thread_ts: ts, filename, title: title ?? filename, content }),
      judgeWebApi,
      policy,
      sleep,
    );
    attempts += uploaded.attempts;
    const file = (uploaded.value.files as Array<{ files?: Array<{ id?: string }> }> | undefined)?.[0]?.files?.[0]?.id;
    return { via: 'bot', channel, ts, attempts, ...(file ? { file } : {}) };
  } catch (e) {
    if (e instanceof RetriesExhausted) throw new RetriesExhausted(`the message was posted, but the full report could not be attached: ${e.reason}`, attempts + e.attempts);
    throw e;
  }
}

/** Retries are ours (not WebClient's ten over thirty minutes): rate limits come back as errors with Retry-After. */
function webClient(target: Extract<SlackTarget, { kind: 'bot' }>, timeout: number): WebClient {
  return new WebClient(target.token, {
    ...(target.apiUrl ? { slackApiUrl: target.apiUrl } : {}),
    logger: silentLogger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout,
  });
}

function judgeWebApi(e: unknown): RetryDecision {
  const err = e as { code?: string; statusCode?: number; retryAfter?: number; data?: { error?: string }; original?: Error };
  switch (err.code) {
    case 'slack_webapi_rate_limited_error':
      return { retry: true, cause: 'Slack rate-limited the request (HTTP 429)', retryAfterSeconds: err.retryAfter ?? 1 };
    case 'slack_webapi_http_error':
      return (err.statusCode ?? 0) >= 500
        ? { retry: true, cause: `Slack answered HTTP ${err.statusCode}` }
        : { retry: false, cause: `Slack answered HTTP ${err.statusCode}` };
    case 'slack_webapi_request_error':
      return { retry: true, cause: `could not reach Slack: ${networkReason(err.original)}` };
    case 'slack_webapi_platform_error': {
      const code = err.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return { retry: true, cause: 'Slack rate-limited the request', retryAfterSeconds: 1 };
      return { retry: false, cause: `Slack refused the request: ${code}${HINT[code] ? ` (${HINT[code]})` : ''}` };
    }
    default:
      return { retry: false, cause: `unexpected error: ${(e as Error).message}` };
  }
}

const HINT: Record<string, string> = {
  invalid_auth: 'check SLACK_BOT_TOKEN',
  not_authed: 'check SLACK_BOT_TOKEN',
  token_revoked: 'the token was revoked',
  channel_not_found: 'check SLACK_CHANNEL, and invite the app to the channel',
  not_in_channel: 'invite the app to the channel',
  missing_scope: 'the app needs chat:write (and files:write to attach the report)',
};

function networkReason(original: Error | undefined): string {
  const cause = (original as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return oneLine(cause?.code ?? cause?.message ?? original?.message ?? 'network error');
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
}
