import { readFile } from 'node:fs/promises';
import jsforce, { type Connection, type Schema } from 'jsforce';
import type { SessionRefreshFunc } from 'jsforce/lib/session-refresh-delegate.js';
import { apiVersionFrom, secretsOf, type Credentials } from './credentials.js';
import { CredentialsError, describeError } from './errors.js';
import { JWT_BEARER_GRANT, jwtAudience, signJwtAssertion } from './jwt.js';
import { sfOrgDisplay } from './sf-cli.js';

export interface OrgConnection {
  conn: Connection;
  instanceUrl: string;
  apiVersion: string;
  /** Values to mask in anything printed or written (tokens, passwords, keys). */
  secrets: string[];
  /** How the session was obtained, for the report: `access token`, `sfdx auth URL`, `JWT bearer` ... */
  method: string;
}

interface TokenResponse {
  access_token: string;
  instance_url?: string;
}

/**
 * Opens a session with the credentials and returns a jsforce connection that
 * refreshes it by itself when it expires mid-run (auth URL, JWT, password).
 * A plain access token cannot be refreshed: when it expires the run stops with
 * a credentials error. Any failure here is a `CredentialsError` with one line
 * that names the cause and holds no secret.
 */
export async function connectOrg(credentials: Credentials, env: NodeJS.ProcessEnv = {}): Promise<OrgConnection> {
  const apiVersion = apiVersionFrom(env);
  const secrets = secretsOf(credentials, env);
  const fail = (what: string, e: unknown): never => {
    if (e instanceof CredentialsError) throw e;
    throw new CredentialsError(`${what} (${describeError(e, secrets)})`);
  };

  switch (credentials.kind) {
    case 'access-token': {
      const conn = new jsforce.Connection({ instanceUrl: credentials.instanceUrl, accessToken: credentials.accessToken, version: apiVersion });
      return { conn, instanceUrl: credentials.instanceUrl, apiVersion, secrets, method: 'access token' };
    }
    case 'sf-cli': {
      const org = await sfOrgDisplay(credentials.alias, env);
      secrets.push(org.accessToken);
      const conn = new jsforce.Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: apiVersion });
      return { conn, instanceUrl: org.instanceUrl, apiVersion, secrets, method: `Salesforce CLI alias ${credentials.alias}` };
    }
    case 'auth-url': {
      const { clientId, clientSecret, refreshToken, instanceUrl } = credentials;
      const conn = new jsforce.Connection({
        oauth2: { clientId, ...(clientSecret ? { clientSecret } : {}), loginUrl: instanceUrl },
        instanceUrl,
        refreshToken,
        version: apiVersion,
      });
      try {
        const res = (await conn.oauth2.refreshToken(refreshToken)) as TokenResponse;
        conn.accessToken = res.access_token;
        conn.instanceUrl = res.instance_url ?? instanceUrl;
      } catch (e) {
        fail('cannot log in to Salesforce with SF_AUTH_URL', e);
      }
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
      const conn = new jsforce.Connection({
        loginUrl: credentials.loginUrl,
        oauth2: { clientId: credentials.clientId, loginUrl: credentials.loginUrl },
        refreshFn,
        version: apiVersion,
      });
      try {
        const res = await grant(conn);
        conn.accessToken = res.access_token;
        conn.instanceUrl = res.instance_url ?? credentials.loginUrl;
      } catch (e) {
        fail('cannot log in to Salesforce with the JWT bearer flow', e);
      }
      return { conn, instanceUrl: conn.instanceUrl, apiVersion, secrets, method: 'JWT bearer' };
    }
    case 'password': {
      const { username, password, securityToken, loginUrl, clientId, clientSecret } = credentials;
      const conn = new jsforce.Connection({
        loginUrl,
        version: apiVersion,
        ...(clientId && clientSecret ? { oauth2: { clientId, clientSecret, loginUrl } } : {}),
      });
      try {
        // jsforce keeps these to log in again when the session expires.
        await conn.login(username, password + (securityToken ?? ''));
      } catch (e) {
        fail(`cannot log in to Salesforce as ${username}`, e);
      }
      return { conn, instanceUrl: conn.instanceUrl, apiVersion, secrets, method: clientId ? 'OAuth username-password' : 'SOAP login' };
    }
  }
}
