/**
 * OAuth 2.0 token endpoint `/services/oauth2/token` (form-encoded POST) and
 * `/services/oauth2/revoke`. Grants: password, refresh_token and the JWT bearer
 * flow. Error bodies are Salesforce's `{error, error_description}` with HTTP
 * 400; jsforce (lib/oauth2.js) throws an Error named after `error`.
 */
import { createHmac } from 'node:crypto';
import { peekClaims, verifyRs256 } from './jwt.js';
import type { OrgIdentity, OrgUser } from './org-identity.js';
import type { IncomingCall, RoutedCall } from './endpoint.js';
import { jsonReply, type Reply } from './reply.js';
import type { SessionStore } from './sessions.js';
import type { EmulatorClient } from './types.js';

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface OAuthContext {
  identity: OrgIdentity;
  sessions: SessionStore;
  clients: EmulatorClient[];
  refreshTokens: ReadonlySet<string>;
  baseUrl: string;
}

function oauthError(error: string, description: string): Reply {
  return jsonReply(400, { error, error_description: description });
}

// Error wordings seen from Salesforce (public bug reports of OAuth clients);
// the JWT-specific ones for expiry and unknown users are believed, not verified.
const errors = {
  unknownClient: () => oauthError('invalid_client_id', 'client identifier invalid'),
  badSecret: () => oauthError('invalid_client', 'invalid client credentials'),
  authFailure: () => oauthError('invalid_grant', 'authentication failure'),
  badRefreshToken: () => oauthError('invalid_grant', 'expired access/refresh token'),
  badAssertion: () => oauthError('invalid_grant', 'invalid assertion'),
  badAudience: () => oauthError('invalid_grant', 'audience is invalid'),
  expiredAssertion: () => oauthError('invalid_grant', 'expired authorization code'),
  unknownJwtUser: () => oauthError('invalid_grant', "user hasn't approved this consumer"),
  unsupportedGrant: () => oauthError('unsupported_grant_type', 'grant type not supported'),
};

/** `/services/oauth2/token` and `/services/oauth2/revoke`, form-encoded POSTs. */
export function routeOAuth(context: OAuthContext, call: IncomingCall): RoutedCall {
  const form = new URLSearchParams(call.body);
  const isRevoke = call.url.pathname.replace(/\/+$/, '') === '/services/oauth2/revoke';
  const grantType = form.get('grant_type');
  return {
    info: { api: 'oauth', method: isRevoke ? 'revoke' : 'token', ...(grantType && !isRevoke ? { grantType } : {}) },
    errorReply: (code, message, status) => jsonReply(status ?? 400, { error: code, error_description: message }),
    truncatedReply: () => ({ ...jsonReply(200, {}), body: '{"access_token":"00D' }),
    run: async () => (isRevoke ? runRevoke(context, form) : runTokenRequest(context, form)),
  };
}

function runTokenRequest(context: OAuthContext, form: URLSearchParams): Reply {
  switch (form.get('grant_type')) {
    case 'password':
      return passwordGrant(context, form);
    case 'refresh_token':
      return refreshTokenGrant(context, form);
    case JWT_BEARER_GRANT:
      return jwtBearerGrant(context, form);
    default:
      return errors.unsupportedGrant();
  }
}

/** Revocation (RFC 7009 as Salesforce implements it): the token stops working; 200 with an empty body. */
function runRevoke(context: OAuthContext, form: URLSearchParams): Reply {
  const token = form.get('token');
  if (token) context.sessions.revoke(token);
  return { status: 200, headers: {}, body: '' };
}

function passwordGrant(context: OAuthContext, form: URLSearchParams): Reply {
  const client = context.clients.find((c) => c.clientId === form.get('client_id'));
  if (!client) return errors.unknownClient();
  // The username-password flow is a confidential-client flow: the secret is required.
  if (client.clientSecret === undefined || form.get('client_secret') !== client.clientSecret) return errors.badSecret();
  const user = context.identity.authenticate(form.get('username') ?? '', form.get('password') ?? '');
  return user ? grantSession(context, user, client) : errors.authFailure();
}

function refreshTokenGrant(context: OAuthContext, form: URLSearchParams): Reply {
  const client = context.clients.find((c) => c.clientId === form.get('client_id'));
  if (!client) return errors.unknownClient();
  const secret = form.get('client_secret');
  if (secret !== null && client.clientSecret !== undefined && secret !== client.clientSecret) return errors.badSecret();
  if (!context.refreshTokens.has(form.get('refresh_token') ?? '')) return errors.badRefreshToken();
  return grantSession(context, context.identity.defaultUser, client);
}

function jwtBearerGrant(context: OAuthContext, form: URLSearchParams): Reply {
  const assertion = form.get('assertion') ?? '';
  const claims = peekClaims(assertion);
  if (!claims) return errors.badAssertion();
  const client = context.clients.find((c) => c.clientId === claims.iss);
  if (!client) return errors.unknownClient();
  if (!client.jwtPublicKeyPem) return errors.badAssertion();
  const check = verifyRs256(assertion, client.jwtPublicKeyPem);
  if (!check.ok) return errors.badAssertion();
  if (!audienceMatches(check.claims.aud, context.baseUrl)) return errors.badAudience();
  if (typeof check.claims.exp !== 'number' || check.claims.exp * 1000 <= Date.now()) return errors.expiredAssertion();
  const user = typeof check.claims.sub === 'string' ? context.identity.findUser(check.claims.sub) : undefined;
  return user ? grantSession(context, user, client) : errors.unknownJwtUser();
}

/** Salesforce takes its login hosts (or the org's own domain) as audience. */
function audienceMatches(aud: unknown, baseUrl: string): boolean {
  const accepted = new Set([baseUrl, 'https://login.salesforce.com', 'https://test.salesforce.com']);
  const values = Array.isArray(aud) ? aud : [aud];
  return values.some((v) => typeof v === 'string' && accepted.has(v.replace(/\/+$/, '')));
}

/**
 * The token response. No refresh_token: none of these grants issues one.
 * `signature` is Salesforce's HMAC-SHA256 of `id + issued_at` keyed with the
 * client secret, base64.
 */
function grantSession(context: OAuthContext, user: OrgUser, client: EmulatorClient): Reply {
  const id = `${context.baseUrl}/id/${context.identity.orgId}/${user.userId}`;
  const issuedAt = String(Date.now());
  return jsonReply(200, {
    access_token: context.sessions.issue(user),
    instance_url: context.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    signature: createHmac('sha256', client.clientSecret ?? '').update(id + issuedAt).digest('base64'),
  });
}
