import type { Need } from '../../checks/kind.js';
import { childByType } from '../../model/metadata-types.js';
import { layoutObject, nestingObject } from '../../model/names.js';
import type { Versions } from './versions.js';

/**
 * What this run's listings say about everything a need covers, as a string that changes whenever any of it
 * does (see FindingsKeeper in read-org.ts): a named object's or layout's version; for an object's nested parts,
 * its version, which spells out theirs when they were listed for it; for every layout of an object, which
 * layouts there are and each one's version. `undefined` when the listings cannot tell: a type not listed or
 * whose listing failed, a component listed with no usable version (a standard object), a name in another case.
 */
export function needVersions(versions: Versions): (need: Need) => string | undefined {
  // Layouts by object (in lower case, as the checks find them), indexed once: an org-wide rule set asks for
  // every object's, and a big org lists thousands.
  let byObject: Map<string, string[]> | undefined;
  const layoutsOf = (object: string): string[] | undefined => {
    if (!byObject) {
      const listed = versions.listed('Layout');
      if (!listed) return undefined;
      byObject = new Map();
      for (const name of listed) {
        const key = layoutObject(name).toLowerCase();
        const names = byObject.get(key);
        if (names) names.push(name);
        else byObject.set(key, [name]);
      }
    }
    return byObject.get(object.toLowerCase()) ?? [];
  };
  return (need) => {
    if (need.type === 'CustomObject') return need.name ? versions.of('CustomObject', need.name).version : undefined;
    if (childByType(need.type)) {
      const object = nestingObject(need);
      return object && versions.nests(need.type) ? versions.of('CustomObject', object).version : undefined;
    }
    if (need.type !== 'Layout') return undefined;
    if (need.name) return versions.of('Layout', need.name).version;
    const names = need.object ? layoutsOf(need.object) : undefined;
    if (!names) return undefined;
    const parts: string[] = [];
    for (const name of names) {
      const version = versions.of('Layout', name).version;
      if (version === undefined) return undefined;
      parts.push(`${name}\t${version}`);
    }
    // No layout at all is a state too: a rule that found none finds none again until one is listed.
    return parts.sort().join('\n');
  };
}
