import type { Need } from '../../checks/kind.js';
import type { OrgModel } from '../../model/types.js';
import { liveRecordSource, type LiveRecordSource } from '../../records/live-source.js';
import { apiBudget, ApiBudgetReached, DEFAULT_BUDGET, type ApiBudget, type BudgetSetting } from './budget.js';
import { connectOrg, type OrgConnection } from './connect.js';
import { adviceFor, credentialsFrom } from './credentials.js';
import type { Fetched } from './fetched.js';
import { planFetch, type FetchPlan } from './fetch-plan.js';
import { createOrgApi, DEFAULT_POLICY, reportedUsage, type CallPolicy, type OrgApi } from './org-api.js';
import { silentProgress, type ProgressLine } from './progress.js';
import { readOrg, type FindingsKeeper, type ReadOrgOptions } from './read-org.js';
import { cacheFolder, openCache, scopeOf, type ComponentCache } from './cache.js';
import { replyParser } from './reply-parser.js';

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
  /** Keep what was read here and re-read only what changed since (`--cache <dir>`). */
  cacheDir?: string;
  /** The records are written out as files (snapshot): cached ones must be current in every part, not only what the model reads. */
  snapshot?: boolean;
  /** Stop before the org's daily API usage passes this share of its allocation (default 0.9; `off`: not checked). */
  apiBudget?: BudgetSetting;
  /** A line for the user now (stderr), e.g. the org's API usage passing 70%. */
  onWarning?: (text: string) => void;
  /**
   * Worker threads that parse Metadata API replies (default: cores − 1, at least 1; SFAUDIT_PARSE_WORKERS);
   * 0 parses them on the main thread.
   */
  parseWorkers?: number;
  /**
   * Given the objects once they are read (with their field labels) and the run's record source, while the rest is
   * still being read: the audit's data rules send their record queries then (`prefetch`), and may be checked as
   * the answers come (see auditWhileReading). The read ends once this has settled.
   */
  onObjectsRead?: (objects: OrgModel, records: LiveRecordSource) => void | PromiseLike<void>;
  /** The model so far once every read is sent, and which needs it holds for good (see ReadOrgOptions.onWaiting). */
  onWaiting?: ReadOrgOptions['onWaiting'];
  /** With a cache: the rules that keep the last run's findings, given the org's cache folder (see FindingsKeeper). */
  keep?: (folder: string) => PromiseLike<FindingsKeeper | undefined>;
}

