/**
 * Respecting the org's daily API allocation: an audit must not be the reason
 * an org's integrations start failing with REQUEST_LIMIT_EXCEEDED. The reader
 * stops before the org's usage passes a share of its allocation (default 90%)
 * and warns from 70%.
 *
 * Salesforce reports the usage only on REST replies (`Sforce-Limit-Info:
 * api-usage=N/M`, which jsforce keeps in `conn.limitInfo`), never on Metadata
 * API (SOAP) replies. So the guard starts from a REST reading and counts its own
 * calls on top; each later REST reply (describe, record queries, a refresh)
 * gives a fresh reading that also includes other clients' calls.
 */

export interface ApiUsage {
  used: number;
  limit: number;
}

/** Share of the daily allocation at which the reader stops; `off`: never checked. */
export type BudgetSetting = number | 'off';

export const DEFAULT_BUDGET = 0.9;
export const WARN_SHARE = 0.7;
/** Our own calls after which the usage is read again (it moves with other clients' calls too). */
export const REFRESH_EVERY = 200;

/** A call refused because it would take the org past the share. Not transient: never retried. */
export class ApiBudgetReached extends Error {}

/** `--api-budget` / config `apiBudget`: a share in (0, 1], a percentage (90%), or `off`. */
export function parseBudget(value: string | number): BudgetSetting | undefined {
  if (value === 'off') return 'off';
  const text = String(value).trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const share = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(text) ? Number(text) : NaN;
  return share > 0 && share <= 1 ? share : undefined;
}

const int = (n: number) => n.toLocaleString('en-US');
const pct = (n: number) => `${Math.round(n * 100)}%`;

export interface ApiBudget {
  /** The share it stops at. */
  readonly stopAt: number;
  /**
   * Before a call is sent: throws `ApiBudgetReached` when the call could take the org past the share.
   * `end()` must follow when the call settles.
   */
  begin(): void;
  end(): void;
  /**
   * Whether to read the usage before the next call: none read yet (every caller waits for the first),
   * or many calls since the last (one caller refreshes it).
   */
  wantsReading(): boolean;
  /** The estimated usage now: the last reading plus our calls since. */
  estimate(): ApiUsage | undefined;
  /** The usage could not be read (e.g. no permission for /limits): nothing is enforced until a REST reply reports it. */
  unavailable(reason: string): void;
  /** Set once a call was refused. */
  readonly stopped: boolean;
  /** What the report should say about the org's usage (a warning past 70%, the stop). */
  notes(): string[];
}

/**
 * `reading()` gives the last usage Salesforce reported (jsforce's `conn.limitInfo.apiUsage`); a new
 * object means a new reading. Calls in flight when it arrives may not be in it, so they are counted
 * again: the guard errs on the side of stopping a few calls early.
 */
export function apiBudget(stopAt: number, reading: () => ApiUsage | undefined, onWarning: (text: string) => void = () => {}): ApiBudget {
  const warnAt = Math.min(WARN_SHARE, stopAt);
  let base: ApiUsage | undefined;
  /** Our calls the last reading may not include. */
  let since = 0;
  /** Our calls since a reading came or was asked for. */
  let sinceAsked = 0;
  let inFlight = 0;
  let stopped = false;
  let warned: string | undefined;
  let stopNote: string | undefined;
  let unknown: string | undefined;

  /** `settling`: the call just answered, whose reply may have carried the reading and is then counted in it. */
  const observe = (settling = 0) => {
    const now = reading();
    if (now && now !== base && now.limit > 0) {
      base = now;
      since = inFlight - settling;
      sinceAsked = 0;
    }
  };

  const take = () => {
    observe();
    if (!base) {
      // No reading yet: the call that fetches one, or no reading to be had (`unavailable`).
      since++;
      return;
    }
    const line = Math.floor(stopAt * base.limit);
    const next = base.used + since + 1;
    if (next > line) {
      stopped = true;
      stopNote ??=
        `sfaudit stopped reading before the org's daily API usage passed ${pct(stopAt)} of its allocation ` +
        `(about ${int(base.used + since)} of ${int(base.limit)} calls used; stop line ${int(line)}, --api-budget ${stopAt}): ` +
        'what was not read yet is reported as errors. Run the audit again when the usage is lower (it resets over 24 hours), ' +
        'with --cache to read only what changed, or raise --api-budget.';
      throw new ApiBudgetReached(
        `sfaudit stopped before the org's daily API usage passed ${pct(stopAt)} (${int(base.used + since)} of ${int(base.limit)} calls used)`,
      );
    }
    since++;
    sinceAsked++;
    if (!warned && next >= warnAt * base.limit && warnAt < stopAt) {
      warned = `the org has used about ${int(next)} of its ${int(base.limit)} daily API calls (${pct(next / base.limit)}); sfaudit stops before ${pct(stopAt)} (--api-budget)`;
      onWarning(warned);
    }
  };

  return {
    stopAt,
    begin() {
      take();
      inFlight++;
    },
    end() {
      observe(1);
      inFlight = Math.max(0, inFlight - 1);
    },
    wantsReading() {
      observe();
      if (!base) return !unknown;
      if (sinceAsked < REFRESH_EVERY) return false;
      // Claimed by this caller: the others go on with the estimate meanwhile, and a failed reading is not retried at once.
      sinceAsked = 0;
      return true;
    },
    unavailable(reason) {
      unknown ??= reason;
    },
    estimate() {
      observe();
      return base && { used: base.used + since, limit: base.limit };
    },
    get stopped() {
      return stopped;
    },
    notes() {
      observe();
      return [
        ...(unknown && !base ? [`The org's daily API usage could not be read (${unknown}), so --api-budget was not enforced.`] : []),
        ...(warned && !stopNote ? [`Warning: ${warned}.`] : []),
        ...(stopNote ? [stopNote] : []),
      ];
    },
  };
}
