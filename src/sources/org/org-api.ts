import { createRequire } from 'node:module';
import pLimit from 'p-limit';
import type { Connection } from 'jsforce';
import { SOAP } from 'jsforce/lib/soap.js';
import type { HttpResponse, Schema } from 'jsforce/lib/types/index.js';
import { list, type Raw } from '../../model/raw.js';
import type { ApiBudget, ApiUsage } from './budget.js';
import { CallTimeoutError, MalformedReplyError, SessionRefusedError, describeError, errorCode, isAuthError, isFatal, networkFailure, normaliseError, originOf, unreachable, worthRetrying, type OrgUnreachableError } from './errors.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import { replyParser, type ReplyParser } from './reply-parser.js';
import type { ListingMemo } from './listing-memo.js';
import { LIST_BATCH, READ_BATCH } from './batch-sizes.js';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/**
 * Types whose reads no other request waits for, only the end of the read: their replies are parsed after those
 * others wait for (see ReplyParser.parse `later`). An object's read sends the record queries and the record-page
 * reads, a listing the reads of its types, a child type's read patches an object (object-patches.ts), and the
 * apps' read may send record-page reads.
 */
const NOTHING_WAITS: ReadonlySet<string> = new Set(['Layout', 'Profile', 'FlexiPage']);

/**
 * The FileProperties fields a listing is read for: the names, and for a cache the versions (id and
 * lastModifiedDate). The parse keeps only these (see parseListing in xml-reply.cjs): each field of
 * thousands of components is thousands of strings to hand back from the parse worker and to collect.
 */
export const LISTED = { names: ['type', 'fullName'], versions: ['type', 'fullName', 'id', 'lastModifiedDate'] } as const;
type ListedField = (typeof LISTED.versions)[number];
const { LISTED_FIELDS } = createRequire(import.meta.url)('./xml-reply.cjs') as { LISTED_FIELDS: string };

export interface CallPolicy {
  /** Calls in flight at once (p-limit); Salesforce allows 25 long-running calls on production orgs. */
  concurrency: number;
  /** Per call; a call still unanswered is aborted and retried. */
  timeoutMs: number;
  retry: RetryPolicy;
}

export const DEFAULT_POLICY: CallPolicy = { concurrency: 5, timeoutMs: 120_000, retry: DEFAULT_RETRY };

export interface ListedComponent {
  type: string;
  fullName: string;
  /** The component's record id (for a cache: a component deleted and re-created under its name gets a new one). Versions only. */
  id?: string;
  /** Versions only. */
  lastModifiedDate?: string;
}

export interface DescribedField {
  name: string;
  label?: string;
  type?: string;
}

export interface DescribedObject {
  name: string;
  label?: string;
  labelPlural?: string;
  custom?: boolean;
  fields: DescribedField[];
}

export interface CallStats {
  /** Requests sent to the org, retries included (logins not counted). */
  calls: number;
  byMethod: Record<string, number>;
  retries: number;
}

export interface CallEvent {
  kind: 'call' | 'retry' | 'done';
  method: string;
}

/**
 * The few Salesforce operations the reader needs, each one bounded by a shared
 * p-limit, given a per-call timeout, and retried with back-off on transient
 * failures (jsforce never retries a POST, so no SOAP call would be retried
 * otherwise). A refused session stops every pending call, and so does an org
 * whose host has not answered a single try of any call.
 */
export interface OrgApi {
  /** One record per name, in order; `undefined` where Salesforce says the component does not exist (`xsi:nil`). */
  readMetadata(type: string, names: string[]): Promise<Array<Raw | undefined>>;
  /**
   * `versions`: with each component's id and lastModifiedDate (what a cache needs), else its type and name only.
   * `memo`: what the last listing of these types said (see ListingMemo), waited for when the reply comes; a
   * reply that parses is left in it (`reply`), for the next run's.
   */
  listMetadata(types: string[], options?: { versions?: boolean; memo?: Promise<ListingMemo> }): Promise<ListedComponent[]>;
  /** `undefined` when the object does not exist. */
  describe(object: string): Promise<DescribedObject | undefined>;
  describeGlobal(): Promise<Array<Omit<DescribedObject, 'fields'>>>;
  readonly stats: CallStats;
  /** Daily API usage from the last `Sforce-Limit-Info` header, when a reply carried one. */
  limitInfo(): ApiUsage | undefined;
  /**
   * Reads the org's API usage now if the budget wants a reading, so that the first call does not wait
   * for it. Never rejects: a refused session or an unreachable org fails the calls that follow.
   */
  prepare(): Promise<void>;
  /**
   * A call to the org that someone else makes (a data rule's record query), under the same bound on
   * calls in flight and the same API budget as the reader's own (`ApiBudgetReached` past it). Not
   * counted in `stats`, nor retried: the caller counts it and says what failed.
   */
  slot<T>(run: () => Promise<T>): Promise<T>;
}

