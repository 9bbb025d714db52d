/**
 * A local cache of metadata records read from an org, so a re-audit reads only
 * what changed. It is an optimisation only: whatever state the cache is in
 * (missing, stale, truncated, edited by hand, from another org or API version,
 * from an older sfaudit), the audit must come out the same. So a cached record
 * is used only when
 * - it was stored under exactly the version the org reports now (built from
 *   listMetadata's `id` and `lastModifiedDate`, see `componentVersion` in
 *   versions.ts), and
 * - its content still hashes to the digest stored with it, and names the same
 *   component;
 * anything else is a miss, and the reader reads the component from the org.
 * Records changed in the last few minutes are not stored at all:
 * `lastModifiedDate` has whole seconds, so an edit landing in the same second as
 * the read would otherwise keep the old version.
 * An object stored at another version only in its nested parts is brought up
 * to date from its record, with the parts that changed read from the org
 * (object-patches.ts): the record then served is the one a whole read gives.
 * The same folder keeps the last listing of each set of types, so that the next is
 * scanned only where it changed (see listing-memo.ts).
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../history/atomic-write.js';
import { sha256 } from '../../history/digest.js';
import type { Raw } from '../../model/raw.js';
import { pacer } from './pacer.js';
import { emptyMemo, listingFiles, type ListingMemo } from './listing-memo.js';
import type { VersionTest } from './versions.js';

/** Bumped whenever what is stored (or how jsforce shapes records) changes: older files are ignored. */
export const CACHE_FORMAT = 1;

/** Where `--cache` with no folder keeps it (relative to the working folder). */
export const DEFAULT_CACHE_DIR = '.sfaudit-cache';

/** Components modified less than this long ago are read every time, never stored. */
export const DEFAULT_SETTLE_MS = 10 * 60_000;

export interface CacheStats {
  /** Records served from the cache. */
  hits: number;
  /** Asked for and not there. */
  misses: number;
  /** There, but stored under another version. */
  stale: number;
  /** Unreadable files, bad digests, wrong names: ignored. */
  corrupt: number;
  /** Records stored for next time. */
  stored: number;
  /** Records not stored because they changed too recently. */
  unsettled: number;
}

export interface ComponentCache {
  /** The cached record stored under exactly this version, else `undefined` (read it from the org). */
  get(type: string, fullName: string, version: string | undefined): Promise<Raw | undefined>;
  /**
   * `get` in two steps: whether a record is stored under exactly this version (at once), and then its
   * record, parsed and checked (`load`: `undefined` when it fails the check, so read it after all). The
   * reader sends the reads of what changed before it parses what did not.
   */
  find(type: string, fullName: string, version: string | undefined): Promise<CachedRecord | undefined>;
  /**
   * `find` for many names of a type: its records loaded once, then each name looked up at once. A reader
   * splitting thousands of names between cache and org sends its reads that much sooner.
   */
  finder(type: string): Promise<(fullName: string, version: string | VersionTest | undefined) => CachedRecord | undefined>;
  /**
   * What the cache holds for each component of a type, at whatever version it was stored: a record of an
   * object whose nested parts changed is brought up to date from it (see object-patches.ts). Counts nothing.
   */
  stored(type: string): Promise<(fullName: string) => { version: string; record: CachedRecord } | undefined>;
  /**
   * Parses and checks a type's records ahead of `find`, while the reader waits on the org (the versions
   * that decide which may serve come with the listing), handing each good one to `each` so it can be
   * mapped meanwhile too. A record warmed is the one `load` then gives, once. Stops when `until` says so,
   * and waits while `hold` gives a promise (the reader has something more pressing to do). Records `wanted`
   * says no to (asked as each comes up) are left as they are.
   */
  warm(
    type: string,
    each: (fullName: string, raw: Raw) => void,
    until?: () => boolean,
    hold?: () => Promise<void> | undefined,
    wanted?: (fullName: string) => boolean,
  ): Promise<void>;
  /**
   * Remembers a record just read from the org, under the version listed before the read. It is turned
   * into its JSON line at once: the reader has time while other reads are on the way, and `save()`, which
   * the run waits for, then only writes.
   */
  put(type: string, fullName: string, version: string | undefined, raw: Raw, lastModifiedDate?: string): void;
  /**
   * What the last listing of `types` read for `fields` said (see ListingMemo): an empty memo when none was
   * kept or it cannot be read. Never rejects.
   */
  listing(types: readonly string[], fields: readonly string[]): Promise<ListingMemo>;
  /**
   * Keeps the listing a memo was last given for next time. Written a little later, once the reads it allows
   * are on their way (or by `save`, if that comes first): it is megabytes of text to turn into JSON.
   */
  keepListing(types: readonly string[], memo: ListingMemo): void;
  /** Writes the types that changed, and the listings kept. Never throws: a cache that cannot be written only costs reads next time. */
  save(): Promise<void>;
  readonly stats: CacheStats;
}

