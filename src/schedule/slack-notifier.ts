import { LogLevel, WebClient, type Logger } from '@slack/web-api';
import { IncomingWebhook } from '@slack/webhook';
import type { AuditConfig } from '../config/types.js';
import { postReport, type DeliveryOptions, type SlackTarget } from '../notify/slack.js';
import { DEFAULT_RETRY, RetriesExhausted, realSleep, withRetries, type RetryDecision } from '../notify/retry.js';
import { slackEscape } from '../notify/slack-text.js';
import { REPORTERS } from '../reporters/index.js';
import { redact } from './redact.js';
import type { Notifier } from './types.js';

/**
 * The Slack destination of an audit, from the variables its config names.
 * `SLACK_API_URL` points the Web API elsewhere, as for `run --slack`.
 */
export function slackTargetOf(audit: AuditConfig, env: NodeJS.ProcessEnv): SlackTarget | undefined {
  const slack = audit.slack;
  if (!slack) return undefined;
  if (slack.tokenEnv) {
    const apiUrl = env.SLACK_API_URL?.trim();
    return { kind: 'bot', token: env[slack.tokenEnv] ?? '', channel: slack.channel ?? '', ...(apiUrl ? { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}) };
  }
  return { kind: 'webhook', url: env[slack.webhookEnv!] ?? '' };
}

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/** Retry what Slack's clients call transient (rate limits, 5xx, network); give up on the rest. */
function judge(e: unknown): RetryDecision {
  const err = e as { code?: string; statusCode?: number; retryAfter?: number; data?: { error?: string } };
  const cause = err.data?.error ? `Slack refused the message: ${err.data.error}` : err.statusCode ? `Slack answered HTTP ${err.statusCode}` : `could not reach Slack: ${(e as Error).message}`;
  if (err.code === 'slack_webapi_rate_limited_error') return { retry: true, cause, retryAfterSeconds: err.retryAfter ?? 1 };
  if (/request_error$/.test(err.code ?? '') || ((err.statusCode ?? 0) >= 500 && /http_error$/.test(err.code ?? ''))) return { retry: true, cause };
  if (err.statusCode === 429) return { retry: true, cause, retryAfterSeconds: 1 };
  return { retry: false, cause };
}

/** A plain one-line message (the "could not run" notice): no report, so not Block Kit. */
async function postText(target: SlackTarget, text: string, delivery: DeliveryOptions): Promise<void> {
  const policy = { ...DEFAULT_RETRY, ...delivery.retry };
  const timeout = delivery.timeoutMs ?? 30_000;
  const attempt: () => Promise<unknown> =
    target.kind === 'webhook'
      ? () => new IncomingWebhook(target.url, { retryConfig: { retries: 0 }, timeout }).send({ text, unfurl_links: false })
      : () =>
          new WebClient(target.token, {
            ...(target.apiUrl ? { slackApiUrl: target.apiUrl } : {}),
            logger: silentLogger,
            retryConfig: { retries: 0 },
            rejectRateLimitedCalls: true,
            timeout,
          }).chat.postMessage({ channel: target.channel, text, unfurl_links: false });
  try {
    await withRetries(attempt, judge, policy, delivery.sleep ?? realSleep);
  } catch (e) {
    const secret = target.kind === 'bot' ? target.token : target.url;
    throw new Error(redact(e instanceof RetriesExhausted ? e.reason : (e as Error).message, [secret]));
  }
}

/**
 * The scheduler's notifier over `src/notify/slack.ts`: the report message
 * (with, for a bot, the full Markdown report in its thread), and a plain
 * "could not run" notice when a run fails.
 */
export function slackNotifier(audit: AuditConfig, env: NodeJS.ProcessEnv, delivery: DeliveryOptions = {}): Notifier | undefined {
  const target = slackTargetOf(audit, env);
  if (!target) return undefined;
  return {
    async post(report) {
      const markdown = REPORTERS.markdown;
      await postReport(report, target, {
        ...delivery,
        fullReportHint: `Full report: ${audit.output} on the machine that runs sfaudit schedule.`,
        ...(target.kind === 'bot' && markdown
          ? { attachment: { filename: 'sfaudit-report.md', title: `sfaudit report: ${report.ruleset.name}`, content: markdown.render(report) } }
          : {}),
      });
    },
    async postFailure(cause) {
      await postText(target, `:warning: *sfaudit: the audit "${slackEscape(audit.name)}" could not run:* ${slackEscape(cause)}`, delivery);
    },
  };
}
