import { createRequire } from 'node:module';
import path from 'node:path';
import { readDigested, writeDigested } from '../../history/digested-file.js';
import { pacer } from './pacer.js';

/** The results of a listing back to back, each with what it says (see resultRun in xml-reply.cjs). */
export interface ResultRun {
  text: string;
  ends: number[];
  rows: Array<Record<string, unknown>>;
  readonly at: Map<string, number>;
}

const { listedRows, resultTexts, resultRun, keptRun, resultText } = createRequire(import.meta.url)('./xml-reply.cjs') as {
  listedRows(texts: readonly string[], fields: readonly string[]): Array<Record<string, unknown> | undefined>;
  resultTexts(reply: string): string[];
  resultRun(texts: readonly string[], rowOf: (text: string, index: number) => Record<string, unknown> | undefined): ResultRun;
  keptRun(text: string, ends: readonly number[], rows: Array<Record<string, unknown>>): ResultRun | undefined;
  resultText(run: ResultRun, i: number): string;
};

/**
 * What the last listing of some types said, result by result, so that a listing that comes back mostly the
 * same (a re-audit with a cache: 2.5 MB for the 4,800 layouts, objects and list views of a big org, 1% of them
 * changed) is scanned only where it changed, on the main thread, and hands over next to no new strings.
 * `known` maps the text inside each `<result>` element to what the listing scan gives for it (see parseListing
 * in xml-reply.cjs); `reply` is this run's listing once it parsed, to keep for next time.
 *
 * A memo file keeps the run of those results with what the scan gave for each, under a digest of both: one
 * that is stale costs a scan of what changed; one cut short, garbled or edited by hand, a scan of the whole
 * listing.
 */
export interface ListingMemo {
  /** The FileProperties fields the listing is read for, which what each text says is given in. */
  readonly fields: readonly string[];
  /** Of a memo read from a file, worked out when first asked for (see `memoOf`). */
  readonly known: Map<string, Record<string, unknown>>;
  /**
   * The known results in the order the last listing gave them, back to back: a listing that comes back in
   * the same order is compared with it 64 results at a time, and only where the
   * comparison fails is it scanned result by result.
   */
  run?: ResultRun;
  reply?: string;
  /** Set by the listing scan: how many results of this run's listing the memo did not know, and were scanned. */
  scanned?: number;
}

/** A memo that knows nothing yet: the first run, or a memo file that cannot serve. */
export function emptyMemo(fields: readonly string[]): ListingMemo {
  return { fields, known: new Map() };
}

/** Whether a memo knows any result (told without working out `known` from its run). */
export function memoKnowsAny(memo: ListingMemo): boolean {
  return memo.run ? memo.run.rows.length > 0 : memo.known.size > 0;
}

/**
 * A memo of the results of `run`. Its `known` (each text to its row) is worked out only when first asked for:
 * a listing that comes back in the same order, some results changed in place, is matched with the run alone,
 * and a map of 4,800 texts of 500 characters each took the main thread 8–13 ms while it waited on the org.
 */
function memoOf(run: ResultRun, fields: readonly string[]): ListingMemo {
  let known: Map<string, Record<string, unknown>> | undefined;
  return {
    fields,
    run,
    get known() {
      return (known ??= new Map([...run.at].map(([text, i]) => [text, run.rows[i]!])));
    },
  };
}

/** Results worked out at once (about 0.3 ms): a memo of thousands is made in paced steps. */
const MEMO_STEP = 200;

