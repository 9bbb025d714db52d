import { createPrivateKey, sign } from 'node:crypto';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * The audience Salesforce expects: its login hosts for production and sandboxes
 * (also when the login URL is a My Domain), otherwise the login URL itself.
 */
export function jwtAudience(loginUrl: string): string {
  const host = new URL(loginUrl).hostname.toLowerCase();
  if (/(^|\.)test\.salesforce\.com$|\.sandbox\.my\.salesforce\.com$/.test(host)) return 'https://test.salesforce.com';
  if (/(^|\.)salesforce\.com$/.test(host)) return 'https://login.salesforce.com';
  return loginUrl.replace(/\/+$/, '');
}

/**
 * An RS256-signed assertion for the OAuth 2.0 JWT bearer flow (jsforce does not sign).
 * Valid for three minutes, the most Salesforce accepts.
 */
export function signJwtAssertion(claims: { clientId: string; username: string; audience: string }, privateKeyPem: string, now = Date.now()): string {
  const key = createPrivateKey(privateKeyPem);
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(
    JSON.stringify({ iss: claims.clientId, sub: claims.username, aud: claims.audience, exp: Math.floor(now / 1000) + 180 }),
  ).toString('base64url');
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
