/**
 * The bench's one contact point with the live org reader (src/sources/org/):
 * everything else in the bench is independent of how the reader is called.
 */
import { planNeeds } from '../src/engine/needs.js';
import { recordQueries } from '../src/engine/record-queries.js';
import { checkAhead, checksAhead, type CheckedAhead } from '../src/engine/ahead.js';
import { keptFindings, type KeptFindings } from '../src/engine/kept-findings.js';
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

export interface LiveReadResult {
  org: OrgModel;
  stats: Record<string, unknown>;
  /** Records for data rules, queried over REST like a user's live run. */
  records: RecordSource;
  /** Rules checked while the last reads were on the way, as `run --org` does. */
  ahead?: Promise<CheckedAhead>;
  /** The CPU that checking ahead took (once `ahead` settled): part of the rule evaluation's. */
  aheadCpuMs(): number;
  /** With a cache: the findings kept from the last run, and this run's to keep. */
  kept?: KeptFindings;
}

/** As `run --org` reads (src/cli/live-org.ts orgSource): rules still loading, the first data rules' queries sent once their objects are read. */
export async function readLive(rules: Promise<Rule[]>, options: LiveReadOptions): Promise<LiveReadResult> {
  // The reader's tuning (SFAUDIT_PARSE_WORKERS ...) reaches it as in a user's run; credentials only from the bench.
  const tuning = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('SFAUDIT_')));
  const env: NodeJS.ProcessEnv = { ...tuning, SF_INSTANCE_URL: options.url, SF_ACCESS_TOKEN: options.accessToken, SF_API_VERSION: options.apiVersion };
  let aheadCpuMs = 0;
  const kept = options.cacheDir ? keptFindings(rules) : undefined;
  const ahead = checksAhead(
    rules,
    async (...args) => {
      // The process's CPU from its start to its end: what else ran meanwhile is in it too (an upper bound).
      const cpu = process.cpuUsage();
      const checked = await checkAhead(...args);
      const used = process.cpuUsage(cpu);
      aheadCpuMs += (used.user + used.system) / 1000;
      return checked;
    },
    kept?.hits,
  );
  const read = await readLiveOrg(rules.then(planNeeds), {
    env,
    recordQueries: async (objects) => recordQueries(objects, await rules),
    onWaiting: ahead.onWaiting,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(kept ? { keep: kept.open } : {}),
  } as Parameters<typeof readLiveOrg>[1]);
  const checked = ahead.checked();
  return { org: read.org, stats: read.stats, records: read.records, ...(checked ? { ahead: checked } : {}), aheadCpuMs: () => aheadCpuMs, ...(kept ? { kept } : {}) };
}
