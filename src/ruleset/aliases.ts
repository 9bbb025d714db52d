import type { Aliases, ComponentAlias } from './types.js';

/** Aliases as written in YAML: a component alias may be a bare name, a related-list alias a single name. */
export interface RawAliases {
  components?: Record<string, string | ComponentAlias>;
  relatedLists?: Record<string, string | string[]>;
}

export function toAliases(raw: RawAliases | undefined): Aliases {
  const components: Record<string, ComponentAlias> = {};
  for (const [name, value] of Object.entries(raw?.components ?? {})) {
    components[name] = typeof value === 'string' ? { component: value } : value;
  }
  const relatedLists: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw?.relatedLists ?? {})) {
    relatedLists[name] = typeof value === 'string' ? [value] : value;
  }
  return { components, relatedLists };
}