/**
 * The components a listMetadata reply lists, from either shape the parse gives: columns of the `LISTED`
 * fields asked for (the listing scan), or `result` elements (the full parse, for a reply the scan leaves to it).
 * A result with no type or name (or one the reply repeats) is left out.
 */
export function listedComponents(body: Raw | undefined): ListedComponent[] {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const out: ListedComponent[] = [];
  const add = (type: unknown, fullName: unknown, id: unknown, lastModifiedDate: unknown) => {
    const t = text(type);
    const name = text(fullName);
    if (t && name) out.push({ type: t, fullName: name, id: text(id), lastModifiedDate: text(lastModifiedDate) });
  };
  const columns = body?.[LISTED_FIELDS] as Partial<Record<ListedField, unknown[]>> | undefined;
  if (columns) {
    // Thousands of results on a big org, in hand as columns: read straight down them.
    const { type = [], fullName = [], id = [], lastModifiedDate = [] } = columns;
    for (let i = 0; i < fullName.length; i++) add(type[i], fullName[i], id[i], lastModifiedDate[i]);
    return out;
  }
  for (const row of list<Raw>(body?.result)) add(row.type, row.fullName, row.id, row.lastModifiedDate);
  return out;
}

/** How a call's reply is parsed: a listing's fields and memo (see ReplyParser.parse), or `later` (NOTHING_WAITS). */
interface ReplyOptions {
  listing?: { fields: readonly string[]; memo?: Promise<ListingMemo> };
  later?: boolean;
}

/** jsforce's SOAP endpoint with its XML replies parsed by `parser` (the value jsforce's xml2js parse gives, faster and elsewhere). */
class MetadataSoap<S extends Schema> extends SOAP<S> {
  constructor(
    conn: Connection<S>,
    options: ConstructorParameters<typeof SOAP>[1],
    private readonly parser: ReplyParser,
    private readonly received: () => void,
    private readonly reply: ReplyOptions = {},
  ) {
    super(conn, options);
  }

  override async parseResponseBody(response: HttpResponse): Promise<unknown> {
    // A fault (an expired session, a limit) keeps its slot until it is handled: the calls behind it wait to learn of it.
    if (response.statusCode === 200) this.received();
    // The test jsforce's own parseResponseBody makes before handing the body to xml2js.
    if (!/^(text|application)\/xml(;|$)/.test(this.getResponseContentType(response) ?? '')) return super.parseResponseBody(response);
    const memo = await this.reply.listing?.memo;
    const value = await this.parser.parse(response.body, this.reply.listing?.fields, memo, this.reply.later);
    // A listing that parsed is what the next run's memo is made of.
    if (memo) memo.reply = response.body;
    return value;
  }
}

/** The org's daily API usage as jsforce last saw it on a REST reply; a new object for each reply. */
export function reportedUsage(conn: Connection): ApiUsage | undefined {
  return (conn.limitInfo as { apiUsage?: ApiUsage } | undefined)?.apiUsage;
}

