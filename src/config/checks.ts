import { validateDetailed } from 'node-cron';
import { didYouMean } from '../ruleset/did-you-mean.js';
import type { RawIssue } from '../ruleset/validate.js';
import type { RawConfig } from './load.js';
import { parseBudget } from '../sources/org/budget.js';

const CRON_HINT = 'five fields (minute hour day-of-month month day-of-week), or six with seconds first; e.g. "0 8 * * 1" is Mondays at 08:00';

/** Why node-cron refuses an expression, in one line; undefined when it accepts it. */
export function cronProblem(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return `has ${fields.length} field${fields.length === 1 ? '' : 's'}`;
  let result;
  try {
    result = validateDetailed(expression);
  } catch (e) {
    return (e as Error).message;
  }
  if (result.valid) return undefined;
  const field = (name: string) => name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  return result.errors.map((e) => (e.value !== undefined ? `${field(e.field)} "${e.value}" is not valid` : e.message)).join('; ') || 'not understood';
}

let zones: string[] | undefined;
function knownZones(): string[] {
  return (zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
}

/** Whether the runtime knows the IANA time zone (the same check node-cron's clock relies on). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Login methods the live reader knows, each a set of credentials that together suffice. */
const LOGINS: Array<{ needs: string[]; label: string }> = [
  { needs: ['authUrl'], label: 'authUrl (an sfdx auth URL)' },
  { needs: ['accessToken'], label: 'accessToken (with instanceUrl)' },
  { needs: ['clientId', 'username', 'jwtKeyFile'], label: 'clientId, username and jwtKeyFile (JWT)' },
  { needs: ['username', 'password'], label: 'username and password (with securityToken, clientId and clientSecret as needed)' },
];

/** What the schema cannot say about a config; only called on a schema-valid document. */
export function semanticIssues(data: RawConfig): RawIssue[] {
  const out: RawIssue[] = [];
  const names = new Map<string, number>();
  data.audits.forEach((audit, i) => {
    const at = `/audits/${i}`;
    const first = names.get(audit.name);
    if (first !== undefined) {
      out.push({ path: `${at}/name`, message: `duplicate audit name "${audit.name}" (first used by audit ${first + 1})`, hint: 'each audit needs its own name: it names its history folder' });
    } else {
      names.set(audit.name, i);
    }
    const cron = cronProblem(audit.schedule);
    if (cron) out.push({ path: `${at}/schedule`, message: `invalid cron expression "${audit.schedule}": ${cron}`, hint: CRON_HINT });
    if (!isTimeZone(audit.timezone)) {
      out.push({
        path: `${at}/timezone`,
        message: `unknown time zone "${audit.timezone}"`,
        hint: didYouMean(audit.timezone, knownZones()) ?? 'write an IANA time zone such as Europe/Paris, America/New_York or UTC',
      });
    }
    if ((audit.source === undefined) === (audit.org === undefined)) {
      out.push({
        path: at,
        message: audit.source === undefined ? 'say what to audit: "org:" (a live org) or "source:" (a metadata folder)' : 'give either "org:" or "source:", not both',
      });
    }
    if (audit.org) {
      const { credentials, targetOrg } = audit.org;
      if (audit.org.apiBudget !== undefined && parseBudget(audit.org.apiBudget) === undefined) {
        out.push({ path: `${at}/org/apiBudget`, message: `"${String(audit.org.apiBudget)}" is not a share of the daily API allocation`, hint: 'write 0.9, 90% or off' });
      }
      if ((credentials === undefined) === (targetOrg === undefined)) {
        out.push({
          path: `${at}/org`,
          message: credentials ? 'give either "credentials:" or "targetOrg:", not both' : 'say how to log in: "credentials:" (environment variable names) or "targetOrg:" (a Salesforce CLI alias)',
        });
      } else if (credentials) {
        const have = new Set(Object.keys(credentials));
        if (!LOGINS.some((l) => l.needs.every((k) => have.has(k)))) {
          out.push({
            path: `${at}/org/credentials`,
            message: 'these credentials are not enough to log in',
            hint: `name the environment variables for one of: ${LOGINS.map((l) => l.label).join('; ')}`,
          });
        } else if (have.has('accessToken') && !have.has('instanceUrl') && !audit.org.instanceUrl) {
          out.push({ path: `${at}/org`, message: 'an access token needs the instance URL', hint: 'add instanceUrl: https://<my domain>.my.salesforce.com, or credentials.instanceUrl' });
        }
      }
    }
    const slack = audit.slack;
    if (slack) {
      if ((slack.tokenEnv === undefined) === (slack.webhookEnv === undefined)) {
        out.push({ path: `${at}/slack`, message: 'give either "tokenEnv" (a bot token) or "webhookEnv" (an incoming webhook), one of them' });
      } else if (slack.tokenEnv && !slack.channel) {
        out.push({ path: `${at}/slack`, message: 'a bot token needs a channel', hint: 'add channel: "#sales-ops" (or the channel id)' });
      }
    }
  });
  return out;
}

/** Every environment variable the config names must be set, or the first scheduled run would fail hours later. */
export function unsetEnvIssues(data: RawConfig, env: NodeJS.ProcessEnv): RawIssue[] {
  const out: RawIssue[] = [];
  const check = (name: string | undefined, path: string) => {
    if (name !== undefined && !env[name]) {
      out.push({ path, message: `environment variable ${name} is not set`, hint: `set ${name} in the environment of the sfaudit process (a secret store, a systemd EnvironmentFile, CI secrets)` });
    }
  };
  data.audits.forEach((audit, i) => {
    for (const [key, name] of Object.entries(audit.org?.credentials ?? {})) check(name, `/audits/${i}/org/credentials/${key}`);
    check(audit.slack?.tokenEnv, `/audits/${i}/slack/tokenEnv`);
    check(audit.slack?.webhookEnv, `/audits/${i}/slack/webhookEnv`);
  });
  return out;
}
