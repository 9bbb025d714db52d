import { splitChildName } from '../../model/names.js';
import type { ListedComponent } from './org-api.js';

/** What listMetadata says about a component (its FileProperties). */
export interface Listed {
  fullName: string;
  /** Given for the parts nested in a record (a list view in its object): which type the part is. */
  type?: string;
  id?: string;
  lastModifiedDate?: string;
}

/** Dates before this are placeholders, not edits: Salesforce is believed to list standard objects at 1970-01-01. */
const FIRST_REAL_DATE = Date.UTC(2000, 0, 1);

/**
 * Whether a listing entry can tell that the component changed: it has an id and a real date. Standard
 * objects (and other built-in components) are believed to be listed with no id and a fixed 1970 date
 * that never moves, whatever is edited on them, so they are never cached. Not checked against a real org.
 */
function versioned(c: Listed): boolean {
  const date = c.lastModifiedDate ? Date.parse(c.lastModifiedDate) : NaN;
  return !!c.id && Number.isFinite(date) && date >= FIRST_REAL_DATE;
}

const stamp = (c: Listed) => `${c.id}@${c.lastModifiedDate}`;

/** Whether `stored` is `stamp(c)`, told without making the string. */
function isStamp(stored: string, c: Listed): boolean {
  const id = String(c.id);
  const date = String(c.lastModifiedDate);
  return stored.length === id.length + 1 + date.length && stored.charCodeAt(id.length) === 64 && stored.startsWith(id) && stored.endsWith(date);
}

const partKey = (c: Listed) => `${c.type ?? ''}:${c.fullName}`;

/**
 * The version a cached copy must match: the component's id and lastModifiedDate,
 * plus those of `parts` for a record that nests other components (a CustomObject
 * read returns its fields, list views ... whose edits need not touch the object's
 * own date). `undefined` when the org gave no usable id or date for any of them:
 * such a component is never cached.
 * With parts, the version spells out each part's (JSON, parts sorted): two versions of an object then say
 * which of its parts changed (see `versionParts`), so that only those need reading again.
 */
