import { CredentialsError } from './errors.js';

/**
 * The ways Salesforce users already hold credentials, read from the
 * environment (or a Salesforce CLI alias). Nothing here talks to the network.
 */
export type Credentials =
  | { kind: 'access-token'; instanceUrl: string; accessToken: string }
  | { kind: 'auth-url'; clientId: string; clientSecret: string; refreshToken: string; instanceUrl: string }
  | { kind: 'jwt'; clientId: string; username: string; keyFile: string; loginUrl: string }
  | {
      kind: 'password';
      username: string;
      password: string;
      securityToken?: string;
      loginUrl: string;
      /** With a client id and secret the OAuth username-password flow is used instead of the SOAP login. */
      clientId?: string;
      clientSecret?: string;
    }
  | { kind: 'sf-cli'; alias: string };

export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';
export const DEFAULT_API_VERSION = '62.0';

export const CREDENTIALS_HELP =
  'set SF_INSTANCE_URL + SF_ACCESS_TOKEN, or SF_AUTH_URL, or SF_CLIENT_ID + SF_USERNAME + SF_JWT_KEY_FILE, or SF_USERNAME + SF_PASSWORD, or pass --target-org <alias>';

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function requireVars(env: NodeJS.ProcessEnv, names: string[], forWhat: string): void {
  const missing = names.filter((n) => !value(env, n));
  if (missing.length) throw new CredentialsError(`${forWhat} also needs ${missing.join(' and ')}`);
}

/** Lightning Experience hosts: what the browser shows, not where the APIs answer (jsforce refuses them). */
const LIGHTNING_HOST = /\.lightning\.(force\.com|crmforce\.mil|sfcrmapps\.cn)$/i;

function url(text: string, name: string): string {
  let parsed: URL;
  try {
    parsed = new URL(text);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    throw new CredentialsError(`${name} is not a URL (expected e.g. https://mycompany.my.salesforce.com)`);
  }
  if (LIGHTNING_HOST.test(parsed.hostname)) {
    // Copied from the browser's address bar: the same org's My Domain answers the APIs.
    const myDomain = parsed.hostname.replace(/\.lightning\.force\.com$/i, '.my.salesforce.com');
    const example = myDomain === parsed.hostname ? 'its My Domain URL (Setup › My Domain)' : `https://${myDomain}`;
    throw new CredentialsError(`${name} is the org's Lightning address (${parsed.hostname}), where the APIs do not answer: use ${example}`);
  }
  return text.replace(/\/+$/, '');
}

/**
 * `force://<clientId>:<clientSecret>:<refreshToken>@<instance>`, as `sf org display --verbose`
 * prints it. The Salesforce CLI assumes https; a URL with its own scheme after `@` is taken as is.
 */
export function parseSfdxAuthUrl(text: string): Extract<Credentials, { kind: 'auth-url' }> {
  const invalid = new CredentialsError('SF_AUTH_URL is not an sfdx auth URL (force://<clientId>:<clientSecret>:<refreshToken>@<instance>)');
  if (!text.startsWith('force://')) throw invalid;
  const rest = text.slice('force://'.length);
  const at = rest.lastIndexOf('@');
  if (at < 0) throw invalid;
  const [clientId, clientSecret, ...tokenParts] = rest.slice(0, at).split(':');
  const refreshToken = tokenParts.join(':');
  const host = rest.slice(at + 1).replace(/\/+$/, '');
  if (!clientId || !refreshToken || !host) throw invalid;
  const instanceUrl = /^https?:\/\//.test(host) ? host : `https://${host}`;
  return { kind: 'auth-url', clientId, clientSecret: clientSecret ?? '', refreshToken, instanceUrl: url(instanceUrl, 'the instance in SF_AUTH_URL') };
}

/**
 * Picks the credential form from the environment, first match wins:
 * `--target-org`, then an access token, an auth URL, a JWT key, a password.
 */
