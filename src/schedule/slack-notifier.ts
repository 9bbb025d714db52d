import type { AuditConfig } from '../config/types.js';
import { postNotice, postReport, type DeliveryOptions, type SlackTarget } from '../notify/slack.js';
import { slackEscape } from '../notify/slack-text.js';
import { REPORTERS } from '../reporters/index.js';
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
      await postNotice(`:warning: *sfaudit: the audit "${slackEscape(audit.name)}" could not run:* ${slackEscape(cause)}`, target, delivery);
    },
  };
}
