import type { Need } from '../../checks/kind.js';
import type { OrgModel } from '../../model/types.js';
import { connectOrg, type OrgConnection } from './connect.js';
import { credentialsFrom } from './credentials.js';
import type { Fetched } from './fetched.js';
import { planFetch, type FetchPlan } from './fetch-plan.js';
import { createOrgApi, DEFAULT_POLICY, type CallPolicy, type OrgApi } from './org-api.js';
import { silentProgress, type ProgressLine } from './progress.js';
import { readOrg } from './read-org.js';

export interface LiveReadOptions {
  /** Where credentials and tuning come from (SF_*, SFAUDIT_*). */
  env: NodeJS.ProcessEnv;
  /** A Salesforce CLI alias to reuse instead of SF_* variables. */
  targetOrg?: string;
  /** Calls in flight at once (default 5). */
  concurrency?: number;
  /** Every component of every supported type, not just what the needs name (snapshot --all). */
  all?: boolean;
  progress?: ProgressLine;
  /** Overrides for tests and tuning; otherwise SFAUDIT_CALL_TIMEOUT_MS, SFAUDIT_RETRY_BASE_MS, SFAUDIT_MAX_ATTEMPTS. */
  policy?: Partial<CallPolicy>;
}

export interface LiveRead {
  org: OrgModel;
  fetched: Fetched;
  plan: FetchPlan;
  /** For the report: API calls made, retries, components read, the org's daily API usage when known. */
  stats: Record<string, number>;
  connection: OrgConnection;
}

function positive(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const n = Number(env[name]);
  return env[name] && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Call policy from options and the environment's tuning knobs. */
export function policyFrom(options: Pick<LiveReadOptions, 'env' | 'concurrency' | 'policy'>): CallPolicy {
  const { env } = options;
  const concurrency = options.concurrency ?? options.policy?.concurrency ?? DEFAULT_POLICY.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
  return {
    concurrency,
    timeoutMs: options.policy?.timeoutMs ?? positive(env, 'SFAUDIT_CALL_TIMEOUT_MS') ?? DEFAULT_POLICY.timeoutMs,
    retry: {
      ...DEFAULT_POLICY.retry,
      ...(positive(env, 'SFAUDIT_RETRY_BASE_MS') !== undefined ? { baseDelayMs: positive(env, 'SFAUDIT_RETRY_BASE_MS')! } : {}),
      ...(positive(env, 'SFAUDIT_MAX_ATTEMPTS') ? { maxAttempts: Math.max(1, Math.floor(positive(env, 'SFAUDIT_MAX_ATTEMPTS')!)) } : {}),
      ...options.policy?.retry,
    },
  };
}

/** The report's counters for a live read. */
export function liveStats(api: OrgApi, componentsRead: number): Record<string, number> {
  const by = api.stats.byMethod;
  const stats: Record<string, number> = {
    apiCalls: api.stats.calls,
    apiRetries: api.stats.retries,
    listMetadataCalls: by.listMetadata ?? 0,
    readMetadataCalls: by.readMetadata ?? 0,
    describeCalls: (by.describe ?? 0) + (by.describeGlobal ?? 0),
    componentsRead,
  };
  const usage = api.limitInfo();
  if (usage) {
    stats.orgDailyApiUsed = usage.used;
    stats.orgDailyApiLimit = usage.limit;
  }
  return stats;
}

/**
 * Connects with the credentials in the environment, fetches what the needs
 * call for, and builds the model. Throws `CredentialsError` (exit 2) when the
 * org cannot be logged into or refuses the session; any other failure ends up
 * as load problems in the model.
 */
export async function readLiveOrg(needs: Need[], options: LiveReadOptions): Promise<LiveRead> {
  const policy = policyFrom(options);
  const connection = await connectOrg(credentialsFrom(options.env, options.targetOrg), options.env);
  const plan = planFetch(needs, { all: options.all });
  const progress = options.progress ?? silentProgress;
  const state = { planned: 0, fetched: 0, calls: 0, retries: 0 };
  const api = createOrgApi(connection.conn, {
    policy,
    secrets: connection.secrets,
    onEvent: (event) => {
      if (event.kind === 'call') state.calls++;
      if (event.kind === 'retry') state.retries++;
      progress.update({ ...state });
    },
  });
  try {
    const result = await readOrg(api, plan, {
      location: connection.instanceUrl,
      needs,
      secrets: connection.secrets,
      onProgress: (p) => {
        state.planned = p.planned;
        state.fetched = p.fetched;
        progress.update({ ...state });
      },
    });
    return { org: result.org, fetched: result.fetched, plan, stats: liveStats(api, result.componentsRead), connection };
  } finally {
    progress.done();
  }
}
