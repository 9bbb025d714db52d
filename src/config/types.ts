import type { FailOn } from '../report/exit-code.js';
import type { Retention } from '../history/store.js';
import type { Position } from '../ruleset/types.js';

/**
 * Credentials an org login can use; the config holds the NAMES of environment
 * variables carrying them. They map onto the live reader's SF_* variables
 * (`src/sources/org/credentials.ts`): accessToken → SF_ACCESS_TOKEN, and so on.
 */
export const CREDENTIAL_ENV = {
  accessToken: 'SF_ACCESS_TOKEN',
  instanceUrl: 'SF_INSTANCE_URL',
  authUrl: 'SF_AUTH_URL',
  clientId: 'SF_CLIENT_ID',
  clientSecret: 'SF_CLIENT_SECRET',
  username: 'SF_USERNAME',
  password: 'SF_PASSWORD',
  securityToken: 'SF_SECURITY_TOKEN',
  jwtKeyFile: 'SF_JWT_KEY_FILE',
} as const;
export type CredentialKey = keyof typeof CREDENTIAL_ENV;
export const CREDENTIAL_KEYS = Object.keys(CREDENTIAL_ENV) as CredentialKey[];

export interface OrgTarget {
  /** A Salesforce CLI alias to reuse instead of credentials (`sf org login ...` done on this machine). */
  targetOrg?: string;
  loginUrl?: string;
  instanceUrl?: string;
  apiVersion?: string;
  /** Credential → name of the environment variable that holds it. Never the secret. */
  credentials?: Partial<Record<CredentialKey, string>>;
  /** API calls in flight at once (default 5). */
  concurrency?: number;
  /** Folder (absolute once loaded) where what was read is kept, so the next run re-reads only what changed. */
  cache?: string;
  /** Stop before the org's daily API usage passes this share of its allocation (default 0.9); `off`: not checked. */
  apiBudget?: number | 'off';
}

export interface SlackTarget {
  channel?: string;
  /** Name of the environment variable holding a bot token (`xoxb-...`). */
  tokenEnv?: string;
  /** Name of the environment variable holding an incoming-webhook URL. */
  webhookEnv?: string;
  /** Post only when something is new or resolved since the previous run. */
  onlyChanges: boolean;
}

/** One scheduled audit, with every path absolute (resolved against the config file's folder). */
export interface AuditConfig {
  name: string;
  /** node-cron expression: 5 fields, or 6 with seconds first. */
  schedule: string;
  /** IANA time zone the expression is read in. */
  timezone: string;
  rules: string[];
  /** A retrieved metadata folder (instead of `org`). */
  source?: string;
  org?: OrgTarget;
  slack?: SlackTarget;
  formats: string[];
  output: string;
  history: { dir: string; retention: Retention };
  failOn: FailOn;
  /** Where the audit is written in the config file. */
  position: Position;
}

export interface SchedulerConfig {
  file: string;
  audits: AuditConfig[];
  /** How long SIGTERM/SIGINT waits for a run in progress before abandoning it. */
  shutdownGraceSeconds: number;
}