export function componentVersion(own: Listed, parts: Listed[] = []): string | undefined {
  if (!versioned(own) || !parts.every(versioned)) return undefined;
  // The common case, kept cheap: a big org lists thousands of components, each looked up as the listing comes.
  if (parts.length === 0) return stamp(own);
  const sorted = parts.map((c) => [partKey(c), stamp(c)] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return JSON.stringify({ own: stamp(own), parts: sorted });
}

/** A record's own version and its parts' (`type:fullName` → version), as `componentVersion` spelled them; `undefined` for anything else. */
export function versionParts(version: string): { own: string; parts: Map<string, string> } | undefined {
  if (!version.startsWith('{')) return version.includes('@') ? { own: version, parts: new Map() } : undefined;
  let value: unknown;
  try {
    value = JSON.parse(version);
  } catch {
    return undefined;
  }
  const { own, parts } = (value ?? {}) as { own?: unknown; parts?: unknown };
  if (typeof own !== 'string' || !Array.isArray(parts)) return undefined;
  const out = new Map<string, string>();
  for (const part of parts) {
    if (!Array.isArray(part) || part.length !== 2 || typeof part[0] !== 'string' || typeof part[1] !== 'string') return undefined;
    out.set(part[0], part[1]);
  }
  return { own, parts: out };
}

export interface ComponentVersion {
  /** What a cached copy must have been stored under; `undefined`: read it, and do not store it. */
  version?: string;
  /** The newest lastModifiedDate of the component and its nested parts (the cache keeps nothing changed too recently). */
  lastModifiedDate?: string;
}

/**
 * A version given as a test of the version a record was stored under: true exactly when that is it (see
 * `Versions.test`), for a reader that looks thousands up and need not spell each out.
 */
export type VersionTest = (stored: string) => boolean;

/**
 * What this run's listings say about each component's version, for the cache.
 * A CustomObject's version covers the children nested in its record (`nested`
 * types): a listing of one of those that failed leaves every object without a
 * version, so none is served from the cache or stored in it.
 */
export interface Versions {
  /** Records what a listMetadata call of `types` returned; `undefined` when it failed. */
  add(types: string[], listed: ListedComponent[] | undefined): void;
  of(type: string, fullName: string): ComponentVersion;
  /**
   * `of(type, fullName).version` as a test of a stored version: true exactly when the stored one is it, for
   * any version `componentVersion` wrote (but false for an object whose listing names a part twice: it is read
   * again). Told without spelling it out: a re-audit of a big org compares thousands, and an object's version
   * spells out all its parts (sorted, as JSON). `undefined` where `of` gives no version for want of a listing.
   */
  test(type: string, fullName: string): VersionTest | undefined;
  /** The names a type's listings gave, `undefined` when it was not listed or a listing of it failed. */
  listed(type: string): Iterable<string> | undefined;
  /** Whether an object's version covers the nested parts of this type (they were listed for it). */
  nests(type: string): boolean;
}

/** What a read with no cache keeps of versions: nothing. */
export const NO_VERSIONS: Versions = { add: () => undefined, of: () => ({}), test: () => undefined, listed: () => undefined, nests: () => false };

export function versionBook(nested: readonly string[]): Versions {
  const nestedTypes = new Set(nested);
  const own = new Map<string, Map<string, Listed>>();
  const parts = new Map<string, Listed[]>();
  const failed = new Set<string>();
  // Each component is asked for twice (cache lookup, then store); an object's version spells out all its children's.
  const known = new Map<string, ComponentVersion>();

  const versionOf = (type: string, fullName: string): ComponentVersion => {
    const listed = own.get(type)?.get(fullName);
    if (!listed) return {};
    if (type !== 'CustomObject') return { version: componentVersion(listed), lastModifiedDate: listed.lastModifiedDate };
    if (nested.some((t) => failed.has(t))) return {};
    const children = parts.get(fullName) ?? [];
    const newest = [listed, ...children].map((c) => c.lastModifiedDate ?? '').reduce((a, b) => (b > a ? b : a), '');
    return { version: componentVersion(listed, children), lastModifiedDate: newest || undefined };
  };

  const added = new Set<string>();
  return {
    add(types, listed) {
      known.clear();
      if (!listed) {
        for (const type of types) failed.add(type);
        return;
      }
      for (const type of types) added.add(type);
      // Each component as listed, not a copy: a big org lists thousands, and none is changed here.
      for (const entry of listed) {
        if (nestedTypes.has(entry.type)) {
          const object = splitChildName(entry.fullName).object;
          let list = parts.get(object);
          if (!list) parts.set(object, (list = []));
          list.push(entry);
        } else {
          let byName = own.get(entry.type);
          if (!byName) own.set(entry.type, (byName = new Map()));
          byName.set(entry.fullName, entry);
        }
      }
    },
    of(type, fullName) {
      const key = `${type}|${fullName}`;
      let version = known.get(key);
      if (!version) known.set(key, (version = versionOf(type, fullName)));
      return version;
    },
    listed(type) {
      if (!added.has(type) || failed.has(type) || nestedTypes.has(type)) return undefined;
      return own.get(type)?.keys() ?? [];
    },
    nests: (type) => nestedTypes.has(type),
    test(type, fullName) {
      const listed = own.get(type)?.get(fullName);
      if (!listed) return undefined;
      if (type !== 'CustomObject') return (stored) => isStamp(stored, listed);
      if (nested.some((t) => failed.has(t))) return undefined;
      const children = parts.get(fullName) ?? [];
      if (children.length === 0) return (stored) => isStamp(stored, listed);
      return (stored) => {
        // A stored version with each part once, the same parts as listed now, each at the same stamp: the same
        // JSON componentVersion would write now (it sorts the parts). The same stamps were versioned when stored.
        const was = versionParts(stored);
        if (!was || !isStamp(was.own, listed) || was.parts.size !== children.length) return false;
        return children.every((c) => {
          const part = was.parts.get(partKey(c));
          return part !== undefined && isStamp(part, c);
        });
      };
    },
  };
}
