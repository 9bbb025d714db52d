import { createRequire } from 'node:module';
import { pacer } from './pacer.js';

const { listedRow, resultTexts } = createRequire(import.meta.url)('./xml-reply.cjs') as {
  listedRow(inner: string, fields: readonly string[]): Record<string, unknown> | undefined;
  resultTexts(reply: string): string[];
};

/**
 * What the last listing of some types said, result by result, so that a listing that comes back mostly
 * the same (a re-audit with a cache: 2.5 MB for the 4,800 layouts, objects and list views of a big org,
 * 1% of them changed) is scanned only where it changed, on the main thread, and hands over next to no new
 * strings. `known` maps the text inside each `<result>` element to what the listing scan gives for it
 * (see parseListing in xml-reply.cjs); `reply` is this run's listing once it parsed, to keep for next time.
 *
 * Only texts are kept from one run to the next: what each says is worked out again here, by the scan
 * that reads a listing, so a memo that is stale, edited or garbled can cost a scan, never change a listing.
 */
export interface ListingMemo {
  known: Map<string, Record<string, unknown>>;
  reply?: string;
}

/** A memo of `texts` (one per result) for a listing read for `fields`, worked out in paced steps while the reader waits. */
export async function listingMemo(texts: readonly unknown[], fields: readonly string[]): Promise<ListingMemo> {
  const known = new Map<string, Record<string, unknown>>();
  const pace = pacer();
  for (const text of texts) {
    await pace();
    if (typeof text !== 'string' || known.has(text)) continue;
    const row = listedRow(text, fields);
    if (row) known.set(text, row);
  }
  return { known };
}

/** What a memo keeps of the listing it was last given: the text of each result. */
export function memoTexts(memo: ListingMemo): string[] | undefined {
  return memo.reply === undefined ? undefined : resultTexts(memo.reply);
}

/** Whether keeping `texts` would change what `memo` knows (a listing that came back the same is not written again). */
export function memoChanged(memo: ListingMemo, texts: readonly string[]): boolean {
  return texts.length !== memo.known.size || texts.some((t) => !memo.known.has(t));
}