export interface CachedRecord {
  load(): Raw | undefined;
}

export interface CacheScope {
  /** Records of one org never serve another. */
  orgId: string;
  /** Record shapes differ between API versions. */
  apiVersion: string;
}

/**
 * The scope of a connection's cache: the org id when the session tells it
 * (a Salesforce session id starts with it: `00D...!...`; OAuth and SOAP logins
 * give it in the identity), and the instance's host, which no two orgs share.
 */
export function scopeOf(conn: { instanceUrl: string; accessToken?: string | null; userInfo?: { organizationId?: string } | null }, apiVersion: string): CacheScope {
  const fromSession = conn.accessToken && /^00D[A-Za-z0-9]{12,15}!/.test(conn.accessToken) ? conn.accessToken.slice(0, conn.accessToken.indexOf('!')) : undefined;
  const org = conn.userInfo?.organizationId ?? fromSession;
  let host = conn.instanceUrl;
  try {
    host = new URL(conn.instanceUrl).host;
  } catch {
    // not a URL: keep it as given
  }
  return { orgId: org ? `${org.slice(0, 15)}@${host}` : host, apiVersion };
}

export interface CacheOptions {
  now?: () => number;
  settleMs?: number;
}

/** A record, as JSON text with its digest: parsed only when served, so a big cache costs little memory. */
interface Entry {
  version: string;
  digest: string;
  json: string;
  /** Parsed and checked ahead by `warm` (null: it failed the check), until served. */
  raw?: Raw | null;
}

interface Header {
  format: number;
  orgId: string;
  apiVersion: string;
  type: string;
}

function emptyStats(): CacheStats {
  return { hits: 0, misses: 0, stale: 0, corrupt: 0, stored: 0, unsettled: 0 };
}

/** A cache that never has anything: what the reader uses when no cache folder is set. */
export function noCache(): ComponentCache {
  const stats = emptyStats();
  return {
    get: async () => {
      stats.misses++;
      return undefined;
    },
    find: async () => {
      stats.misses++;
      return undefined;
    },
    finder: async () => () => {
      stats.misses++;
      return undefined;
    },
    stored: async () => () => undefined,
    warm: async () => undefined,
    listing: async (_types, fields) => emptyMemo(fields),
    keepListing: () => undefined,
    put: () => undefined,
    save: async () => undefined,
    stats,
  };
}

const SAFE = /[^A-Za-z0-9._-]/g;
const HEX = /^[0-9a-f]{64}$/;

/** A type's file as loaded: its entries, whether its header is this cache's, and how many lines it holds. */
interface TypeFile {
  entries: Map<string, Entry>;
  /** The file is there with this cache's header: what changed can be appended to it. */
  appendable: boolean;
  /** Component lines in the file, superseded ones included. */
  lines: number;
}

/**
 * One file per type: a JSON header line, then one line per component,
 * `"<fullName as JSON>"<TAB><version><TAB><sha256 of the record JSON><TAB><record JSON>`
 * (JSON text holds no raw tab or newline, so the split is unambiguous).
 * A line that does not parse is skipped on its own; the others still serve. A later line for the same
 * component replaces an earlier one: a save appends what changed (see `save`).
 */
