/**
 * The bench's one contact point with the live org reader (src/sources/org/):
 * everything else in the bench is independent of how the reader is called.
 */
import { planNeeds } from '../src/engine/needs.js';
import { checkAhead } from '../src/engine/ahead.js';
import { evaluateRule } from '../src/engine/audit.js';
import { checkDataAhead } from '../src/engine/data-ahead.js';
import { auditWhileReading, type DoneWhileReading } from '../src/engine/while-reading.js';
import type { OrgModel } from '../src/model/types.js';
import type { RecordSource } from '../src/records/types.js';
import type { Rule } from '../src/ruleset/types.js';
import { readLiveOrg } from '../src/sources/org/live.js';

export interface LiveReadOptions {
  url: string;
  accessToken: string;
  apiVersion: string;
  /** Requests in flight at once; the reader's default when absent. */
  concurrency?: number;
  /** Where the incremental cache lives; no cache when absent. */
  cacheDir?: string;
}

/** With what was done while the org was read, as `run --org` does it: rules checked ahead, findings kept. */
export interface LiveReadResult extends DoneWhileReading {
  org: OrgModel;
  stats: Record<string, unknown>;
  /** Records for data rules, queried over REST like a user's live run. */
  records: RecordSource;
  /** The CPU that checking ahead took (once `ahead` and `dataAhead` settled): part of the rule evaluation's. */
  aheadCpuMs(): number;
}

/** As `run --org` reads (src/cli/live-org.ts orgSource): rules still loading, the first data rules' queries sent once their objects are read. */
export async function readLive(rules: Promise<Rule[]>, options: LiveReadOptions): Promise<LiveReadResult> {
  // The reader's tuning (SFAUDIT_PARSE_WORKERS ...) reaches it as in a user's run; credentials only from the bench.
  const tuning = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('SFAUDIT_')));
  const env: NodeJS.ProcessEnv = { ...tuning, SF_INSTANCE_URL: options.url, SF_ACCESS_TOKEN: options.accessToken, SF_API_VERSION: options.apiVersion };
  let aheadCpuMs = 0;
  // Data rules checked ahead: the process's CPU from the first records' arrival to the last such rule's end, once
  // for all that overlap (not while they wait for their records; the replies landing meanwhile are in it: an
  // upper bound, as for checkAhead below).
  let dataRulesRunning = 0;
  let dataCpu: NodeJS.CpuUsage | undefined;
  const timedEvaluate: typeof evaluateRule = async (...args) => {
    dataRulesRunning++;
    try {
      return await evaluateRule(...args);
    } finally {
      if (--dataRulesRunning === 0 && dataCpu) {
        const used = process.cpuUsage(dataCpu);
        aheadCpuMs += (used.user + used.system) / 1000;
        dataCpu = undefined;
      }
    }
  };
  // Every member of the read's source as it is (its methods use no `this`); only the records' arrival is timed.
  const timedRecords = (records: RecordSource): RecordSource => ({
    ...records,
    async *query(query) {
      for await (const record of records.query(query)) {
        dataCpu ??= process.cpuUsage();
        yield record;
      }
    },
  });
  const meanwhile = auditWhileReading(rules, {
    keep: !!options.cacheDir,
    // As the bench's audit checks links (jobs.ts): none. Data rules are then checked as their records come.
    data: { links: { network: false } },
    check: async (...args) => {
      // The process's CPU from its start to its end: what else ran meanwhile is in it too (an upper bound).
      const cpu = process.cpuUsage();
      const checked = await checkAhead(...args);
      const used = process.cpuUsage(cpu);
      aheadCpuMs += (used.user + used.system) / 1000;
      return checked;
    },
    checkData: (objects, list, data) => checkDataAhead(objects, list, { ...data, records: timedRecords(data.records) }, timedEvaluate),
  });
  const read = await readLiveOrg(rules.then(planNeeds), {
    env,
    ...meanwhile.reading,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
  });
  return { org: read.org, stats: read.stats, records: read.records, ...meanwhile.forAudit(), aheadCpuMs: () => aheadCpuMs };
}
