import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../../history/atomic-write.js';
import { pacer } from './pacer.js';

/** The results of a listing back to back, each with what it says (see resultRun in xml-reply.cjs). */
export interface ResultRun {
  text: string;
  ends: number[];
  rows: Array<Record<string, unknown>>;
  at: Map<string, number>;
}

const { listedRows, resultTexts, resultRun } = createRequire(import.meta.url)('./xml-reply.cjs') as {
  listedRows(texts: readonly string[], fields: readonly string[]): Array<Record<string, unknown> | undefined>;
  resultTexts(reply: string): string[];
  resultRun(texts: readonly string[], rowOf: (text: string) => Record<string, unknown> | undefined): ResultRun;
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
  /** The FileProperties fields the listing is read for, which what each text says is given in. */
  readonly fields: readonly string[];
  known: Map<string, Record<string, unknown>>;
  /**
   * The known results in the order the last listing gave them, back to back: a listing that comes back in
   * the same order is compared with it 64 results at a time, and only where the
   * comparison fails is it scanned result by result.
   */
  run?: ResultRun;
  reply?: string;
}

/** A memo that knows nothing yet: the first run, or a memo file that cannot serve. */
export function emptyMemo(fields: readonly string[]): ListingMemo {
  return { fields, known: new Map() };
}

/** Results worked out at once (about 0.3 ms): a memo of thousands is made in paced steps. */
const MEMO_STEP = 200;

/** A memo of `texts` (one per result) for a listing read for `fields`, worked out in paced steps while the reader waits. */
export async function listingMemo(texts: readonly unknown[], fields: readonly string[]): Promise<ListingMemo> {
  const memo = emptyMemo(fields);
  const pace = pacer();
  const strings = texts.filter((text): text is string => typeof text === 'string');
  for (let from = 0; from < strings.length; from += MEMO_STEP) {
    await pace();
    const step = strings.slice(from, from + MEMO_STEP);
    listedRows(step, fields).forEach((row, i) => {
      if (row && !memo.known.has(step[i]!)) memo.known.set(step[i]!, row);
    });
  }
  await pace();
  memo.run = resultRun(texts as string[], (text) => (typeof text === 'string' ? memo.known.get(text) : undefined));
  return memo;
}

/** What a memo keeps of the listing it was last given: the text of each result. */
function memoTexts(memo: ListingMemo): string[] | undefined {
  return memo.reply === undefined ? undefined : resultTexts(memo.reply);
}

/** Whether keeping `texts` would change what `memo` knows (a listing that came back the same is not written again). */
export function memoChanged(memo: ListingMemo, texts: readonly string[]): boolean {
  return texts.length !== memo.known.size || texts.some((t) => !memo.known.has(t));
}

/** How long after a listing it is written for next time: its reads go out first. */
const WRITE_DELAY_MS = 50;

/** What a memo file is for: a kept listing serves only the same org, API version, cache format, types and fields. */
export interface ListingScope {
  format: number;
  orgId: string;
  apiVersion: string;
}

/**
 * The listings kept in a cache folder, one JSON file per set of types (`listing-<types>.json`): the scope,
 * the types and fields, and the text of each result. Never throws: a memo that cannot be read is empty, one
 * that cannot be written only costs a whole scan next time.
 */
export function listingFiles(folder: string, scope: ListingScope) {
  // Each kept listing is written by its timer or by flush, whichever comes first.
  const writes = new Map<string, () => Promise<void>>();
  const header = (types: readonly string[], fields: readonly string[]) => ({ ...scope, types: [...types].sort(), fields: [...fields] });
  const fileOf = (types: readonly string[]) => path.join(folder, `listing-${[...types].sort().join('+').replace(/[^A-Za-z0-9._-]/g, '_')}.json`);

  return {
    /** What the last listing of `types` read for `fields` said; an empty memo when none was kept or it is another's. */
    async read(types: readonly string[], fields: readonly string[]): Promise<ListingMemo> {
      try {
        const { results, ...stored } = JSON.parse(await readFile(fileOf(types), 'utf8')) as { results?: unknown } & Record<string, unknown>;
        // Kept for other types, fields, org or API version (or by an older sfaudit): not this listing's memo.
        if (!Array.isArray(results) || JSON.stringify(stored) !== JSON.stringify(header(types, fields))) return emptyMemo(fields);
        return await listingMemo(results, fields);
      } catch {
        return emptyMemo(fields);
      }
    },
    /** Keeps the listing `memo` was last given, when it changed, once its reads are out. */
    keep(types: readonly string[], memo: ListingMemo): void {
      const file = fileOf(types);
      let started: Promise<void> | undefined;
      const write = () =>
        (started ??= (async () => {
          const texts = memoTexts(memo);
          if (!texts || !memoChanged(memo, texts)) return;
          try {
            await mkdir(folder, { recursive: true, mode: 0o700 });
            // Readable by its owner only, like the records; not flushed to disk: a write lost in a crash only costs a scan.
            await writeFileAtomic(file, JSON.stringify({ ...header(types, memo.fields), results: texts }), { mode: 0o600, durable: false });
          } catch {
            // Read-only or full disk: the next listing is scanned whole.
          }
        })());
      writes.set(file, write);
      setTimeout(() => void write(), WRITE_DELAY_MS).unref();
    },
    /** Writes what is kept and not written yet. */
    async flush(): Promise<void> {
      await Promise.all([...writes.values()].map((write) => write()));
      writes.clear();
    },
  };
}
