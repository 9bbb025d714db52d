import { readFile } from 'node:fs/promises';
import jsforce, { type Connection, type Schema } from 'jsforce';
import type { SessionRefreshFunc } from 'jsforce/lib/session-refresh-delegate.js';
import { adviceFor, apiVersionFrom, secretsOf, type Credentials } from './credentials.js';
import { CredentialsError, SessionRefusedError, describeError, isFatal, normaliseError, notALoginService, originOf, unreachable, worthRetrying } from './errors.js';
import { JWT_BEARER_GRANT, jwtAudience, signJwtAssertion } from './jwt.js';
import { DEFAULT_POLICY, type CallPolicy } from './org-api.js';
import { withRetry } from './retry.js';
import { orgAgent } from './connections.js';
import { directTransport } from './direct-transport.js';
import { sfOrgDisplay } from './sf-cli.js';

export interface OrgConnection {
  conn: Connection;
  instanceUrl: string;
  apiVersion: string;
  /** Values to mask in anything printed or written (tokens, passwords, keys). */
  secrets: string[];
  /** How the session was obtained, for the report: `access token`, `sfdx auth URL`, `JWT bearer` ... */
  method: string;
  /** Opens `count` connections to the org for the calls to come (see connections.ts); none through a proxy. */
  openAhead(count: number): void;
}

interface TokenResponse {
  access_token: string;
  instance_url?: string;
}

/**
 * jsforce sends logins, token requests and queries with no time limit of their own (30 minutes),
 * and takes none per call: every request of the connection gets the call policy's, unless the
 * call sets one (org-api.ts does). A login host that accepts and never answers then fails in time.
 */
function boundRequests(conn: Connection, timeoutMs: number): Connection {
  for (const transport of [conn._transport, conn.oauth2._transport]) {
    const send = transport.httpRequest.bind(transport);
    transport.httpRequest = (request, options) => send(request, { ...options, timeout: options?.timeout ?? timeoutMs });
  }
  return conn;
}

/**
 * Opens a session with the credentials and returns a jsforce connection that
 * refreshes it by itself when it expires mid-run (auth URL, JWT, password).
 * A plain access token cannot be refreshed: when it expires the run stops with
 * a credentials error. A login is retried as calls are (`policy`). Failures are
 * one line that names the cause and holds no secret: a `CredentialsError` for
 * what is wrong on this side, a `SessionRefusedError` when Salesforce said no, an
 * `OrgUnreachableError` when the login host never answered.
 */
export async function connectOrg(
  credentials: Credentials,
  env: NodeJS.ProcessEnv = {},
  policy: Pick<CallPolicy, 'timeoutMs' | 'retry'> = DEFAULT_POLICY,
): Promise<OrgConnection> {
  const apiVersion = apiVersionFrom(env);
  const secrets = secretsOf(credentials, env);
  const advice = adviceFor(credentials);
  // The connection's requests (the OAuth token requests aside, which jsforce's own transport sends) go on Node's
  // client, on agents of this connection's own, with the connections opened ahead for it.
  const agents = orgAgent(env);
  const connection = (config: ConstructorParameters<typeof jsforce.Connection>[0]) => {
    const conn = boundRequests(new jsforce.Connection(config), policy.timeoutMs);
    conn._transport = directTransport(conn._transport, { env, agents, timeoutMs: policy.timeoutMs });
    return conn;
  };
  /** A login or token request to `url`, retried like a call; `as` says with what, for the message. */
  const logIn = <T>(url: string, as: string, request: () => Promise<T>): Promise<T> =>
    withRetry(() => request().catch((e: unknown) => Promise.reject(normaliseError(e, policy.timeoutMs))), worthRetrying, policy.retry).catch((e: unknown): never => {
      if (isFatal(e)) throw e;
      const origin = originOf(url);
      throw (
        unreachable(e, origin, advice.login) ??
        notALoginService(e, origin, advice.login) ??
        new SessionRefusedError(`cannot log in to ${origin} ${as} (${describeError(e, secrets)}): ${advice.session}`, origin)
      );
    });
  const opened = await logInWith(credentials, env, apiVersion, secrets, connection, logIn);
  return { ...opened, openAhead: (count) => agents.openAhead(opened.conn.instanceUrl, count) };
}

