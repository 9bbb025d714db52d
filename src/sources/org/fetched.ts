import type { Raw } from '../../model/raw.js';
import type { TopLevelType } from '../../model/metadata-types.js';
import { mapComponent, type Placement } from '../../model/ingest.js';

/**
 * The raw records a live read fetched, kept as Salesforce returned them, so the
 * model can be built from them and a snapshot can write them out as files.
 */
export interface Fetched {
  /** By type, then full name (as listed: Salesforce's %-encoding kept). CustomObject records nest their children. */
  components: Map<TopLevelType, Map<string, Raw>>;
  /** The same records mapped for the model as they came in (see `mapComponent`). */
  mapped: Map<TopLevelType, Map<string, Placement>>;
  /** REST describe of objects: field name → label and describe type. */
  fieldLabels: Map<string, Map<string, { label?: string; type?: string }>>;
  /** Custom objects' labels from describeGlobal (for tab names), by object API name. */
  objectLabels: Map<string, { label?: string; pluralLabel?: string }>;
}

export function emptyFetched(): Fetched {
  return { components: new Map(), mapped: new Map(), fieldLabels: new Map(), objectLabels: new Map() };
}

/**
 * Keeps a record just read, and maps it now (unless `mapped` already is: a cached record mapped while
 * the reader waited): the model is then built by placing what is mapped.
 */
export function putComponent(fetched: Fetched, type: TopLevelType, fullName: string, raw: Raw, mapped?: Placement): void {
  byNameIn(fetched.components, type).set(fullName, raw);
  byNameIn(fetched.mapped, type).set(fullName, mapped ?? mapComponent(type, fullName, raw));
}

function byNameIn<T>(byType: Map<TopLevelType, Map<string, T>>, type: TopLevelType): Map<string, T> {
  let byName = byType.get(type);
  if (!byName) byType.set(type, (byName = new Map()));
  return byName;
}

/**
 * Drops xml2js attribute holders (`$`), which carry `xsi:type` and `xsi:nil` and nothing a mapper reads.
 * Copies only what holds one: most of a reply has no attributes, and copying every node of a big
 * reply costs CPU and garbage for nothing.
 */
export function cleanRaw(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const clean = cleanRaw(v);
      if (clean !== v) (out ??= value.slice())[i] = clean;
    });
    return out ?? value;
  }
  if (!value || typeof value !== 'object') return value;
  const record = value as Raw;
  let out: Raw | undefined;
  if ('$' in record) {
    const { $: _attributes, ...rest } = record;
    out = rest;
  }
  for (const key in record) {
    if (key === '$') continue;
    const v = record[key];
    const clean = cleanRaw(v);
    if (clean !== v) (out ??= { ...record })[key] = clean;
  }
  if (!out) return value;
  // `{ _: 'text', $: {...} }` is an element with attributes and text: keep the text.
  const keys = Object.keys(out);
  return keys.length === 1 && keys[0] === '_' && typeof out._ === 'string' ? out._ : out;
}
