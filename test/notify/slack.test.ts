import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postReport, slackTargetFromEnv, SlackConfigError, SlackDeliveryError, type SlackTarget } from '../../src/notify/slack.js';
import { parseRetryAfter } from '../../src/notify/retry.js';
import { startSlackEmulator, validateBlocks, type SlackEmulator } from '../support/slack/index.js';
import { syntheticReport } from './synthetic.js';

const TOKEN = 'xoxb-sfaudit-test';
const CHANNEL = { id: 'C0AUDIT001', name: 'sfaudit-reports' };

let slack: SlackEmulator;
/** Pauses the code asked for, recorded instead of slept: retries are counted, never timed. */
let pauses: number[];
const sleep = async (ms: number) => {
  pauses.push(ms);
};

beforeEach(async () => {
  slack = await startSlackEmulator({ tokens: [TOKEN], channels: [CHANNEL] });
  pauses = [];
});
afterEach(async () => {
  await slack.close();
});

const webhook = (): SlackTarget => ({ kind: 'webhook', url: slack.webhookUrl });
const bot = (channel = CHANNEL.name): SlackTarget => ({ kind: 'bot', token: TOKEN, channel, apiUrl: slack.apiUrl });

async function failure(promise: Promise<unknown>): Promise<SlackDeliveryError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(SlackDeliveryError);
    return e as SlackDeliveryError;
  }
  throw new Error('expected delivery to fail');
}