/** A memo of `texts` (one per result) for a listing read for `fields`, what each says worked out here in paced steps. */
export async function listingMemo(texts: readonly unknown[], fields: readonly string[]): Promise<ListingMemo> {
  const pace = pacer();
  const plain = texts.filter((text): text is string => typeof text === 'string');
  const rows = new Map<string, Record<string, unknown>>();
  await scanRows(plain, fields, (text, row) => {
    if (row && !rows.has(text)) rows.set(text, row);
  });
  await pace();
  return memoOf(resultRun(plain, (text) => rows.get(text)), fields);
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

/**
 * What each of `texts` says, for a memo file: what the memo knows, else scanned now (what changed since). Only
 * a memo that must be written again gets here (see `keep`), so working out its `known` is no loss.
 */
async function rowsOf(memo: ListingMemo, texts: readonly string[]): Promise<Array<Record<string, unknown> | undefined>> {
  const scanned = new Map<string, Record<string, unknown> | undefined>();
  await scanRows(
    texts.filter((text) => !memo.known.has(text)),
    memo.fields,
    (text, row) => scanned.set(text, row),
  );
  return texts.map((text) => memo.known.get(text) ?? scanned.get(text));
}

/** What a memo keeps of the listing it was last given: the text of each result. */
function memoTexts(memo: ListingMemo): string[] | undefined {
  return memo.reply === undefined ? undefined : resultTexts(memo.reply);
}

/**
 * Results a memo may not know before it is written again: a stale memo costs a scan of each result it does not
 * know (about 20 µs), where writing it again took the main thread 25–35 ms (profiled) for 4,800 results: the
 * bench's scenario 4, 1% of it changed, wrote it on every run. That is CPU, not wall time: the reads of what
 * changed were on the way meanwhile (side by side, 12 pairs, no difference).
 */
function staleAllowance(results: number): number {
  return Math.max(16, Math.floor(results / 20));
}

/**
 * Whether keeping `texts` would change what `memo` knows (a listing that came back the same is not written
 * again). With a run, compared with it text by text in place (its map of texts is not made for this): a listing
 * in another order is written again.
 */
export function memoChanged(memo: ListingMemo, texts: readonly string[]): boolean {
  const run = memo.run;
  if (run) return texts.length !== run.rows.length || texts.some((text, i) => resultText(run, i) !== text);
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
 * Bumped when what a memo file holds changes: one written otherwise is not this sfaudit's memo (2: rows kept;
 * 3: the run kept as one text).
 */
const MEMO_FORMAT = 3;

/**
 * The listings kept in a cache folder, one file per set of types (`listing-<types>.json`): a JSON header line
 * (the scope, the types and fields, and the sha256 of the rest), then one JSON line of the run of its results
 * (see ResultRun: the results back to back as one text, where each ends, and what each says; JSON holds no raw
 * newline, so the split is unambiguous). As one text, 4,800 results are one string to read, not 4,800: read as
 * an array of texts, with a map of them made on reading, the memo of scenario 4 took the main thread 25–44 ms
 * while it waited on the org, and held up the answer it was waiting for. Never throws: a memo that cannot be
 * read is empty, one that cannot be written only costs a whole scan next time.
 */
export function listingFiles(folder: string, scope: ListingScope) {
  // Each kept listing is written by its timer or by flush, whichever comes first.
  const writes = new Map<string, () => Promise<void>>();
  const header = (types: readonly string[], fields: readonly string[]) => ({ ...scope, memo: MEMO_FORMAT, types: [...types].sort(), fields: [...fields] });
  const fileOf = (types: readonly string[]) => path.join(folder, `listing-${[...types].sort().join('+').replace(/[^A-Za-z0-9._-]/g, '_')}.json`);

  return {
    /** What the last listing of `types` read for `fields` said; an empty memo when none was kept, it is another's, or it fails its digest. */
    async read(types: readonly string[], fields: readonly string[]): Promise<ListingMemo> {
      const kept = await readDigested(fileOf(types));
      // Kept for other types, fields, org or API version (or by an older sfaudit), or not as written: not this listing's memo.
      if (!kept || JSON.stringify(kept.header) !== JSON.stringify(header(types, fields))) return emptyMemo(fields);
      try {
        const { text, ends, rows } = JSON.parse(kept.body) as { text?: unknown; ends?: unknown; rows?: unknown };
        if (typeof text !== 'string' || !Array.isArray(ends) || !Array.isArray(rows) || !rows.every(isRow)) return emptyMemo(fields);
        const run = keptRun(text, ends as number[], rows);
        return run ? memoOf(run, fields) : emptyMemo(fields);
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
          // Scanned against a memo that knew all but a few of its results: kept as it is.
          if (memo.run && memo.scanned !== undefined && memo.scanned <= staleAllowance(memo.run.rows.length)) return;
          const texts = memoTexts(memo);
          if (!texts || !memoChanged(memo, texts)) return;
          try {
            const rows = await rowsOf(memo, texts);
            const run = resultRun(texts, (_text, i) => rows[i]);
            await writeDigested(file, header(types, memo.fields), JSON.stringify({ text: run.text, ends: run.ends, rows: run.rows }));
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
