import type { Need } from '../../checks/kind.js';
import { CHILD_TYPES, childByType, TOP_LEVEL_TYPES, type TopLevelType } from '../../model/metadata-types.js';
import { layoutObject, nestingObject } from '../../model/names.js';
import { LIST_BATCH, READ_BATCH } from './batch-sizes.js';
import type { ListedComponent } from './org-api.js';

/**
 * What to fetch for one metadata type. Object children (fields, list views,
 * compact layouts, web links) are never read on their own: one
 * `readMetadata('CustomObject', [...10 objects])` returns each object with all
 * its children nested, where reading them as `CustomField`/`ListView` ... would
 * first need a `listMetadata` and then one read per 10 children (an object has
 * tens to hundreds). So every child need becomes a need of its object.
 */
export interface TypeFetch {
  type: TopLevelType;
  /** Full names known up front, read without listing. */
  names: string[];
  /**
   * Names that must be discovered with `listMetadata`: every component of the
   * type, or the layouts of these objects. Absent: no listing.
   */
  list?: { all: true } | { objects: string[] };
}

export interface FetchPlan {
  types: TypeFetch[];
  /** listMetadata calls: up to 3 types (queries) each. */
  listCalls: string[][];
  /**
   * Objects whose field labels the rules compare. Each is described (REST, one call) only once its
   * metadata is back and leaves a field unlabelled that the built-in table does not know.
   */
  describe: string[];
  /** Custom object labels (REST describeGlobal) for resolving tab names such as "Vehicles". */
  objectLabels: boolean;
  /**
   * Objects whose record page (the one shown, wherever assigned) is needed: read after the object, the page its
   * View override names; only without one the apps, and only without an app default every record page.
   */
  recordPages: string[];
  /** Types listed in case the record-page steps need them (in `listCalls` too); a failure there is no one's problem yet. */
  prelisted: string[];
  /** Need types the org reader does not fetch (served elsewhere, e.g. records). */
  ignored: string[];
  /**
   * With a cache: types listed only to learn their components' versions (id and lastModifiedDate),
   * never read as such. Each is in `listCalls` too.
   */
  versionTypes: string[];
}

/**
 * What a cached record must be current in. `model`: everything the model reads (an audit).
 * `snapshot`: everything the record holds, since a snapshot writes it all out as files.
 */
export type VersionScope = 'model' | 'snapshot';

/**
 * Types Salesforce nests in a CustomObject record besides the children the model reads; a snapshot
 * writes them out as files of their own (`src/sources/snapshot/write-snapshot.ts`).
 */
export const OTHER_NESTED_TYPES: readonly string[] = ['RecordType', 'ValidationRule', 'BusinessProcess', 'FieldSet', 'SharingReason', 'Index'];

const TOP = new Set<string>(TOP_LEVEL_TYPES.map((t) => t.type));
/** Rules may name these by label ("Fleet Sales"); an API name is one word of letters, digits and underscores. */
const LABELLED = new Set(['CustomApplication', 'FlexiPage']);
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

interface Acc {
  names: Set<string>;
  all: boolean;
  objects: Set<string>;
}

/**
 * Turns the rules' needs into the calls to make. Pure: the same needs give the
 * same plan, so it can be tested (and cached against) without an org.
 * `all` adds every component of every supported type (snapshot --all).
 */