function parseFile(text: string, expected: Header, stats: CacheStats): TypeFile {
  const entries = new Map<string, Entry>();
  const lines = text.split('\n');
  let header: Partial<Header> | undefined;
  try {
    header = JSON.parse(lines[0] ?? '') as Partial<Header>;
  } catch {
    header = undefined;
  }
  const valid =
    header !== null &&
    typeof header === 'object' &&
    !Array.isArray(header) &&
    header.format === expected.format &&
    header.orgId === expected.orgId &&
    header.apiVersion === expected.apiVersion &&
    header.type === expected.type;
  if (!valid) {
    stats.corrupt++;
    return { entries, appendable: false, lines: 0 };
  }
  let count = 0;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    count++;
    const parts = line.split('\t');
    let fullName: unknown;
    try {
      fullName = parts.length === 4 ? JSON.parse(parts[0] as string) : undefined;
    } catch {
      fullName = undefined;
    }
    const [, version, hash, json] = parts;
    if (typeof fullName !== 'string' || !version || !hash || !HEX.test(hash) || !json) {
      stats.corrupt++;
      continue;
    }
    entries.set(fullName, { version, digest: hash, json });
  }
  // A file cut short mid-line (a crash while appending) is written whole next time: an appended line would join the cut one.
  return { entries, appendable: text.endsWith('\n'), lines: count };
}

/** The folder under `dir` that holds one org's cache at one API version (its records, listings and kept findings). */
export function cacheFolder(dir: string, scope: CacheScope): string {
  return path.join(dir, `${scope.orgId.replace(SAFE, '_')}-v${scope.apiVersion.replace(SAFE, '_')}`);
}

/**
 * Opens (lazily: a type's file is read the first time it is asked for) the
 * cache for one org and API version under `dir`.
 */
export function openCache(dir: string, scope: CacheScope, options: CacheOptions = {}): ComponentCache {
  const now = options.now ?? Date.now;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const folder = cacheFolder(dir, scope);
  const stats = emptyStats();
  const loaded = new Map<string, Promise<TypeFile>>();
  // What each type's puts stored this run, to append to its file.
  const dirty = new Map<string, Map<string, Entry>>();
  const listings = listingFiles(folder, { format: CACHE_FORMAT, orgId: scope.orgId, apiVersion: scope.apiVersion });

  const fileOf = (type: string) => path.join(folder, `${type.replace(SAFE, '_')}.jsonl`);
  const headerOf = (type: string): Header => ({ format: CACHE_FORMAT, orgId: scope.orgId, apiVersion: scope.apiVersion, type });

  async function load(type: string): Promise<TypeFile> {
    let text: string;
    try {
      text = await readFile(fileOf(type), 'utf8');
    } catch {
      return { entries: new Map(), appendable: false, lines: 0 }; // no cache yet for this type
    }
    return parseFile(text, headerOf(type), stats);
  }

  /** The stored record, if it hashes to its digest, parses to a record and names this component. */
  const checked = (entry: Entry, fullName: string): Raw | undefined => {
    let raw: unknown;
    try {
      raw = sha256(entry.json) === entry.digest ? JSON.parse(entry.json) : undefined;
    } catch {
      raw = undefined;
    }
    const record = raw as Raw | undefined;
    if (!record || typeof record !== 'object' || Array.isArray(record) || (record.fullName !== undefined && record.fullName !== fullName)) return undefined;
    return record;
  };

  const loadEntry = (entry: Entry, fullName: string): Raw | undefined => {
    const record = entry.raw !== undefined ? entry.raw : checked(entry, fullName);
    // Served once, then the reader's: checks never see (or alter) what the cache holds, which is the JSON.
    entry.raw = undefined;
    if (!record) {
      stats.corrupt++;
      return undefined;
    }
    stats.hits++;
    return record;
  };

  const finder: ComponentCache['finder'] = async (type) => {
    const stored = await entries(type);
    return (fullName, version) => {
      if (version === undefined) {
        stats.misses++;
        return undefined;
      }
      const entry = stored.get(fullName);
      if (!entry) {
        stats.misses++;
        return undefined;
      }
      if (typeof version === 'function' ? !version(entry.version) : entry.version !== version) {
        stats.stale++;
        return undefined;
      }
      return { load: () => loadEntry(entry, fullName) };
    };
  };

  const stored: ComponentCache['stored'] = async (type) => {
    const held = await entries(type);
    return (fullName) => {
      const entry = held.get(fullName);
      return entry && { version: entry.version, record: { load: () => loadEntry(entry, fullName) } };
    };
  };

  const find: ComponentCache['find'] = async (type, fullName, version) => (await finder(type))(fullName, version);

  const typeFile = (type: string): Promise<TypeFile> => {
    let p = loaded.get(type);
    if (!p) loaded.set(type, (p = load(type)));
    return p;
  };
  const entries = async (type: string): Promise<Map<string, Entry>> => (await typeFile(type)).entries;

  return {
    stats,
    async get(type, fullName, version) {
      return (await find(type, fullName, version))?.load();
    },
    find,
    finder,
    stored,
    listing: listings.read,
    keepListing: listings.keep,
    async warm(type, each, until, hold, wanted) {
      // The records there now: what the run puts meanwhile is fresh from the org, not to be parsed back.
      const stored = [...(await entries(type))];
      const pace = pacer();
      for (const [fullName, entry] of stored) {
        if (entry.raw !== undefined || (wanted && !wanted(fullName))) continue;
        await (hold?.() ?? pace());
        if (until?.()) return;
        if (entry.raw !== undefined) continue;
        entry.raw = checked(entry, fullName) ?? null;
        if (entry.raw) each(fullName, entry.raw);
      }
    },
    put(type, fullName, version, raw, lastModifiedDate) {
      if (version === undefined) return;
      const modified = lastModifiedDate ? Date.parse(lastModifiedDate) : NaN;
      if (!Number.isFinite(modified) || now() - modified < settleMs) {
        stats.unsettled++;
        return;
      }
      const json = JSON.stringify(raw);
      const entry: Entry = { version, digest: sha256(json), json };
      // Stored once the type's file is loaded, so a slow load cannot overwrite it.
      void entries(type).then((map) => map.set(fullName, entry));
      let puts = dirty.get(type);
      if (!puts) dirty.set(type, (puts = new Map()));
      puts.set(fullName, entry);
      stats.stored++;
    },
    async save() {
      await listings.flush();
      if (!dirty.size) return;
      try {
        const types = [...dirty];
        const files = await Promise.all(types.map(([type]) => typeFile(type)));
        // The org's configuration: readable by its owner only, like the credentials that fetched it. The folder
        // is there when a type's file was read from it.
        if (!files.some((file) => file.appendable)) await mkdir(folder, { recursive: true, mode: 0o700 });
        // Each type's file on its own: written side by side.
        await Promise.all(
          types.map(async ([type, puts], i) => {
            const file = files[i]!;
            // What changed goes at the end of the file, where it replaces what it supersedes: a re-audit after 1% of
            // a big org changed writes kilobytes, not the 8 MB of records. Rewritten whole once a quarter of it is
            // superseded. A line cut short by a crash fails its check and is read again: it costs reads, never findings.
            if (file.appendable && file.lines + puts.size <= file.entries.size * 1.25) {
              await appendFile(fileOf(type), [...puts].map(([fullName, entry]) => entryLine(fullName, entry)).join(''));
              file.lines += puts.size;
            } else {
              // Readable by its owner only; not flushed to disk: a write lost in a crash only costs reads.
              await writeFileAtomic(fileOf(type), typeFileChunks(headerOf(type), file.entries), { mode: 0o600, durable: false });
              Object.assign(file, { appendable: true, lines: file.entries.size });
            }
            dirty.delete(type);
          }),
        );
      } catch {
        // Read-only or full disk: the next run reads from the org instead.
      }
    },
  };
}