describe('posting a report to Slack', () => {
  it('a 500-finding report goes through the webhook as a message Slack accepts', async () => {
    const delivery = await postReport(syntheticReport(500), webhook(), { sleep });
    expect(delivery).toEqual({ via: 'webhook', attempts: 1 });
    expect(slack.messages).toHaveLength(1);
    const [message] = slack.messages;
    expect(validateBlocks(message!.blocks!)).toEqual([]);
    expect(JSON.stringify(message!.blocks)).toMatch(/and \d+ more in the full report/);
  });

  it('with a bot token, posts the message and attaches the full report in its thread', async () => {
    const report = syntheticReport(500);
    const delivery = await postReport(report, bot(), { sleep, attachment: { filename: 'sfaudit-report.md', content: '# the whole report\n', title: 'Full report' } });
    expect(delivery).toMatchObject({ via: 'bot', channel: CHANNEL.id, attempts: 2, file: expect.stringMatching(/^F/) });
    expect(slack.messages).toEqual([expect.objectContaining({ via: 'api', channel: CHANNEL.id, ts: delivery.ts })]);
    expect(slack.files).toEqual([expect.objectContaining({ filename: 'sfaudit-report.md', title: 'Full report', content: '# the whole report\n', channel: CHANNEL.id, thread_ts: delivery.ts })]);
    expect(JSON.stringify(slack.messages[0]!.blocks)).toContain('The full report is attached in the thread.');
  });

  it('a finding named <!channel> arrives escaped: nobody is pinged', async () => {
    await postReport(syntheticReport(20, 2), webhook(), { sleep });
    await postReport(syntheticReport(20, 2), bot(), { sleep });
    for (const m of slack.messages) {
      const wire = JSON.stringify([m.text, m.blocks]);
      expect(wire).toContain('Account-&lt;!channel&gt; Layout');
      expect(wire).not.toMatch(/<!channel>|<!here>|<@U123>/);
    }
  });

  it('retries a 429 after the Retry-After Slack sent (webhook and Web API)', async () => {
    slack.faults.rateLimitNext(1, 3);
    await postReport(syntheticReport(3), webhook(), { sleep });
    expect(slack.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(pauses).toEqual([3000]);

    slack.requests.length = 0;
    pauses = [];
    slack.faults.rateLimitNext(2, 2);
    const delivery = await postReport(syntheticReport(3), bot(), { sleep });
    expect(slack.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(pauses).toEqual([2000, 2000]);
    expect(delivery.attempts).toBe(3);
    expect(slack.messages).toHaveLength(2);
  });

  it('retries with a real pause too (Retry-After: 1)', async () => {
    slack.faults.rateLimitNext(1, 1);
    await postReport(syntheticReport(3), webhook());
    expect(slack.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('does not wait longer than it should: a Retry-After of an hour fails at once', async () => {
    slack.faults.rateLimitNext(1, 3600);
    const error = await failure(postReport(syntheticReport(3), webhook(), { sleep }));
    expect(error.message).toBe('Slack rate-limited the webhook (HTTP 429): Slack asked to wait 3600 s, longer than sfaudit waits');
    expect(pauses).toEqual([]);
  });

  it('retries 5xx with back-off, then gives up with the cause', async () => {
    slack.faults.outage(true);
    const error = await failure(postReport(syntheticReport(3), webhook(), { sleep }));
    expect(error.message).toBe('Slack answered HTTP 503 (4 attempts)');
    expect(error.attempts).toBe(4);
    expect(slack.requests).toHaveLength(4);
    expect(pauses).toEqual([500, 1000, 2000]);

    const apiError = await failure(postReport(syntheticReport(3), bot(), { sleep, retry: { retries: 1 } }));
    expect(apiError.message).toBe('Slack answered HTTP 503 (2 attempts)');
  });

  it('recovers when the outage ends between attempts', async () => {
    slack.faults.outage(true);
    const delivery = await postReport(syntheticReport(3), webhook(), {
      sleep: async (ms) => {
        pauses.push(ms);
        slack.faults.outage(false);
      },
    });
    expect(delivery.attempts).toBe(2);
    expect(slack.messages).toHaveLength(1);
  });

  it('does not retry what Slack refuses for good, and says how to fix it', async () => {
    const error = await failure(postReport(syntheticReport(3), bot('no-such-channel'), { sleep }));
    expect(error.message).toBe('Slack refused the request: channel_not_found (check SLACK_CHANNEL, and invite the app to the channel)');
    expect(slack.requests).toHaveLength(1);

    const wrongToken = await failure(postReport(syntheticReport(3), { ...bot(), token: 'xoxb-wrong-secret' } as SlackTarget, { sleep }));
    expect(wrongToken.message).toContain('invalid_auth');
    expect(wrongToken.message).not.toContain('xoxb-wrong-secret');

    const badHook = await failure(postReport(syntheticReport(3), { kind: 'webhook', url: slack.webhookUrl.replace(/\/[^/]+$/, '/wrongsecret') }, { sleep }));
    expect(badHook.message).toBe('Slack refused the message: HTTP 403 invalid_token');
  });

  it('an unreachable Slack is retried, and the error never shows the webhook secret', async () => {
    const url = slack.webhookUrl;
    await slack.close();
    const error = await failure(postReport(syntheticReport(3), { kind: 'webhook', url }, { sleep }));
    expect(error.message).toBe('could not reach Slack: ECONNREFUSED (4 attempts)');
    expect(error.message).not.toContain(url.split('/').at(-1));
    slack = await startSlackEmulator();
  });
});

describe('Slack settings from the environment', () => {
  it('prefers the bot token (it can attach the report), else the webhook', () => {
    expect(slackTargetFromEnv({ SLACK_BOT_TOKEN: 't', SLACK_CHANNEL: '#c', SLACK_WEBHOOK_URL: 'https://hooks.example/x' })).toEqual({ kind: 'bot', token: 't', channel: '#c' });
    expect(slackTargetFromEnv({ SLACK_BOT_TOKEN: 't', SLACK_CHANNEL: 'c', SLACK_API_URL: 'http://127.0.0.1:9/api' })).toEqual({ kind: 'bot', token: 't', channel: 'c', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(slackTargetFromEnv({ SLACK_WEBHOOK_URL: 'https://hooks.example/x' })).toEqual({ kind: 'webhook', url: 'https://hooks.example/x' });
  });

  it.each([
    [{}, '--slack needs SLACK_WEBHOOK_URL, or SLACK_BOT_TOKEN and SLACK_CHANNEL'],
    [{ SLACK_BOT_TOKEN: 't' }, 'SLACK_BOT_TOKEN is set but SLACK_CHANNEL is not: say which channel to post to'],
    [{ SLACK_WEBHOOK_URL: 'hooks.slack.com/x' }, 'SLACK_WEBHOOK_URL is not an http(s) URL'],
  ])('%j is a configuration error', (env, message) => {
    expect(() => slackTargetFromEnv(env)).toThrow(new SlackConfigError(message));
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(10_000 + 5_000).toUTCString(), 10_000)).toBe(5);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
