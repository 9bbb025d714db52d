/**
 * The fewest Metadata API calls an audit can make, and the wall time it can
 * take at best. The Metadata API caps a listMetadata call at 3 queries and a
 * readMetadata call at 10 names of one type, so for what the rules need:
 *   listMetadata  ceil(types that must be listed / 3)
 *   readMetadata  sum over types of ceil(components of the type / 10)
 * A re-audit with a cache must still list every type it reads (to learn each
 * component's lastModifiedDate) but reads only what changed.
 */
import type { Need } from '../src/checks/kind.js';
import { CHILD_TYPES as MODEL_CHILD_TYPES, TOP_LEVEL_TYPES } from '../src/model/metadata-types.js';

/** Full names per metadata type, as listMetadata would give them. */
export type Listing = Map<string, string[]>;

export const LIST_QUERIES_PER_CALL = 3;
export const READ_NAMES_PER_CALL = 10;

const CHILD_TYPES = new Set<string>(MODEL_CHILD_TYPES.map((c) => c.type));
const METADATA_TYPES = new Set<string>([...TOP_LEVEL_TYPES.map((t) => t.type), ...CHILD_TYPES]);

/** Needs served by the Metadata API (data rules also need records, which come from REST queries). */
export function metadataNeeds(needs: Need[]): Need[] {
  return needs.filter((n) => METADATA_TYPES.has(n.type));
}

function belongsTo(type: string, fullName: string, object: string): boolean {
  if (type === 'Layout') return fullName.startsWith(`${object}-`);
  if (CHILD_TYPES.has(type)) return fullName.startsWith(`${object}.`);
  return false;
}

/** The components the needs come to on this org, per type. A name the org does not list still costs a read (it may be a label). */
export function neededComponents(allNeeds: Need[], listing: Listing): Map<string, Set<string>> {
  const needs = metadataNeeds(allNeeds);
  const out = new Map<string, Set<string>>();
  const add = (type: string, name: string) => {
    let set = out.get(type);
    if (!set) out.set(type, (set = new Set()));
    set.add(name);
  };
  for (const need of needs) {
    const all = listing.get(need.type) ?? [];
    if (need.name) {
      // Labels ("Fleet Sales") are resolved by reading what is listed; an every-component need of the type covers them.
      const wantsAll = needs.some((n) => n.type === need.type && !n.name && !n.object);
      if (!wantsAll) add(need.type, all.includes(need.name) ? need.name : `?${need.name}`);
    } else if (need.type === 'FlexiPage' && need.object) {
      // The record page shown for the object: at best the one page its View override names, read by name.
      add(need.type, `?record page of ${need.object}`);
    } else if (need.object) {
      for (const name of all) if (belongsTo(need.type, name, need.object)) add(need.type, name);
      if (!out.has(need.type)) out.set(need.type, new Set());
    } else {
      for (const name of all) add(need.type, name);
      if (!out.has(need.type)) out.set(need.type, new Set());
    }
  }
  return out;
}

export interface MinimumCalls {
  /** Types that must be listed, and the listMetadata calls that takes. */
  listTypes: string[];
  listCalls: number;
  /** Per type: components to read, and readMetadata calls. */
  reads: Record<string, { components: number; calls: number }>;
  readCalls: number;
  total: number;
}

/**
 * `changed`: for a re-audit with a warm cache, the `type|fullName` keys that
 * changed since; only those need reading, but every needed type is listed.
 */
export function minimumCalls(allNeeds: Need[], listing: Listing, changed?: Set<string>): MinimumCalls {
  const needs = metadataNeeds(allNeeds);
  const components = neededComponents(needs, listing);
  const listTypes = [...new Set(needs.filter((n) => changed || (!n.name && !(n.type === 'FlexiPage' && n.object))).map((n) => n.type))].sort();
  const reads: MinimumCalls['reads'] = {};
  let readCalls = 0;
  for (const [type, names] of [...components.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const count = changed ? [...names].filter((n) => changed.has(`${type}|${n}`)).length : names.size;
    const calls = Math.ceil(count / READ_NAMES_PER_CALL);
    reads[type] = { components: count, calls };
    readCalls += calls;
  }
  const listCalls = Math.ceil(listTypes.length / LIST_QUERIES_PER_CALL);
  return { listTypes, listCalls, reads, readCalls, total: listCalls + readCalls };
}

/** Wall time if every call used one of `concurrency` slots back to back: calls × latency / concurrency. */
export function latencyBoundMs(calls: number, latencyMs: number, concurrency: number): number {
  return (calls * latencyMs) / Math.max(1, concurrency);
}

/** What the schedule floor needs to know of a call (the emulator's call log has it). */
export interface LoggedCall {
  method: string;
  type?: string;
  queries?: Array<{ type: string }>;
}

/**
 * Round trips that cannot overlap, from the calls a run made: the reading of
 * the org's API usage (REST limits, for the API budget) comes before anything
 * else, a round of its own; the calls that need nothing else (listings, reads
 * of known names, describes) take ceil(n / concurrency) rounds; the reads of
 * listed types wait for their listing, those of record pages for their object,
 * and the record queries of data rules for their objects (a field is named by
 * its label): together they take ceil(m / concurrency) more; each further page
 * of a query takes one more.
 */
export function scheduleFloorMs(calls: LoggedCall[], latencyMs: number, concurrency: number): number {
  const listed = new Set(calls.flatMap((c) => (c.method === 'listMetadata' ? (c.queries ?? []).map((q) => q.type) : [])));
  let first = 0;
  let second = 0;
  let sequential = 0;
  for (const c of calls) {
    // A query waits for its object's read, as a record page does; its next page after the one before.
    if (c.method === 'query') second++;
    else if (c.method === 'queryMore' || c.method === 'limits') sequential++;
    // Record pages are read by the name their object's record gives: after the object, like a listed type.
    else if (c.method === 'readMetadata' && c.type !== undefined && (listed.has(c.type) || c.type === 'FlexiPage')) second++;
    else first++;
  }
  const rounds = (n: number) => Math.ceil(n / Math.max(1, concurrency));
  return (rounds(first) + rounds(second) + sequential) * latencyMs;
}

/**
 * The latency bound with the emulator's own time in it: the time every call
 * held one of the emulator's slots (latency plus the emulator's work to answer),
 * spread over the slots. A reader that cost nothing would still take this long.
 */
export function heldBoundMs(calls: Array<{ heldMs?: number }>, concurrency: number): number {
  return calls.reduce((sum, c) => sum + (c.heldMs ?? 0), 0) / Math.max(1, concurrency);
}
