/**
 * How a failed Salesforce call is treated: credentials problems stop the run
 * (exit 2), transient ones are retried, anything else fails only the components
 * the call was for. Every message that may reach a person goes through `redact`.
 */

/** Bad or expired credentials, or no way to get a session: the run cannot go on. */
export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

/** A call that exceeded its own time limit (jsforce aborts the request). */
export class CallTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${Math.round(ms / 1000)} s`);
    this.name = 'CallTimeoutError';
  }
}

/** A reply that parsed but is not what the operation returns (a truncated or garbled body). */
export class MalformedReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedReplyError';
  }
}

/** Fault codes (jsforce gives SOAP ones with an `sf:` prefix) and OAuth errors that mean "these credentials do not work". */
const AUTH_CODES = new Set([
  'INVALID_SESSION_ID',
  'INVALID_LOGIN',
  'INVALID_OPERATION_WITH_EXPIRED_PASSWORD',
  'LOGIN_MUST_USE_SECURITY_TOKEN',
  'invalid_grant',
  'invalid_client_id',
  'invalid_client',
  'unsupported_grant_type',
  'inactive_user',
  'inactive_org',
]);

const TRANSIENT_CODES = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'SERVER_UNAVAILABLE',
  'UNKNOWN_EXCEPTION',
  'QUERY_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

interface ErrorLike {
  name?: string;
  message?: string;
  errorCode?: string;
  code?: string;
  type?: string;
}

/** The error's code without jsforce's `sf:` prefix: `REQUEST_LIMIT_EXCEEDED`, `ERROR_HTTP_503`, `ECONNRESET` ... */
export function errorCode(error: unknown): string {
  const e = (error ?? {}) as ErrorLike;
  const raw = e.errorCode ?? (typeof e.code === 'string' ? e.code : undefined) ?? e.name ?? 'Error';
  return raw.replace(/^sf:/, '');
}

export function isAuthError(error: unknown): boolean {
  if (error instanceof CredentialsError) return true;
  const code = errorCode(error);
  if (AUTH_CODES.has(code)) return true;
  // A SOAP login fault carries its code in the message: "INVALID_LOGIN: Invalid username, ...".
  // jsforce wraps a failed session refresh: "Unable to refresh session due to: invalid_grant ...".
  return /^(INVALID_LOGIN|INVALID_SESSION_ID)\b|^Unable to refresh session/.test((error as ErrorLike)?.message ?? '');
}

/** Worth another try: rate limits, 5xx, resets, timeouts, truncated replies. */
export function isTransient(error: unknown): boolean {
  if (error instanceof CallTimeoutError || error instanceof MalformedReplyError) return true;
  const e = (error ?? {}) as ErrorLike;
  const code = errorCode(error);
  if (TRANSIENT_CODES.has(code)) return true;
  if (/^ERROR_HTTP_(5\d\d|429|420)$/.test(code)) return true;
  if (e.name === 'AbortError' || e.type === 'aborted') return true;
  if (e.name === 'FetchError') return true; // node-fetch's network-level failure (reset, refused, DNS)
  return /socket hang up|ECONNRESET|network timeout|Request Timeout/i.test(e.message ?? '');
}

/**
 * One line saying what went wrong, without anything secret: known secret values
 * are masked, and HTML or XML bodies that some errors carry are cut off.
 */
export function describeError(error: unknown, secrets: readonly string[] = []): string {
  const e = (error ?? {}) as ErrorLike;
  const code = errorCode(error);
  let message = (e.message ?? String(error)).replace(/\s+/g, ' ').trim();
  if (/^\s*</.test(message)) message = 'unexpected reply from Salesforce';
  if (message.length > 240) message = `${message.slice(0, 237)}...`;
  const line = message.startsWith(code) || /^(Error|HttpApiError|FetchError)$/.test(code) ? message : `${code}: ${message}`;
  return redact(line, secrets);
}

/** Replaces every known secret (and any Salesforce session id) in text. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('***');
  }
  // Session ids look like 00Dxx...!AQ...; never let one through, whatever its origin.
  return out.replace(/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]+/g, '***');
}
