import type { Raw } from '../../model/raw.js';
import type { TopLevelType } from '../../model/metadata-types.js';

/**
 * The raw records a live read fetched, kept as Salesforce returned them, so the
 * model can be built from them and a snapshot can write them out as files.
 */
export interface Fetched {
  /** By type, then full name (as listed: Salesforce's %-encoding kept). CustomObject records nest their children. */
  components: Map<TopLevelType, Map<string, Raw>>;
  /** REST describe of objects: field name → label and describe type. */
  fieldLabels: Map<string, Map<string, { label?: string; type?: string }>>;
  /** Custom objects' labels from describeGlobal (for tab names), by object API name. */
  objectLabels: Map<string, { label?: string; pluralLabel?: string }>;
}

export function emptyFetched(): Fetched {
  return { components: new Map(), fieldLabels: new Map(), objectLabels: new Map() };
}

export function putComponent(fetched: Fetched, type: TopLevelType, fullName: string, raw: Raw): void {
  let byName = fetched.components.get(type);
  if (!byName) fetched.components.set(type, (byName = new Map()));
  byName.set(fullName, raw);
}

/** Drops xml2js attribute holders (`$`), which carry `xsi:type` and nothing a mapper reads. */
export function cleanRaw(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanRaw);
  if (value && typeof value === 'object') {
    const out: Raw = {};
    for (const [key, v] of Object.entries(value as Raw)) {
      if (key === '$') continue;
      out[key] = cleanRaw(v);
    }
    // `{ _: 'text', $: {...} }` is an element with attributes and text: keep the text.
    if (Object.keys(out).length === 1 && typeof out._ === 'string') return out._;
    return out;
  }
  return value;
}
