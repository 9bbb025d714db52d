import type { AuditConfig } from '../config/types.js';
import { auditSecrets } from './credentials.js';
import { runJob } from './job.js';
import { auditRunner, type OrgReader } from './run-audit.js';
import { slackNotifier } from './slack-notifier.js';
import type { Job } from './scheduler.js';
import type { AuditRun, Log, Notifier } from './types.js';

export interface ServiceDeps {
  log: Log;
  env: NodeJS.ProcessEnv;
  /** Default: the library's folder/org audit (`auditRunner`). */
  run?: AuditRun;
  readOrg?: OrgReader;
  /** The notifier of an audit, or undefined when it posts nowhere. Default: Slack, as the audit's config says. */
  notifierFor?: (audit: AuditConfig) => Notifier | undefined;
  onlyChanges?: boolean;
}

/** The scheduler's job, wired to the library, the history, the report files and the notifier. */
export function scheduledJob(deps: ServiceDeps): Job {
  const run = deps.run ?? auditRunner({ env: deps.env, readOrg: deps.readOrg });
  const notifierFor = deps.notifierFor ?? ((audit: AuditConfig) => slackNotifier(audit, deps.env));
  return (audit, signal) =>
    runJob(
      audit,
      {
        run,
        notifier: notifierFor(audit),
        log: deps.log,
        secrets: auditSecrets(audit, deps.env),
        onlyChanges: deps.onlyChanges,
      },
      signal,
    );
}
