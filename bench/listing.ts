/** What listMetadata reports for an org folder, read straight from the files (so computing the minimum costs no API call). */
import { scanFolder } from '../src/sources/folder/scan.js';
import type { Listing } from './minimum.js';

export async function folderListing(dir: string): Promise<Listing> {
  const listing: Listing = new Map();
  for (const file of await scanFolder(dir)) {
    if (file.type === 'parsed-only' || file.type === 'records') continue;
    const names = listing.get(file.type) ?? [];
    names.push(file.fullName);
    listing.set(file.type, names);
  }
  for (const names of listing.values()) names.sort();
  return listing;
}

export function countComponents(listing: Listing): number {
  let n = 0;
  for (const names of listing.values()) n += names.length;
  return n;
}
