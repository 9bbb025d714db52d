/**
 * The baseline: how a hand-written jsforce script reads the same components.
 * It lists each type it needs, one listMetadata call per type, then reads each
 * component with its own readMetadata call, one after another. Sequential
 * reads at 100 ms each make it slow on a big org, so the bench may read an
 * evenly spread sample and extrapolate (said so wherever the numbers appear).
 */
import type { Connection } from 'jsforce';
import type { MetadataType } from 'jsforce/lib/api/metadata.js';
import type { Need } from '../src/checks/kind.js';
import { ingest } from '../src/model/ingest.js';
import type { ModelledType } from '../src/model/metadata-types.js';
import { emptyOrg, type OrgModel } from '../src/model/types.js';
import type { Raw } from '../src/model/raw.js';
import { metadataNeeds, neededComponents, type Listing } from './minimum.js';

export interface BaselineResult {
  listCalls: number;
  /** Components the script would read: one readMetadata call each. */
  components: number;
  /** Components actually read (all of them unless sampled). */
  read: number;
  listMs: number;
  readMs: number;
  /** listMs + readMs scaled up from the sample to every component. */
  wallMs: number;
  extrapolated: boolean;
  org: OrgModel;
}

/** `sample` components spread evenly over the list (so every type is in it), in list order. */
export function spread<T>(items: T[], sample: number): T[] {
  if (sample >= items.length) return items;
  return Array.from({ length: sample }, (_, i) => items[Math.floor((i * items.length) / sample)] as T);
}

export async function readOneByOne(conn: Connection, needs: Need[], sample?: number): Promise<BaselineResult> {
  const org = emptyOrg({ kind: 'org', location: conn.instanceUrl });
  const types = [...new Set(metadataNeeds(needs).map((n) => n.type))].sort();
  const listing: Listing = new Map();
  const listStart = performance.now();
  for (const type of types) {
    const listed = await conn.metadata.list({ type });
    listing.set(type, (Array.isArray(listed) ? listed : [listed]).map((p) => p.fullName).sort());
  }
  const listMs = performance.now() - listStart;

  const all: Array<{ type: string; fullName: string }> = [];
  for (const [type, names] of neededComponents(needs, listing)) {
    // A name the listing does not have (a label) is beyond a simple script: it reads what is listed.
    for (const fullName of names) if (!fullName.startsWith('?')) all.push({ type, fullName });
  }
  const chosen = spread(all, sample ?? all.length);
  const readStart = performance.now();
  for (const { type, fullName } of chosen) {
    const raw = (await conn.metadata.read(type as MetadataType, fullName)) as unknown as Raw;
    if (raw && raw['fullName']) ingest(org, type as ModelledType, fullName, raw);
  }
  const readMs = performance.now() - readStart;
  const extrapolated = chosen.length < all.length;
  return {
    listCalls: types.length,
    components: all.length,
    read: chosen.length,
    listMs,
    readMs,
    wallMs: listMs + (chosen.length ? (readMs / chosen.length) * all.length : 0),
    extrapolated,
    org,
  };
}
