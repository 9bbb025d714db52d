import type { Layout, OrgModel } from '../model/types.js';
import { decodeFullName } from '../model/names.js';
import { labelKey } from '../model/names.js';

/**
 * The layouts of each object, sorted by full name, per layouts map: an org-wide rule set asks for the
 * layouts of every object, and scanning thousands of layouts for each was most of the audit's time.
 * Rebuilt if the map changes size (the model is built before it is audited, and checks never change it).
 */
const byObject = new WeakMap<OrgModel['layouts'], { size: number; index: Map<string, Layout[]> }>();

/**
 * Names in the order people read a list of them: case aside, then by code unit. Not `localeCompare`,
 * whose order follows the locale of the machine the audit runs on: the same org must give the same report.
 */
function alphabetical(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function layoutsOf(org: OrgModel, object: string): Layout[] {
  let known = byObject.get(org.layouts);
  if (!known || known.size !== org.layouts.size) {
    const index = new Map<string, Layout[]>();
    for (const l of org.layouts.values()) {
      const list = index.get(l.object);
      if (list) list.push(l);
      else index.set(l.object, [l]);
    }
    for (const list of index.values()) list.sort((a, b) => alphabetical(a.fullName, b.fullName));
    byObject.set(org.layouts, (known = { size: org.layouts.size, index }));
  }
  return known.index.get(object) ?? [];
}

/** Layouts a rule applies to: the named one (by `Account Layout` or `Account-Account Layout`), or all of the object's. */
export function layoutsFor(org: OrgModel, object: string, name?: string): Layout[] {
  const all = layoutsOf(org, object);
  if (!name) return [...all];
  const key = labelKey(name);
  return all.filter(
    (l) => labelKey(l.name) === key || labelKey(decodeFullName(l.fullName)) === key || labelKey(l.fullName) === key,
  );
}

export function layoutDisplayName(layout: Layout): string {
  return decodeFullName(layout.fullName);
}

export const setupPath = {
  layout: (layout: Layout) => `Setup › Object Manager › ${layout.object} › Page Layouts › ${layout.name}`,
  object: (object: string) => `Setup › Object Manager › ${object}`,
};