/** A component's line in its type's file. */
function entryLine(fullName: string, entry: Entry): string {
  return `${JSON.stringify(fullName)}\t${entry.version}\t${entry.digest}\t${entry.json}\n`;
}

/** A type's file in chunks of about 1 MB, so a big cache is never held as one string. */
function* typeFileChunks(header: Header, entries: Map<string, Entry>): Generator<string> {
  let chunk = `${JSON.stringify(header)}\n`;
  for (const [fullName, entry] of entries) {
    chunk += entryLine(fullName, entry);
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

/**
 * The reader's side of the cache for one type: which names the cache holds
 * at the versions the org reports now (`cached`, each parsed and checked when
 * loaded), and which must be read. `versionOf` gives each name's version
 * (`componentVersion` of its listing, or a test of a stored one); a name with no
 * version (not listed, e.g. looked up by label) is always read.
 */
export async function splitByCache(
  cache: ComponentCache,
  type: string,
  names: string[],
  versionOf: (fullName: string) => string | VersionTest | undefined,
): Promise<{ cached: Array<{ fullName: string; record: CachedRecord }>; toRead: string[] }> {
  const cached: Array<{ fullName: string; record: CachedRecord }> = [];
  const toRead: string[] = [];
  const find = await cache.finder(type);
  for (const fullName of names) {
    const record = find(fullName, versionOf(fullName));
    if (record) cached.push({ fullName, record });
    else toRead.push(fullName);
  }
  return { cached, toRead };
}
