import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { writeFileAtomic } from '../../history/atomic-write.js';
import { sha256 } from '../../history/digest.js';
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
 * A memo file keeps each text with what the scan gave for it, under a digest of both: one that is stale
 * costs a scan of what changed; one cut short, garbled or edited by hand, a scan of the whole listing.
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

/**
 * A memo of `texts` (one per result) for a listing read for `fields`. `rows`: what each says, as a memo file
 * kept it (see `rowsOf`); without them, worked out here in paced steps while the reader waits.
 */
export async function listingMemo(texts: readonly unknown[], fields: readonly string[], rows?: readonly unknown[]): Promise<ListingMemo> {
  const memo = emptyMemo(fields);
  const pace = pacer();
  const learn = (text: unknown, row: unknown) => {
    if (typeof text === 'string' && isRow(row) && !memo.known.has(text)) memo.known.set(text, row);
  };
  if (rows) texts.forEach((text, i) => learn(text, rows[i]));
  else await scanRows(texts.filter((text): text is string => typeof text === 'string'), fields, learn);
  await pace();
  memo.run = resultRun(texts as string[], (text) => (typeof text === 'string' ? memo.known.get(text) : undefined));
  return memo;
}

function isRow(row: unknown): row is Record<string, unknown> {
  return !!row && typeof row === 'object' && !Array.isArray(row);
}

/** What each of `texts` says, as the listing scan gives it, `MEMO_STEP` texts at a time between turns of the event loop. */
async function scanRows(texts: readonly string[], fields: readonly string[], each: (text: string, row: Record<string, unknown> | undefined) => void): Promise<void> {
  const pace = pacer();
  for (let from = 0; from < texts.length; from += MEMO_STEP) {
    await pace();
    const step = texts.slice(from, from + MEMO_STEP);
    listedRows(step, fields).forEach((row, i) => each(step[i]!, row));
  }
}

/** What each of `texts` says, for a memo file: from `memo` where it knows, else scanned now (what changed since it was made). */
async function rowsOf(memo: ListingMemo, texts: readonly string[]): Promise<Array<Record<string, unknown> | null>> {
  const rows = new Map<string, Record<string, unknown> | undefined>();
  await scanRows(
    texts.filter((text) => !memo.known.has(text)),
    memo.fields,
    (text, row) => rows.set(text, row),
  );
  return texts.map((text) => memo.known.get(text) ?? rows.get(text) ?? null);
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

/** Bumped when what a memo file holds changes: one written otherwise is not this sfaudit's memo (2: rows kept). */
const MEMO_FORMAT = 2;

/**
 * The listings kept in a cache folder, one file per set of types (`listing-<types>.json`): a JSON header line
 * (the scope, the types and fields, and the sha256 of the rest), then one JSON line of the text of each result
 * and what each says (JSON holds no raw newline, so the split is unambiguous). Working out what 4,800 texts say
 * took the reader's main thread 16–20 ms while it waited on the org, against 2 ms for the digest. Never throws:
 * a memo that cannot be read is empty, one that cannot be written only costs a whole scan next time.
 */
export function listingFiles(folder: string, scope: ListingScope) {
  // Each kept listing is written by its timer or by flush, whichever comes first.
  const writes = new Map<string, () => Promise<void>>();
  const header = (types: readonly string[], fields: readonly string[]) => ({ ...scope, memo: MEMO_FORMAT, types: [...types].sort(), fields: [...fields] });
  const fileOf = (types: readonly string[]) => path.join(folder, `listing-${[...types].sort().join('+').replace(/[^A-Za-z0-9._-]/g, '_')}.json`);

  return {
    /** What the last listing of `types` read for `fields` said; an empty memo when none was kept, it is another's, or it fails its digest. */
    async read(types: readonly string[], fields: readonly string[]): Promise<ListingMemo> {
      try {
        const text = await readFile(fileOf(types), 'utf8');
        const cut = text.indexOf('\n');
        if (cut < 0) return emptyMemo(fields);
        const { digest, ...stored } = JSON.parse(text.slice(0, cut)) as { digest?: unknown } & Record<string, unknown>;
        const body = text.slice(cut + 1);
        // Kept for other types, fields, org or API version (or by an older sfaudit), or not as written: not this listing's memo.
        if (JSON.stringify(stored) !== JSON.stringify(header(types, fields)) || digest !== sha256(body)) return emptyMemo(fields);
        const { results, rows } = JSON.parse(body) as { results?: unknown; rows?: unknown };
        if (!Array.isArray(results) || !Array.isArray(rows) || rows.length !== results.length) return emptyMemo(fields);
        return await listingMemo(results, fields, rows);
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
            const body = JSON.stringify({ results: texts, rows: await rowsOf(memo, texts) });
            const head = JSON.stringify({ ...header(types, memo.fields), digest: sha256(body) });
            await writeFileAtomic(file, [head, '\n', body], { mode: 0o600, durable: false });
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
