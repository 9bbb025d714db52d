import type { LiveReadOptions } from '../sources/org/live.js';
import type { Rule } from '../ruleset/types.js';
import type { DataRuleOptions } from './context.js';
import { checkAhead, checksAhead, type CheckedAhead } from './ahead.js';
import { keptFindings, type KeptFindings } from './kept-findings.js';
import { recordQueries } from './record-queries.js';

export interface WhileReadingOptions {
  /** With a cache: the findings of rules whose components did not change are kept from the last run. */
  keep?: boolean;
  /** The audit's options for data rules: the record queries sent early are the ones it will make. */
  data?: Pick<DataRuleOptions, 'maxRecords'> & { rulesAtOnce?: number };
  /** How rules are checked ahead (checkAhead; the bench times it). */
  check?: typeof checkAhead;
}

/** What an audit takes of the work done while the org was read (AuditOptions `ahead` and `kept`). */
export interface DoneWhileReading {
  /** Rules checked while the last reads were on the way (see checkAhead): the audit takes them as they are. */
  ahead?: Promise<CheckedAhead>;
  /** With a cache: the findings kept from the last run, and this run's to keep. */
  kept?: KeptFindings;
}

export interface WhileReading {
  /** What the live reader is given (see readLiveOrg). */
  reading: Pick<LiveReadOptions, 'recordQueries' | 'onWaiting' | 'keep'>;
  /** Once the read is done: what the audit takes of what was done meanwhile. */
  forAudit(): DoneWhileReading;
  /** With `keep`: the findings kept from the last run, and this run's to keep. */
  kept?: KeptFindings;
}

/**
 * An audit's work done while a live org is read, as every way of auditing an org does it (`run --org`, the
 * scheduler, the bench): rules checked as soon as what they need is in (checksAhead), the first data rules'
 * record queries sent once their objects are read, and with a cache the findings of rules whose components did
 * not change kept from the last run. `rules` may still be loading.
 */
export function auditWhileReading(rules: PromiseLike<readonly Rule[]>, options: WhileReadingOptions = {}): WhileReading {
  const kept = options.keep ? keptFindings(rules) : undefined;
  const ahead = checksAhead(rules, options.check ?? checkAhead, kept?.hits);
  return {
    reading: {
      recordQueries: async (objects) => recordQueries(objects, [...(await rules)], options.data),
      onWaiting: ahead.onWaiting,
      ...(kept ? { keep: kept.open } : {}),
    },
    forAudit: () => ({ ahead: ahead.checked(), kept }),
    ...(kept ? { kept } : {}),
  };
}