export function credentialsFrom(env: NodeJS.ProcessEnv, targetOrg?: string): Credentials {
  if (targetOrg) return { kind: 'sf-cli', alias: targetOrg };
  const accessToken = value(env, 'SF_ACCESS_TOKEN');
  if (accessToken) {
    requireVars(env, ['SF_INSTANCE_URL'], 'SF_ACCESS_TOKEN');
    return { kind: 'access-token', accessToken, instanceUrl: url(value(env, 'SF_INSTANCE_URL')!, 'SF_INSTANCE_URL') };
  }
  const authUrl = value(env, 'SF_AUTH_URL');
  if (authUrl) return parseSfdxAuthUrl(authUrl);
  const loginUrl = url(value(env, 'SF_LOGIN_URL') ?? DEFAULT_LOGIN_URL, 'SF_LOGIN_URL');
  const keyFile = value(env, 'SF_JWT_KEY_FILE');
  if (keyFile) {
    requireVars(env, ['SF_CLIENT_ID', 'SF_USERNAME'], 'SF_JWT_KEY_FILE');
    return { kind: 'jwt', clientId: value(env, 'SF_CLIENT_ID')!, username: value(env, 'SF_USERNAME')!, keyFile, loginUrl };
  }
  const password = env.SF_PASSWORD; // kept as given: a password may start or end with a space
  if (password) {
    requireVars(env, ['SF_USERNAME'], 'SF_PASSWORD');
    const clientId = value(env, 'SF_CLIENT_ID');
    const clientSecret = value(env, 'SF_CLIENT_SECRET');
    return {
      kind: 'password',
      username: value(env, 'SF_USERNAME')!,
      password,
      securityToken: value(env, 'SF_SECURITY_TOKEN'),
      loginUrl,
      ...(clientId && clientSecret ? { clientId, clientSecret } : {}),
    };
  }
  if (value(env, 'SF_USERNAME') || value(env, 'SF_INSTANCE_URL')) {
    throw new CredentialsError(`incomplete Salesforce credentials: ${CREDENTIALS_HELP}`);
  }
  throw new CredentialsError(`no Salesforce credentials: ${CREDENTIALS_HELP}`);
}

/** `SF_API_VERSION`, checked, or the default. */
export function apiVersionFrom(env: NodeJS.ProcessEnv): string {
  const v = value(env, 'SF_API_VERSION');
  if (!v) return DEFAULT_API_VERSION;
  const normalized = v.replace(/^v/i, '');
  if (!/^\d{2,3}\.0$/.test(normalized)) throw new CredentialsError(`SF_API_VERSION must look like 62.0, got "${v}"`);
  return normalized;
}

/** Every secret value the credentials carry, so they can be masked in any message. */
export function secretsOf(credentials: Credentials, env: NodeJS.ProcessEnv = {}): string[] {
  const fromEnv = ['SF_ACCESS_TOKEN', 'SF_AUTH_URL', 'SF_PASSWORD', 'SF_SECURITY_TOKEN', 'SF_CLIENT_SECRET'].map((n) => env[n] ?? '');
  switch (credentials.kind) {
    case 'access-token':
      return [credentials.accessToken, ...fromEnv].filter(Boolean);
    case 'auth-url':
      return [credentials.refreshToken, credentials.clientSecret, ...fromEnv].filter(Boolean);
    case 'password':
      return [credentials.password, credentials.securityToken ?? '', credentials.clientSecret ?? '', ...fromEnv].filter(Boolean);
    default:
      return fromEnv.filter(Boolean);
  }
}

/**
 * What a person should look at, in terms of the variables they set: when the login host
 * (`login`) or the org's instance (`reach`) never answers, and when Salesforce refuses the
 * credentials or the session (`session`).
 */
export function adviceFor(credentials: Credentials): { login: string; reach: string; session: string } {
  const network = 'check the network';
  switch (credentials.kind) {
    case 'access-token':
      return { login: network, reach: 'check SF_INSTANCE_URL and the network', session: 'check SF_ACCESS_TOKEN (a session expires and cannot be renewed)' };
    case 'sf-cli':
      return { login: network, reach: network, session: `log in again with sf org login (alias ${credentials.alias})` };
    case 'auth-url': {
      const reach = 'check the instance in SF_AUTH_URL and the network';
      return { login: reach, reach, session: 'check SF_AUTH_URL (sf org display --verbose prints a current one)' };
    }
    case 'jwt':
      // The instance comes from the login's reply: only the login host is the user's to fix.
      return { login: 'check SF_LOGIN_URL and the network', reach: network, session: 'check SF_CLIENT_ID, SF_USERNAME and the key in SF_JWT_KEY_FILE' };
    case 'password':
      return {
        login: 'check SF_LOGIN_URL and the network',
        reach: network,
        session: `check SF_USERNAME, SF_PASSWORD and SF_SECURITY_TOKEN${credentials.clientId ? ', SF_CLIENT_ID and SF_CLIENT_SECRET' : ''}`,
      };
  }
}
