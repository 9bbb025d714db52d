/**
 * What the emulated org reports as each component's lastModifiedDate. A
 * re-audit with a cache relies on it changing when a component changes, as it
 * does in Salesforce; the bench checks that the emulator does so before
 * reading anything into scenario 4.
 */
import jsforce from 'jsforce';
import type { MetadataType } from 'jsforce/lib/api/metadata.js';

export async function listedDates(url: string, accessToken: string, version: string, types: string[]): Promise<Map<string, string>> {
  const conn = new jsforce.Connection({ instanceUrl: url, accessToken, version });
  const out = new Map<string, string>();
  for (let i = 0; i < types.length; i += 3) {
    const queries = types.slice(i, i + 3).map((type) => ({ type: type as MetadataType }));
    const listed = await conn.metadata.list(queries);
    for (const p of Array.isArray(listed) ? listed : [listed]) out.set(`${p.type}|${p.fullName}`, p.lastModifiedDate);
  }
  return out;
}

/** How many of the changed components the org now reports with another lastModifiedDate. */
export function datesMoved(before: Map<string, string>, after: Map<string, string>, changed: Iterable<string>): { moved: number; of: number } {
  let moved = 0;
  let of = 0;
  for (const key of changed) {
    of++;
    if (before.get(key) !== after.get(key)) moved++;
  }
  return { moved, of };
}
