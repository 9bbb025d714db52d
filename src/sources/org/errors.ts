/**
 * How a failed Salesforce call is treated: credentials problems and an org that
 * never answered stop the run, transient failures are retried, anything else
 * fails only the components the call was for. Every message that may reach a
 * person goes through `redact`.
 */

/** No usable credentials, or no way to get a session: the run cannot go on (a usage problem unless a subclass says more). */
export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

/** Salesforce answered, and refused the credentials or the session: the credentials need renewing, not the command line. */
export class SessionRefusedError extends CredentialsError {
  constructor(
    message: string,
    /** Where the session was asked for (an origin: no path, no secret). */
    readonly url: string,
  ) {
    super(message);
    this.name = 'SessionRefusedError';
  }
}

/**
 * The org's host never answered in this run: every try of every call failed at the network
 * level (DNS, refused or reset connections, timeouts, TLS). An org that answered once and then
 * dropped calls is not this: those calls fail only the rules that needed them.
 */
export class OrgUnreachableError extends Error {
  constructor(
    /** An origin: no path, no secret. */
    readonly url: string,
    readonly reason: string,
    /** What a person should look at, e.g. "check SF_INSTANCE_URL and the network". */
    advice: string,
  ) {
    super(`cannot reach ${url} (${reason}): ${advice}`);
    this.name = 'OrgUnreachableError';
  }
}

/** Errors that stop the whole read: no call after them can succeed. */
export function isFatal(error: unknown): error is CredentialsError | OrgUnreachableError {
  return error instanceof CredentialsError || error instanceof OrgUnreachableError;
}