export function planFetch(needs: Need[], options: { all?: boolean; versions?: VersionScope } = {}): FetchPlan {
  const acc = new Map<TopLevelType, Acc>();
  const of = (type: TopLevelType): Acc => {
    let a = acc.get(type);
    if (!a) acc.set(type, (a = { names: new Set(), all: false, objects: new Set() }));
    return a;
  };
  const ignored = new Set<string>();
  const describe = new Set<string>();
  const children = new Set<string>();
  const recordPages = new Set<string>();
  let objectLabels = false;

  for (const need of needs) {
    if (childByType(need.type)) {
      const object = nestingObject(need) ?? '';
      if (object) of('CustomObject').names.add(object);
      else of('CustomObject').all = true;
      children.add(need.type);
      // A check that compares fields by label needs their labels, which metadata leaves out for standard fields.
      if (object && need.type === 'CustomField') describe.add(object);
      continue;
    }
    if (!TOP.has(need.type)) {
      ignored.add(need.type);
      continue;
    }
    const type = need.type as TopLevelType;
    if (type === 'FlexiPage' && need.object && !need.name) {
      recordPages.add(need.object);
      of('CustomObject').names.add(need.object);
      continue;
    }
    const a = of(type);
    if (type === 'Layout' && need.object && !need.name) {
      a.objects.add(need.object);
    } else if (!need.name || (LABELLED.has(type) && !API_NAME.test(need.name))) {
      a.all = true;
    } else {
      a.names.add(need.name);
    }
    if (type === 'Profile' || type === 'CustomApplication') objectLabels = true;
  }
  if (options.all) for (const t of TOP_LEVEL_TYPES) of(t.type).all = true;
  // Every page is read anyway: what finds the one shown, when the object names none, is the apps.
  if (recordPages.size && acc.get('FlexiPage')?.all) {
    of('CustomApplication').all = true;
    recordPages.clear();
  }

  const types: TypeFetch[] = [];
  for (const { type } of TOP_LEVEL_TYPES) {
    const a = acc.get(type);
    if (!a) continue;
    const list = a.all ? { all: true as const } : a.objects.size ? { objects: [...a.objects].sort() } : undefined;
    types.push({ type, names: [...a.names].sort(), ...(list ? { list } : {}) });
  }
  const listed = types.filter((t) => t.list).map((t) => t.type);
  // A cached record is served only at the version the org lists now, so every type read is listed, and so are
  // the children nested in an object's record that the rules look at: editing a field or a list view need not
  // move the object's date. Children no rule looks at (fields, when no rule compares fields) are not listed:
  // a stale one in a cached record changes no finding, and listing the fields of a big org is thousands of
  // entries. A snapshot writes every part out, so it versions them all.
  // Smallest listings first: fields and list views run to thousands in a big org, and a type read from its
  // listing should not share a call with them (listMetadata answers all its queries at once).
  const big = (t: string) => ['ListView', 'CustomField'].indexOf(t);
  const allChildren = CHILD_TYPES.map((c) => c.type as string);
  const nested = (options.versions === 'snapshot' ? [...OTHER_NESTED_TYPES, ...allChildren] : allChildren.filter((t) => options.all || children.has(t))).sort(
    (a, b) => big(a) - big(b),
  );
  const versionTypes = options.versions
    ? [
        ...types.filter((t) => !t.list).map((t) => t.type as string),
        // Record pages are read by the name their object gives.
        ...(recordPages.size ? ['FlexiPage'] : []),
        ...(acc.has('CustomObject') ? nested : []),
      ]
    : [];
  // An object with no View override sends the record-page steps to the apps, then to every page. Listing
  // those in the free query slots of listMetadata calls made anyway makes that fallback cost reads, not
  // another round of listing; no call is added for it.
  const fallback = recordPages.size ? ['CustomApplication', 'FlexiPage'].filter((t) => !listed.includes(t as TopLevelType)) : [];
  // 0 when the calls are full, and when there are none.
  const spare = (LIST_BATCH - ((listed.length + versionTypes.length) % LIST_BATCH)) % LIST_BATCH;
  const spareListings = fallback.filter((t) => !versionTypes.includes(t)).slice(0, spare);
  const prelisted = fallback.filter((t) => versionTypes.includes(t) || spareListings.includes(t));
  return {
    types,
    versionTypes,
    listCalls: chunk([...listed, ...spareListings, ...versionTypes], LIST_BATCH),
    prelisted,
    describe: [...describe].sort(),
    objectLabels,
    recordPages: [...recordPages].sort(),
    ignored: [...ignored].sort(),
  };
}

/** The names to read for a listed type: the known ones plus what the listing turned up for the plan. */
export function namesToRead(fetch: TypeFetch, listed: ListedComponent[]): string[] {
  const names = new Set(fetch.names);
  const list = fetch.list;
  if (list) {
    const objects = 'objects' in list ? new Set(list.objects) : undefined;
    for (const c of listed) {
      if (c.type !== fetch.type) continue;
      if (!objects || objects.has(layoutObject(c.fullName))) names.add(c.fullName);
    }
  }
  return [...names].sort();
}

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** readMetadata batches for one type: up to 10 names per call. */
export function readBatches(names: string[]): string[][] {
  return chunk(names, READ_BATCH);
}

/** readMetadata calls a plan costs once names are known: the sum over types of ceil(components / 10). */
export function readCallCount(componentsByType: Map<string, number> | Record<string, number>): number {
  const counts = componentsByType instanceof Map ? [...componentsByType.values()] : Object.values(componentsByType);
  return counts.reduce((n, c) => n + Math.ceil(c / READ_BATCH), 0);
}
