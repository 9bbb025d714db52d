import { splitChildName } from '../../model/names.js';
import { componentVersion, type Listed } from './cache.js';
import type { ListedComponent } from './org-api.js';

export interface ComponentVersion {
  /** What a cached copy must have been stored under; `undefined`: read it, and do not store it. */
  version?: string;
  /** The newest lastModifiedDate of the component and its nested parts (the cache keeps nothing changed too recently). */
  lastModifiedDate?: string;
}

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
}

/** What a read with no cache keeps of versions: nothing. */
export const NO_VERSIONS: Versions = { add: () => undefined, of: () => ({}) };

export function versionBook(nested: readonly string[]): Versions {
  const nestedTypes = new Set(nested);
  const own = new Map<string, Map<string, Listed>>();
  const parts = new Map<string, Listed[]>();
  const failed = new Set<string>();
  // Each component is asked for twice (cache lookup, then store); an object's version hashes all its children.
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

  return {
    add(types, listed) {
      known.clear();
      if (!listed) {
        for (const type of types) failed.add(type);
        return;
      }
      for (const c of listed) {
        const entry: Listed = { fullName: c.fullName, id: c.id, lastModifiedDate: c.lastModifiedDate };
        if (nestedTypes.has(c.type)) {
          const object = splitChildName(c.fullName).object;
          let list = parts.get(object);
          if (!list) parts.set(object, (list = []));
          list.push(entry);
        } else {
          let byName = own.get(c.type);
          if (!byName) own.set(c.type, (byName = new Map()));
          byName.set(c.fullName, entry);
        }
      }
    },
    of(type, fullName) {
      const key = `${type}|${fullName}`;
      let version = known.get(key);
      if (!version) known.set(key, (version = versionOf(type, fullName)));
      return version;
    },
  };
}