export interface LiveRead {
  org: OrgModel;
  fetched: Fetched;
  plan: FetchPlan;
  /** For the report: API calls made, retries, components read, the org's daily API usage when known. */
  stats: Record<string, number>;
  /** For the report: what the run has to say about itself (the org's API usage past 70%, a stop at the budget). */
  notes: string[];
  /** The guard the reader ran under; record queries made for data rules go through it too. */
  budget?: ApiBudget;
  connection: OrgConnection;
  /** Records for data rules through the same connection, under the same budget, counted in `stats`. */
  records: LiveRecordSource;
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
export function liveStats(
  api: OrgApi,
  read: { componentsRead: number; componentsCached?: number; objectsPatched?: number },
  cache?: ComponentCache,
  budget?: ApiBudget,
): Record<string, number> {
  const by = api.stats.byMethod;
  const stats: Record<string, number> = {
    apiCalls: api.stats.calls,
    apiRetries: api.stats.retries,
    listMetadataCalls: by.listMetadata ?? 0,
    readMetadataCalls: by.readMetadata ?? 0,
    describeCalls: (by.describe ?? 0) + (by.describeGlobal ?? 0),
    componentsRead: read.componentsRead,
  };
  // Readings of the org's API usage for --api-budget (REST /limits).
  if (by.limits) stats.usageCalls = by.limits;
  if (cache) {
    stats.componentsCached = read.componentsCached ?? 0;
    stats.cacheStale = cache.stats.stale;
    stats.cacheCorrupt = cache.stats.corrupt;
    stats.cacheStored = cache.stats.stored;
    if (read.objectsPatched) stats.objectsPatched = read.objectsPatched;
  }
  if (budget?.stopped) stats.apiBudgetStopped = 1;
  // The last REST reply may have come before the last Metadata API calls; the budget counts those on top.
  const usage = budget?.estimate() ?? api.limitInfo();
  if (usage) {
    stats.orgDailyApiUsed = usage.used;
    stats.orgDailyApiLimit = usage.limit;
  }
  return stats;
}

/**
 * Connects with the credentials in the environment, fetches what the needs
 * call for, and builds the model. Throws `CredentialsError` when the credentials
 * are missing or unusable (`SessionRefusedError` when Salesforce refused them or
 * the session), `OrgUnreachableError` when the org's host never answered; any
 * other failure ends up as load problems in the model.
 *
 * `needs` may still be coming (rules still loading): the connection and the
 * reading of the org's API usage, which need no rules, start at once. If they
 * never come (the rules did not load), nothing else is asked of the org and
 * that failure is what this throws.
 */
export async function readLiveOrg(needs: Need[] | PromiseLike<Need[]>, options: LiveReadOptions): Promise<LiveRead> {
  const coming = Promise.resolve(needs);
  // Awaited once connected; when connecting fails first, that failure is the one this throws.
  coming.catch(() => undefined);
  const policy = policyFrom(options);
  const credentials = credentialsFrom(options.env, options.targetOrg);
  const connection = await connectOrg(credentials, options.env, policy);
  const share = options.apiBudget ?? DEFAULT_BUDGET;
  const budget = share === 'off' ? undefined : apiBudget(share, () => reportedUsage(connection.conn), options.onWarning);
  const progress = options.progress ?? silentProgress;
  const workers = options.parseWorkers ?? positive(options.env, 'SFAUDIT_PARSE_WORKERS');
  // Started now: a worker takes tens of ms to start and compile, which the first round trips hide.
  const parser = replyParser({ warm: true, ...(workers === undefined ? {} : { workers }) });
  const state = { planned: 0, fetched: 0, calls: 0, retries: 0 };
  const api = createOrgApi(connection.conn, {
    policy,
    secrets: connection.secrets,
    budget,
    parser,
    advice: adviceFor(credentials),
    onEvent: (event) => {
      if (event.kind === 'call') state.calls++;
      if (event.kind === 'retry') state.retries++;
      progress.update({ ...state });
    },
  });
  // The calls would each open a connection of their own: as many as are kept in flight, opened just before the
  // first (which takes one, see connections.ts).
  connection.openAhead(policy.concurrency);
  // The calls wait for this reading anyway (see OrgApi.prepare): it goes out while the needs are still coming.
  void api.prepare();
  const scope = options.cacheDir ? scopeOf(connection.conn, connection.apiVersion) : undefined;
  // The findings kept last time are read while the org's usage is.
  const keep = options.cacheDir && scope && options.keep ? options.keep(cacheFolder(options.cacheDir, scope)) : undefined;
  // Queries sent during the read are counted here, then added to the read's stats (see below).
  let stats: Record<string, number> = {};
  const records = liveRecordSource(connection.conn, {
    // Data rules' queries are calls to the org like the reader's: the same bound on calls in flight, and
    // the same budget (refused past it: the rule then reports the refusal as an error).
    send: (_kind, request) =>
      api
        .slot(() => {
          stats.apiCalls = (stats.apiCalls ?? 0) + 1;
          stats.queryCalls = (stats.queryCalls ?? 0) + 1;
          return request();
        })
        .catch((e: unknown) => {
          if (e instanceof ApiBudgetReached) stats.apiBudgetStopped = 1;
          throw e;
        }),
  });
  // Settled before the read returns (readOrg waits for it), so that what it started is there for the audit. It may
  // fail (a rule the model cannot plan, rules that did not load): the audit then asks for the records itself.
  const givenObjects = options.onObjectsRead;
  const onObjectsRead = givenObjects && ((objects: OrgModel) => givenObjects(objects, records));
  let wanted: Need[];
  try {
    wanted = await coming;
  } catch (e) {
    progress.done();
    await parser.close();
    throw e;
  }
  const plan = planFetch(wanted, { all: options.all, ...(options.cacheDir ? { versions: options.snapshot ? 'snapshot' : 'model' } : {}) });
  const cache = options.cacheDir && scope ? openCache(options.cacheDir, scope) : undefined;
  try {
    const result = await readOrg(api, plan, {
      location: connection.instanceUrl,
      needs: wanted,
      secrets: connection.secrets,
      cache,
      ...(onObjectsRead ? { onObjectsRead } : {}),
      ...(options.onWaiting ? { onWaiting: options.onWaiting } : {}),
      ...(keep ? { keep } : {}),
      onProgress: (p) => {
        state.planned = p.planned;
        state.fetched = p.fetched;
        progress.update({ ...state });
      },
    });
    const earlyQueries = stats.queryCalls ?? 0;
    // From now on the queries count here (see `send` above): the report's stats, made when the audit ends.
    // A stop at the budget is in them already (`budget.stopped`).
    stats = liveStats(api, result, cache, budget);
    const keeper = await keep;
    if (keeper) stats.rulesKept = keeper.keeping();
    if (earlyQueries) {
      stats.apiCalls = (stats.apiCalls ?? 0) + earlyQueries;
      stats.queryCalls = earlyQueries;
    }
    return { org: result.org, fetched: result.fetched, plan, stats, notes: budget?.notes() ?? [], budget, connection, records };
  } finally {
    progress.done();
    // Not waited for: every reply is parsed by now, and the audit need not wait for a thread to stop.
    parser.close().catch(() => undefined);
  }
}
