import type { Layout, OrgModel } from '../model/types.js';
import { decodeFullName } from '../model/names.js';
import { labelKey } from '../model/names.js';

/** Layouts a rule applies to: the named one (by `Account Layout` or `Account-Account Layout`), or all of the object's. */
export function layoutsFor(org: OrgModel, object: string, name?: string): Layout[] {
  const all = [...org.layouts.values()].filter((l) => l.object === object);
  if (!name) return all.sort((a, b) => a.fullName.localeCompare(b.fullName));
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
