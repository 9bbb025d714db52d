import type { LiveReadOptions } from '../sources/org/live.js';
import type { Rule } from '../ruleset/types.js';
import type { DataRuleOptions } from './context.js';
import { checkAhead, checksAhead, type CheckedAhead } from './ahead.js';
import { checkDataAhead, type DataAhead } from './data-ahead.js';
import { keptFindings, type KeptFindings } from './kept-findings.js';
import { recordQueries } from './record-queries.js';

export interface WhileReadingOptions {
  /** With a cache: the findings of rules whose components did not change are kept from the last run. */
  keep?: boolean;
  /**
   * The audit's options for data rules. With `links` (the audit's link checks, as it will make them), the data
   * rules are checked once their objects are read, as their records come, while the org is still being read;
   * without, only the first ones' record queries are sent then, in the audit's terms.
   */
  data?: Pick<DataRuleOptions, 'maxRecords' | 'links'> & { rulesAtOnce?: number };
  /** How rules are checked ahead (checkAhead; the bench times it). */
  check?: typeof checkAhead;
  /** How data rules are checked ahead (checkDataAhead; the bench times it). */
  checkData?: typeof checkDataAhead;
}

/** What an audit takes of the work done while the org was read (AuditOptions `ahead`, `dataAhead` and `kept`). */
export interface DoneWhileReading {
  /** Rules checked while the last reads were on the way (see checkAhead): the audit takes them as they are. */
  ahead?: Promise<CheckedAhead>;
  /** Data rules checked as their records came (see checkDataAhead): the audit takes each as it ends. */
  dataAhead?: DataAhead;
  /** With a cache: the findings kept from the last run, and this run's to keep. */
  kept?: KeptFindings;
}

export interface WhileReading {
  /** What the live reader is given (see readLiveOrg). */
  reading: Pick<LiveReadOptions, 'onObjectsRead' | 'onWaiting' | 'keep'>;
  /** Once the read is done: what the audit takes of what was done meanwhile. */
  forAudit(): DoneWhileReading;
  /** With `keep`: the findings kept from the last run, and this run's to keep. */
  kept?: KeptFindings;
}

/**
 * An audit's work done while a live org is read, as every way of auditing an org does it (`run --org`, the
 * scheduler, the bench): rules checked as soon as what they need is in (checksAhead), data rules checked as their
 * records come once their objects are read (given the audit's link checks; otherwise the first ones' record
 * queries sent then), and with a cache the findings of rules whose components did not change kept from the
 * last run. `rules` may still be loading.
 */
export function auditWhileReading(rules: PromiseLike<readonly Rule[]>, options: WhileReadingOptions = {}): WhileReading {
  const kept = options.keep ? keptFindings(rules) : undefined;
  const ahead = checksAhead(rules, options.check ?? checkAhead, kept?.hits);
  const data = options.data ?? {};
  let dataAhead: DataAhead | undefined;
  return {
    reading: {
      onObjectsRead: async (objects, records) => {
        const list = await rules;
        // Checked now, each rule's first step is to send its queries; otherwise the audit's first ones go out now.
        if (data.links) dataAhead = (options.checkData ?? checkDataAhead)(objects, list, { ...data, records });
        else for (const query of recordQueries(objects, list, data)) records.prefetch(query);
      },
      onWaiting: ahead.onWaiting,
      ...(kept ? { keep: kept.open } : {}),
    },
    forAudit: () => ({ ahead: ahead.checked(), ...(dataAhead ? { dataAhead } : {}), kept }),
    ...(kept ? { kept } : {}),
  };
}
