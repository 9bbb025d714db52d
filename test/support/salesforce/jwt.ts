/**
 * Verification of the RS256 assertions of the OAuth 2.0 JWT bearer flow, with
 * node:crypto only. Claims checked are those Salesforce documents for the flow
 * (iss = consumer key, sub = username, aud = login host, exp in the future).
 */
import { createPublicKey, verify } from 'node:crypto';

export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
}

export type JwtCheck = { ok: true; claims: JwtClaims } | { ok: false; reason: string };

function decodeJson(segment: string): unknown {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

/** Decodes the assertion and checks its RS256 signature against `publicKeyPem`. */
export function verifyRs256(assertion: string, publicKeyPem: string): JwtCheck {
  const parts = assertion.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not a JWT' };
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  let header: { alg?: unknown };
  let claims: JwtClaims;
  try {
    header = decodeJson(headerPart) as { alg?: unknown };
    claims = decodeJson(payloadPart) as JwtClaims;
  } catch {
    return { ok: false, reason: 'undecodable JWT' };
  }
  if (header.alg !== 'RS256') return { ok: false, reason: `unsupported alg ${String(header.alg)}` };
  const valid = verify(
    'RSA-SHA256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    createPublicKey(publicKeyPem),
    Buffer.from(signaturePart, 'base64url'),
  );
  return valid ? { ok: true, claims } : { ok: false, reason: 'bad signature' };
}

/** Reads claims without verifying, to find the client (iss) whose key verifies the assertion. */
export function peekClaims(assertion: string): JwtClaims | undefined {
  const payload = assertion.split('.')[1];
  if (!payload) return undefined;
  try {
    return decodeJson(payload) as JwtClaims;
  } catch {
    return undefined;
  }
}