/** The session the credentials give, on a connection `connection` makes. */
async function logInWith(
  credentials: Credentials,
  env: NodeJS.ProcessEnv,
  apiVersion: string,
  secrets: string[],
  connection: (config: ConstructorParameters<typeof jsforce.Connection>[0]) => Connection,
  logIn: <T>(url: string, as: string, request: () => Promise<T>) => Promise<T>,
): Promise<Omit<OrgConnection, 'openAhead'>> {
  switch (credentials.kind) {
    case 'access-token': {
      const conn = connection({ instanceUrl: credentials.instanceUrl, accessToken: credentials.accessToken, version: apiVersion });
      return { conn, instanceUrl: credentials.instanceUrl, apiVersion, secrets, method: 'access token' };
    }
    case 'sf-cli': {
      const org = await sfOrgDisplay(credentials.alias, env);
      secrets.push(org.accessToken);
      const conn = connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: apiVersion });
      return { conn, instanceUrl: org.instanceUrl, apiVersion, secrets, method: `Salesforce CLI alias ${credentials.alias}` };
    }
    case 'auth-url': {
      const { clientId, clientSecret, refreshToken, instanceUrl } = credentials;
      const conn = connection({
        oauth2: { clientId, ...(clientSecret ? { clientSecret } : {}), loginUrl: instanceUrl },
        instanceUrl,
        refreshToken,
        version: apiVersion,
      });
      const res = await logIn(instanceUrl, 'with SF_AUTH_URL', () => conn.oauth2.refreshToken(refreshToken) as Promise<TokenResponse>);
      conn.accessToken = res.access_token;
      conn.instanceUrl = res.instance_url ?? instanceUrl;
      return { conn, instanceUrl: conn.instanceUrl, apiVersion, secrets, method: 'sfdx auth URL' };
    }
    case 'jwt': {
      let key: string;
      try {
        key = await readFile(credentials.keyFile, 'utf8');
      } catch (e) {
        throw new CredentialsError(`cannot read SF_JWT_KEY_FILE ${credentials.keyFile}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      }
      secrets.push(key.trim());
      const grant = async (conn: Connection): Promise<TokenResponse> => {
        let assertion: string;
        try {
          assertion = signJwtAssertion({ clientId: credentials.clientId, username: credentials.username, audience: jwtAudience(credentials.loginUrl) }, key);
        } catch {
          throw new CredentialsError(`SF_JWT_KEY_FILE ${credentials.keyFile} does not hold a PEM private key`);
        }
        return (await conn.oauth2.requestToken({ grant_type: JWT_BEARER_GRANT, assertion })) as TokenResponse;
      };
      // jsforce cannot re-sign by itself: a fresh assertion is the JWT flow's refresh.
      const refreshFn: SessionRefreshFunc<Schema> = (conn, callback) => {
        grant(conn).then(
          (res) => {
            if (res.instance_url) conn.instanceUrl = res.instance_url;
            callback(null, res.access_token, res as never);
          },
          (e: Error) => callback(e),
        );
      };
      const conn = connection({
        loginUrl: credentials.loginUrl,
        oauth2: { clientId: credentials.clientId, loginUrl: credentials.loginUrl },
        refreshFn,
        version: apiVersion,
      });
      const res = await logIn(credentials.loginUrl, 'with the JWT bearer flow', () => grant(conn));
      conn.accessToken = res.access_token;
      conn.instanceUrl = res.instance_url ?? credentials.loginUrl;
      return { conn, instanceUrl: conn.instanceUrl, apiVersion, secrets, method: 'JWT bearer' };
    }
    case 'password': {
      const { username, password, securityToken, loginUrl, clientId, clientSecret } = credentials;
      const conn = connection({
        loginUrl,
        version: apiVersion,
        ...(clientId && clientSecret ? { oauth2: { clientId, clientSecret, loginUrl } } : {}),
      });
      // jsforce keeps these to log in again when the session expires.
      await logIn(loginUrl, `as ${username}`, () => conn.login(username, password + (securityToken ?? '')));
      return { conn, instanceUrl: conn.instanceUrl, apiVersion, secrets, method: clientId ? 'OAuth username-password' : 'SOAP login' };
    }
  }
}