/** `https://acme.my.salesforce.com/services/...` → `https://acme.my.salesforce.com`: what a message may name of a URL. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the org';
  }
}

/** A call that exceeded its own time limit (jsforce aborts the request). */
export class CallTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`);
    this.name = 'CallTimeoutError';
  }
}

/**
 * A request that got no HTTP answer: refused, reset, timed out below HTTP, TLS. `code` is the system's
 * (`ECONNRESET` ...), as node-fetch copies it onto its FetchError for jsforce's own requests.
 */
export class RequestFailedError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RequestFailedError';
  }
}

/** A failure below HTTP, from either client: node-fetch's (jsforce's requests) or ours (see direct-transport.ts). */
function belowHttp(e: ErrorLike): boolean {
  return e.name === 'FetchError' || e.name === 'RequestFailedError';
}

/** A reply that parsed but is not what the operation returns (a truncated or garbled body). */
export class MalformedReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedReplyError';
  }
}

/** A body that does not parse (a reply cut short on the way: worth another try), named by the parser's first line. */
export function garbledReply(parserMessage: string): MalformedReplyError {
  return new MalformedReplyError(`garbled reply: ${parserMessage.split('\n')[0]}`);
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

/** Codes of failures below HTTP, in the words a person checks the network with. */
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  EHOSTDOWN: 'host down',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network down',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
};

/** OpenSSL and Node name certificate and handshake failures in many ways; these prefixes cover them. */
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(GET|VERIFY|DECRYPT)|HOSTNAME_MISMATCH)/;

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
  // jsforce wraps a failed session refresh: "Unable to refresh session due to: invalid_grant ...". A refresh
  // that got no answer at all refused nothing: that is the network's failure (see `refreshNetworkReason`).
  if (refreshNetworkReason(error)) return false;
  // A SOAP login fault carries its code in the message: "INVALID_LOGIN: Invalid username, ...".
  return /^(INVALID_LOGIN|INVALID_SESSION_ID)\b|^Unable to refresh session/.test((error as ErrorLike)?.message ?? '');
}

/**
 * Why a session refresh got no answer, in the words `networkFailure` uses. jsforce keeps only the message
 * of the refresh's failure ("Unable to refresh session due to: request to https://.../services/oauth2/token
 * failed, reason: connect ECONNREFUSED ..."); node-fetch says "socket hang up" for a reset.
 */
function refreshNetworkReason(error: unknown): string | undefined {
  const reason = /^Unable to refresh session due to: request to \S+ failed, reason: (.*)$/s.exec((error as ErrorLike)?.message ?? '')?.[1];
  if (reason === undefined) return undefined;
  if (/socket hang up/i.test(reason)) return NETWORK_REASONS['ECONNRESET'];
  if (/certificate|self[- ]signed|\bSSL\b|\bTLS\b/i.test(reason)) return `TLS failure (${reason.trim()})`;
  const code = /\b(E[A-Z_]+|UND_ERR_SOCKET)\b/.exec(reason)?.[1];
  return code ? NETWORK_REASONS[code] : undefined;
}

/** Worth another try: rate limits, 5xx, resets, timeouts, truncated replies. */
export function isTransient(error: unknown): boolean {
  if (error instanceof CallTimeoutError || error instanceof MalformedReplyError) return true;
  if (refreshNetworkReason(error)) return true;
  const e = (error ?? {}) as ErrorLike;
  const code = errorCode(error);
  if (TRANSIENT_CODES.has(code)) return true;
  if (/^ERROR_HTTP_(5\d\d|429|420)$/.test(code)) return true;
  if (e.name === 'AbortError' || e.type === 'aborted') return true;
  if (belowHttp(e)) return true; // a network-level failure (reset, refused, DNS)
  return /socket hang up|ECONNRESET|network timeout|Request Timeout/i.test(e.message ?? '');
}

/**
 * Why no HTTP answer came back (`connection refused`, `no answer within 120 s`, `TLS failure (CERT_HAS_EXPIRED)`),
 * or undefined when the host did answer, however badly (an HTTP error, a fault, a garbled body).
 */
export function networkFailure(error: unknown): string | undefined {
  if (error instanceof CallTimeoutError) return error.message;
  const refresh = refreshNetworkReason(error);
  if (refresh) return `${refresh} (refreshing the session)`;
  const e = (error ?? {}) as ErrorLike;
  // The system error's code, copied onto the request's error; anything else with a code is a reply.
  if (!belowHttp(e) || typeof e.code !== 'string') return undefined;
  if (NETWORK_REASONS[e.code]) return NETWORK_REASONS[e.code];
  return TLS_CODE.test(e.code) ? `TLS failure (${e.code})` : undefined;
}

/** An `OrgUnreachableError` for a failure below HTTP at `url`; undefined when the host answered. */
export function unreachable(error: unknown, url: string, advice: string): OrgUnreachableError | undefined {
  const reason = networkFailure(error);
  return reason ? new OrgUnreachableError(originOf(url), reason, advice) : undefined;
}

/**
 * A login host that answered, but not as Salesforce does: an HTTP error page (a wrong SF_LOGIN_URL, a proxy, an
 * outage that outlasted the retries) rather than a login fault. Nobody refused the credentials: the login service
 * was not reached, so it is an `OrgUnreachableError` pointing at the URL; undefined for a real refusal.
 */
export function notALoginService(error: unknown, url: string, advice: string): OrgUnreachableError | undefined {
  if (isAuthError(error)) return undefined;
  const status = /^ERROR_HTTP_(\d+)$/.exec(errorCode(error))?.[1];
  const page = /^\s*</.test((error as ErrorLike)?.message ?? '');
  if (!status && !page) return undefined;
  return new OrgUnreachableError(originOf(url), `it answered ${status ? `HTTP ${status}` : 'with a page'}, not as a Salesforce login service`, advice);
}

/** Whether a failed call or login is worth another try: transient failures, never credentials, never once the read is stopping. */
export function worthRetrying(error: unknown): boolean {
  return !isFatal(error) && !isAuthError(error) && isTransient(error);
}

/** Turns jsforce's and xml2js's ways of failing into ones `isTransient` and `networkFailure` know. */
export function normaliseError(error: unknown, timeoutMs: number): unknown {
  const e = error as { name?: string; message?: string; errorCode?: string; code?: string };
  if (e?.name === 'AbortError' || /aborted due to timeout/i.test(e?.message ?? '')) return new CallTimeoutError(timeoutMs);
  // jsforce hands a body it cannot parse to xml2js, whose errors say where the XML broke.
  if (!e?.errorCode && !e?.code && /\bLine: \d+|Unclosed root tag|Unexpected end|Non-whitespace before first tag|Unexpected token|JSON/.test(e?.message ?? '')) {
    return garbledReply(e.message ?? '');
  }
  return error;
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