export function createOrgApi(
  conn: Connection,
  options: {
    policy?: Partial<CallPolicy>;
    secrets?: string[];
    onEvent?: (event: CallEvent) => void;
    /** Stops calls before the org's daily API usage passes its share (see budget.ts). */
    budget?: ApiBudget;
    /** Where Metadata API replies are parsed (default: on this thread). */
    parser?: ReplyParser;
    /** What a person should check when the org never answers, or refuses the session (see `adviceFor`). */
    advice?: { reach: string; session: string };
  } = {},
): OrgApi {
  const policy: CallPolicy = { ...DEFAULT_POLICY, ...options.policy, retry: { ...DEFAULT_POLICY.retry, ...options.policy?.retry } };
  const limit = pLimit(Math.max(1, policy.concurrency));
  const stats: CallStats = { calls: 0, byMethod: {}, retries: 0 };
  const secrets = options.secrets ?? [];
  let fatal: SessionRefusedError | OrgUnreachableError | undefined;
  // Whether the org's host ever sent a reply, even an error: until it has, failures below HTTP may mean
  // it cannot be reached at all; after, a dropped call is that call's failure only.
  let answered = false;
  const budget = options.budget;
  const parser = options.parser ?? replyParser({ workers: 0 });
  const advice = options.advice ?? { reach: 'check the instance URL and the network', session: 'check the credentials' };

  /**
   * Under the bound on calls in flight and the API budget: every call to the org, ours or a data rule's. The
   * slot is held until `run` settles, or until it calls `free` (the org has answered; see `attempt`).
   */
  const slot = async <T>(run: (free: () => void) => Promise<T>): Promise<T> => {
    let running!: Promise<T>;
    await limit(async () => {
      if (fatal) throw fatal;
      budget?.begin();
      let free!: () => void;
      const freed = new Promise<void>((resolve) => (free = resolve));
      running = run(free);
      try {
        await Promise.race([freed, running]);
      } finally {
        budget?.end();
      }
    });
    return running;
  };

  // Replies in hand whose calls gave up their slot before being parsed (see `attempt`).
  let unparsed = 0;
  /**
   * One attempt in a slot, with a hard stop a little after jsforce's own timeout. The slot is the org's: a
   * call whose reply is in hand (`received`) gives it up before its parse, so the next request goes out while
   * the reply is parsed. Holding it through the parse had each of scenario 2's 182 reads hold its slot 15–18 ms
   * past the org's answer (BENCHMARKS.md). At most as many replies as there are slots wait for their parse
   * this way: past that, a call keeps its slot to the end, and the reads wait for the parser.
   */
  const attempt = <T>(method: string, run: (received: () => void) => Promise<T>): Promise<T> =>
    slot(async (free) => {
      let early = false;
      const received = () => {
        if (early || unparsed >= policy.concurrency) return;
        early = true;
        unparsed++;
        free();
      };
      stats.calls++;
      stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
      options.onEvent?.({ kind: 'call', method });
      let timer: NodeJS.Timeout | undefined;
      const guard = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CallTimeoutError(policy.timeoutMs)), policy.timeoutMs + 2_000);
      });
      try {
        const result = await Promise.race([run(received), guard]);
        answered = true;
        return result;
      } catch (e) {
        const error = normaliseError(e, policy.timeoutMs);
        if (!networkFailure(error)) answered = true;
        throw error;
      } finally {
        clearTimeout(timer);
        if (early) unparsed--;
      }
    });

  const call = async <T>(method: string, run: (received: () => void) => Promise<T>): Promise<T> => {
    if (budget && method !== 'limits' && budget.wantsReading()) await readUsage();
    try {
      return await withRetry(
        () => attempt(method, run),
        worthRetrying,
        policy.retry,
        () => {
          stats.retries++;
          options.onEvent?.({ kind: 'retry', method });
        },
      );
    } catch (e) {
      if (fatal) throw fatal;
      const url = originOf(conn.instanceUrl);
      if (isAuthError(e)) fatal = new SessionRefusedError(`Salesforce at ${url} refused the session (${describeError(e, secrets)}): ${advice.session}`, url);
      else if (!answered) fatal = unreachable(e, url, advice.reach);
      throw fatal ?? e;
    } finally {
      options.onEvent?.({ kind: 'done', method });
    }
  };

  /**
   * One Metadata API call, its reply as xml2js would parse it (`explicitArray: false`, see xml-reply.cjs): strings, an object
   * for a single child and an array for repeated ones, `$` for attributes. `SOAP#invoke` casts the reply
   * only when given a schema, and we give none: jsforce's cast (`castTypeUsingSchema` over the WSDL
   * schema) costs more CPU than the parse itself (about 6 of 9.5 ms per 60 KB readMetadata reply),
   * and the mappers read the uncast shape anyway, as they read files (`src/model/raw.ts`).
   * `SOAP#invoke` and its optional schema are public in jsforce's typings (`lib/soap.d.ts`);
   * `conn.metadata` skips the cast only through its private `_invoke`, and has no per-call timeout.
   */
  // Public on jsforce's Connection (its typings): the transport every endpoint of the connection uses (connect.ts
  // puts ours there, see direct-transport.ts).
  const transport = conn._transport;
  const soap = async (
    operation: string,
    args: object,
    received: () => void,
    reply: ReplyOptions = {},
  ): Promise<Raw | undefined> => {
    const endpointOptions = {
      transport,
      xmlns: METADATA_NS,
      endpointUrl: `${conn.instanceUrl}/services/Soap/m/${conn.version}`,
      // Reaches jsforce's fetch wrapper, which aborts the request after this long.
      timeout: policy.timeoutMs,
    } as ConstructorParameters<typeof SOAP>[1];
    const endpoint = new MetadataSoap(conn, endpointOptions, parser, received, reply);
    const body: unknown = await endpoint.invoke(operation, args);
    // An empty response element (`<listMetadataResponse/>`) parses to ''.
    if (body === '' || body === null) return undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new MalformedReplyError(`${operation}: the reply is not a SOAP response`);
    return body as Raw;
  };

  const rest = async (path: string): Promise<unknown> => {
    const body = await conn.request(
      { method: 'GET', url: `/services/data/v${conn.version}${path}` },
      // Our retry, not jsforce's (it would back off up to 15 s on its own); our timeout.
      { retry: { maxRetries: 0 }, timeout: policy.timeoutMs } as never,
    );
    if (!body || typeof body !== 'object') throw new MalformedReplyError(`GET ${path}: the reply is not JSON`);
    return body;
  };

  /**
   * Reads the org's usage (REST /limits; its Sforce-Limit-Info header is what jsforce keeps) before the
   * budget lets other calls go: one call at a time, however many callers wait for it.
   */
  let reading: Promise<void> | undefined;
  const readUsage = (): Promise<void> =>
    (reading ??= (async () => {
      try {
        const body = (await call('limits', () => rest('/limits'))) as { DailyApiRequests?: { Max?: number; Remaining?: number } };
        const daily = body.DailyApiRequests;
        // The header is the reading; the body says the same where a proxy dropped the header.
        if (!reportedUsage(conn) && typeof daily?.Max === 'number' && typeof daily.Remaining === 'number') {
          conn.limitInfo = { apiUsage: { used: daily.Max - daily.Remaining, limit: daily.Max } };
        }
        if (!reportedUsage(conn)) budget?.unavailable('no usage in the reply of /limits');
      } catch (e) {
        if (isFatal(e)) throw e;
        budget?.unavailable(describeError(e, secrets));
      } finally {
        reading = undefined;
      }
    })());

  return {
    stats,
    slot,
    async prepare() {
      if (budget?.wantsReading()) await readUsage().catch(() => undefined);
    },
    limitInfo() {
      const usage = reportedUsage(conn);
      return usage ? { used: usage.used, limit: usage.limit } : undefined;
    },

    async readMetadata(type, names) {
      if (names.length === 0) return [];
      if (names.length > READ_BATCH) throw new Error(`readMetadata takes at most ${READ_BATCH} names, got ${names.length}`);
      return call('readMetadata', async (received) => {
        const body = await soap('readMetadata', { type, fullNames: names }, received, { later: NOTHING_WAITS.has(type) });
        const result = body?.result;
        const records = result && typeof result === 'object' ? list<unknown>((result as Raw).records) : [];
        if (records.length !== names.length) {
          throw new MalformedReplyError(`readMetadata ${type}: asked for ${names.length} components, got ${records.length} records`);
        }
        return records.map((record) => {
          if (!record || typeof record !== 'object' || Array.isArray(record)) return undefined;
          const { $: _attributes, ...raw } = record as Raw & { $?: unknown };
          // Salesforce answers a name it does not know with <records xsi:nil="true"/>: no fullName.
          return typeof raw.fullName === 'string' && raw.fullName !== '' ? raw : undefined;
        });
      });
    },

    async listMetadata(types, { versions = false, memo } = {}) {
      if (types.length === 0) return [];
      if (types.length > LIST_BATCH) throw new Error(`listMetadata takes at most ${LIST_BATCH} queries, got ${types.length}`);
      return call('listMetadata', async (received) => {
        const body = await soap('listMetadata', { queries: types.map((type) => ({ type })), asOfVersion: conn.version }, received, {
          listing: { fields: versions ? LISTED.versions : LISTED.names, memo },
        });
        return listedComponents(body);
      });
    },

    async describe(object) {
      try {
        return await call('describe', async () => {
          const body = (await rest(`/sobjects/${encodeURIComponent(object)}/describe`)) as Partial<DescribedObject> & { fields?: unknown };
          if (!Array.isArray(body.fields)) throw new MalformedReplyError(`describe ${object}: no fields in the reply`);
          return {
            name: String(body.name ?? object),
            label: body.label,
            labelPlural: body.labelPlural,
            custom: body.custom,
            fields: (body.fields as unknown as Array<Record<string, unknown>>).map((f) => ({
              name: String(f.name),
              label: typeof f.label === 'string' ? f.label : undefined,
              type: typeof f.type === 'string' ? f.type : undefined,
            })),
          };
        });
      } catch (e) {
        if (errorCode(e) === 'NOT_FOUND') return undefined;
        throw e;
      }
    },

    async describeGlobal() {
      return call('describeGlobal', async () => {
        const body = (await rest('/sobjects')) as { sobjects?: unknown };
        if (!Array.isArray(body.sobjects)) throw new MalformedReplyError('describeGlobal: no sobjects in the reply');
        return (body.sobjects as Array<Record<string, unknown>>).map((s) => ({
          name: String(s.name),
          label: typeof s.label === 'string' ? s.label : undefined,
          labelPlural: typeof s.labelPlural === 'string' ? s.labelPlural : undefined,
          custom: s.custom === true,
        }));
      });
    },
  };
}
