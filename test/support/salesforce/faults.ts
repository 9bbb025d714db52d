/**
 * Fault injection, set per test through `emulator.faults`: latency, the next n
 * matching requests failing in a chosen way, session expiry after n calls, and
 * a cap on concurrent requests. Each API renders an injected error in its own
 * shape (see RoutedCall), so jsforce raises what it would raise against
 * Salesforce.
 */
import type { CallInfo, RoutedCall } from './endpoint.js';
import { htmlReply, type Reply } from './reply.js';
import type { SessionStore } from './sessions.js';
import type { FaultControl, FaultFilter, FaultMode } from './types.js';

interface FaultRule {
  remaining: number;
  mode: FaultMode;
  filter: FaultFilter;
  /** Matching calls let through so far (`filter.after`). */
  passed?: number;
}

/** Salesforce's messages for codes a test is likely to inject. */
const DEFAULT_MESSAGES: Record<string, string> = {
  REQUEST_LIMIT_EXCEEDED: 'TotalRequests Limit exceeded.',
  INVALID_SESSION_ID: 'Session expired or invalid',
  INSUFFICIENT_ACCESS: 'insufficient access rights on object id',
  SERVER_UNAVAILABLE: 'Server unavailable',
  UNKNOWN_EXCEPTION: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)',
};

export class Faults implements FaultControl {
  latencyMs = 0;
  connectLatencyMs = 0;
  compress = false;
  maxConcurrent: number | undefined = undefined;
  overflow: 'queue' | 'reject' = 'queue';
  private rules: FaultRule[] = [];

  constructor(
    private readonly sessions: SessionStore,
    /** Called by reset() so the server can zero its own per-test counters. */
    private readonly onReset: () => void,
  ) {}

  failNext(n: number, mode: FaultMode, filter: FaultFilter = {}): void {
    if (n > 0) this.rules.push({ remaining: n, mode, filter });
  }

  expireSessionAfter(nCalls: number): void {
    this.sessions.expireAfter(nCalls);
  }

  reset(): void {
    this.latencyMs = 0;
    this.connectLatencyMs = 0;
    this.compress = false;
    this.maxConcurrent = undefined;
    this.overflow = 'queue';
    this.rules = [];
    this.sessions.expireAfter(undefined);
    this.onReset();
  }

  /** The fault this call must suffer, if any; consumes one use of the first matching rule. */
  take(info: CallInfo): FaultMode | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.filter.method === undefined || r.filter.method === info.method) &&
        (r.filter.type === undefined || r.filter.type === info.type) &&
        (r.filter.api === undefined || r.filter.api === info.api),
    );
    if (!rule) return undefined;
    if ((rule.passed ?? 0) < (rule.filter.after ?? 0)) {
      rule.passed = (rule.passed ?? 0) + 1;
      return undefined;
    }
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.mode;
  }
}

/** The answer for an injected fault that produces a response (hangs and resets are the server's business). */
export function faultReply(mode: FaultMode, call: RoutedCall): Reply | undefined {
  if ('faultCode' in mode) {
    return call.errorReply(mode.faultCode, mode.message ?? DEFAULT_MESSAGES[mode.faultCode] ?? mode.faultCode);
  }
  if ('malformedXml' in mode) return call.truncatedReply();
  if ('status' in mode) {
    if (mode.body !== undefined) {
      return { status: mode.status, headers: { 'Content-Type': mode.contentType ?? 'text/plain' }, body: mode.body };
    }
    // A 500 comes from Salesforce itself, in the API's shape; other statuses
    // typically come from the edge (maintenance, gateway) as HTML pages.
    return mode.status === 500
      ? call.errorReply('UNKNOWN_EXCEPTION', DEFAULT_MESSAGES['UNKNOWN_EXCEPTION'] as string, 500)
      : htmlReply(mode.status, `HTTP ${mode.status}`);
  }
  return undefined;
}
