import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Report } from '../report/report.js';
import { TEMP_FILE, writeFileAtomic } from './atomic-write.js';
import type { PreviousRun } from './changes.js';

/** How many runs a history folder keeps; `maxAgeDays` also drops runs older than that. */
export interface Retention {
  keep: number;
  maxAgeDays?: number;
}

export const DEFAULT_RETENTION: Retention = { keep: 100 };

export interface RunEntry {
  /** `2026-01-05T08-00-00.000Z`, with `-2`, `-3` ... when two runs share a millisecond. */
  id: string;
  file: string;
  /** When the run was generated (ISO). */
  time: string;
}

/** A history file that is missing or not a report: said with its path, never a stack trace. */
export class HistoryError extends Error {}

const RUN_ID = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(\.\d+)?Z(?:-(\d+))?$/;

/** File names cannot hold ":" everywhere, so the ISO time is written with "-". */
export function runIdFor(generatedAt: string): string {
  return new Date(generatedAt).toISOString().replace(/:/g, '-');
}

function parseId(id: string): { time: string; seq: number } | undefined {
  const m = RUN_ID.exec(id);
  if (!m) return undefined;
  return { time: `${m[1]}T${m[2]}:${m[3]}:${m[4]}${m[5] ?? ''}Z`, seq: m[6] ? Number(m[6]) : 1 };
}

/** Runs in a history folder, oldest first; temporary and foreign files are ignored. A missing folder has none. */
export async function listRuns(dir: string): Promise<RunEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new HistoryError(`cannot read history folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const runs: Array<RunEntry & { seq: number }> = [];
  for (const name of names) {
    if (!name.endsWith('.json') || TEMP_FILE.test(name)) continue;
    const id = name.slice(0, -'.json'.length);
    const parsed = parseId(id);
    if (parsed) runs.push({ id, file: path.join(dir, name), time: parsed.time, seq: parsed.seq });
  }
  runs.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.seq - b.seq));
  return runs.map(({ seq: _seq, ...entry }) => entry);
}

function looksLikeReport(data: unknown): data is Report {
  const r = data as Partial<Report> | null;
  return !!r && typeof r === 'object' && typeof r.schemaVersion === 'number' && typeof r.generatedAt === 'string' && Array.isArray(r.findings) && Array.isArray(r.rules);
}

/** Reads one stored run (or any JSON report file). */
export async function readReportFile(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new HistoryError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new HistoryError(`${file} is not valid JSON`);
  }
  if (!looksLikeReport(data)) throw new HistoryError(`${file} is not an sfaudit JSON report`);
  return data;
}

/**
 * The newest readable run. An unreadable file (written by hand, or by another
 * tool) is skipped and named, so one bad file cannot stop every later run.
 */
export async function latestRun(dir: string): Promise<{ run?: PreviousRun & { id: string }; skipped: string[] }> {
  const runs = await listRuns(dir);
  const skipped: string[] = [];
  for (const entry of runs.reverse()) {
    try {
      return { run: { id: entry.id, report: await readReportFile(entry.file) }, skipped };
    } catch (e) {
      skipped.push(`${entry.id}: ${(e as Error).message}`);
    }
  }
  return { skipped };
}

/**
 * Stores a run's JSON report atomically (a kill at any moment leaves either no
 * file or a whole one), then applies the retention. Returns the new run's id.
 */
export async function recordRun(
  dir: string,
  report: Report,
  retention: Retention = DEFAULT_RETENTION,
  now: Date = new Date(),
): Promise<{ id: string; file: string; pruned: string[] }> {
  await mkdir(dir, { recursive: true });
  await removeStaleTemp(dir, now);
  const base = runIdFor(report.generatedAt);
  const taken = new Set((await listRuns(dir)).map((r) => r.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const file = path.join(dir, `${id}.json`);
  await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
  const pruned = await pruneRuns(dir, retention, now, id);
  return { id, file, pruned };
}

/** Drops the oldest runs beyond `keep` and those older than `maxAgeDays`; never `protect` (the run just written). */
export async function pruneRuns(dir: string, retention: Retention, now: Date, protect?: string): Promise<string[]> {
  const runs = await listRuns(dir);
  const cutoff = retention.maxAgeDays !== undefined ? now.getTime() - retention.maxAgeDays * 86_400_000 : -Infinity;
  const drop = runs.filter((r, i) => r.id !== protect && (i < runs.length - retention.keep || Date.parse(r.time) < cutoff));
  for (const r of drop) await rm(r.file, { force: true });
  return drop.map((r) => r.id);
}

/** Temporary files left by a killed writer; an hour old so a concurrent writer's file is never touched. */
async function removeStaleTemp(dir: string, now: Date): Promise<void> {
  for (const name of await readdir(dir)) {
    if (!TEMP_FILE.test(name)) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && now.getTime() - info.mtimeMs > 3_600_000) await rm(file, { force: true });
  }
}

/**
 * Finds a run by id, unique id prefix, or `latest` / `latest~N` (N runs before
 * the latest), or a path to a JSON report file.
 */
export async function resolveRun(dir: string, ref: string): Promise<PreviousRun & { id: string }> {
  const runs = await listRuns(dir);
  const back = /^latest(?:~(\d+))?$/.exec(ref);
  let entry: RunEntry | undefined;
  if (back) {
    entry = runs[runs.length - 1 - Number(back[1] ?? 0)];
    if (!entry) throw new HistoryError(`no run "${ref}": the history in ${dir} has ${runs.length} run${runs.length === 1 ? '' : 's'}`);
  } else {
    const exact = runs.find((r) => r.id === ref);
    const prefixed = runs.filter((r) => r.id.startsWith(ref));
    if (exact) entry = exact;
    else if (prefixed.length === 1) entry = prefixed[0];
    else if (prefixed.length > 1) throw new HistoryError(`"${ref}" matches ${prefixed.length} runs: give more of the id (see sfaudit history)`);
  }
  if (entry) return { id: entry.id, report: await readReportFile(entry.file) };
  if (ref.endsWith('.json') && (await stat(ref).catch(() => undefined))?.isFile()) {
    return { id: path.basename(ref, '.json'), report: await readReportFile(ref) };
  }
  throw new HistoryError(`no run "${ref}" in ${dir} (see sfaudit history)`);
}
