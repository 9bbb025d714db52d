import { CREDENTIAL_ENV, type AuditConfig, type CredentialKey, type OrgTarget } from '../config/types.js';
import { EXIT } from '../report/exit-code.js';

/** An environment variable the config names is not set: a usage problem (exit 2), said without any value. */
export class MissingEnvError extends Error {
  readonly exitCode = EXIT.usage;
}

/**
 * The environment the live org reader sees for one audit: the process
 * environment without its own SF_* variables, plus the SF_* variables the
 * live reader expects, filled from the variables the config names. So two
 * audits of two orgs never mix credentials, and the values stay in memory.
 */
export function orgEnv(target: OrgTarget, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('SF_')));
  if (target.loginUrl) out.SF_LOGIN_URL = target.loginUrl;
  if (target.instanceUrl) out.SF_INSTANCE_URL = target.instanceUrl;
  if (target.apiVersion) out.SF_API_VERSION = target.apiVersion;
  for (const [key, name] of Object.entries(target.credentials ?? {}) as Array<[CredentialKey, string]>) {
    const value = env[name];
    if (!value) throw new MissingEnvError(`environment variable ${name} (the org's ${key}) is not set`);
    out[CREDENTIAL_ENV[key]] = value;
  }
  // The Salesforce CLI alias path still needs the user's CLI configuration.
  if (target.targetOrg) for (const [k, v] of Object.entries(env)) if (k.startsWith('SF_') && !(k in out) && !isCredentialVar(k)) out[k] = v;
  return out;
}

const isCredentialVar = (name: string) => (Object.values(CREDENTIAL_ENV) as string[]).includes(name) || name === 'SF_LOGIN_URL' || name === 'SF_API_VERSION';

/** Credentials that say where and who, not how: a cause names them ("cannot reach <instance>"), so they are not scrubbed. */
const NOT_SECRET = new Set<CredentialKey>(['instanceUrl', 'username']);

/** Every secret an audit can touch, so failure causes can be scrubbed of them. */
export function auditSecrets(audit: AuditConfig, env: NodeJS.ProcessEnv): string[] {
  const credentials = (Object.entries(audit.org?.credentials ?? {}) as Array<[CredentialKey, string]>).filter(([key]) => !NOT_SECRET.has(key)).map(([, name]) => name);
  const names = [...credentials, audit.slack?.tokenEnv, audit.slack?.webhookEnv];
  return names.flatMap((n) => (n && env[n] ? [env[n]!] : []));
}
