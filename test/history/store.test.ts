import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestRun, listRuns, pruneRuns, readReportFile, recordRun, resolveRun, runIdFor } from '../../src/history/store.js';
import { writeFileAtomic } from '../../src/history/atomic-write.js';
import type { Report } from '../../src/report/report.js';
import { ROOT } from '../support/audit-helpers.js';
import { tempDir } from './helpers/org-versions.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function report(at: string, extra: Partial<Report> = {}): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'sfaudit', version: 'test' },
    generatedAt: at,
    org: { kind: 'folder', location: 'x' },
    ruleset: { name: 'r', files: [] },
    summary: { rules: 0, passed: 0, failed: 0, errors: 0, manual: 0, bySeverity: { error: 0, warning: 0, info: 0 }, verdict: 'pass' },
    rules: [],
    findings: [],
    notes: [],
    stats: {},
    ...extra,
  };
}

describe('history store', () => {
  it('names runs by time, orders them, and separates runs of the same millisecond', async () => {
    const h = path.join(dir, 'order');
    const at = '2026-01-05T08:00:00.000Z';
    const ids = [];
    for (let i = 0; i < 11; i++) ids.push((await recordRun(h, report(at))).id);
    ids.push((await recordRun(h, report('2026-01-04T08:00:00.000Z'))).id);
    expect(ids[0]).toBe(runIdFor(at));
    expect(ids[0]).toBe('2026-01-05T08-00-00.000Z');
    expect(ids[10]).toBe('2026-01-05T08-00-00.000Z-11');
    // Oldest first: by time, then by sequence (numerically: -11 after -2).
    expect((await listRuns(h)).map((r) => r.id)).toEqual([ids[11], ...ids.slice(0, 11)]);
  });

  it('keeps the newest `keep` runs and drops runs older than maxAgeDays, never the one just written', async () => {
    const h = path.join(dir, 'retention');
    for (let d = 1; d <= 6; d++) await recordRun(h, report(`2026-01-0${d}T08:00:00.000Z`), { keep: 3 }, new Date('2026-01-07T00:00:00Z'));
    expect((await listRuns(h)).map((r) => r.time)).toEqual(['2026-01-04T08:00:00.000Z', '2026-01-05T08:00:00.000Z', '2026-01-06T08:00:00.000Z']);
    const dropped = await pruneRuns(h, { keep: 100, maxAgeDays: 2 }, new Date('2026-01-07T12:00:00Z'), '2026-01-04T08-00-00.000Z');
    expect(dropped).toEqual(['2026-01-05T08-00-00.000Z']);
  });

  it('skips temporary files, foreign files and unreadable runs', async () => {
    const h = path.join(dir, 'skip');
    await recordRun(h, report('2026-01-01T08:00:00.000Z'));
    await writeFile(path.join(h, '.2026-01-02T08-00-00.000Z.json.123.abcd.tmp'), '{"half');
    await writeFile(path.join(h, 'notes.json'), '{}');
    await writeFile(path.join(h, '2026-01-03T08-00-00.000Z.json'), '{"half a file');
    expect((await listRuns(h)).map((r) => r.id)).toEqual(['2026-01-01T08-00-00.000Z', '2026-01-03T08-00-00.000Z']);
    const latest = await latestRun(h);
    expect(latest.run?.id).toBe('2026-01-01T08-00-00.000Z');
    expect(latest.skipped).toEqual([expect.stringContaining('is not valid JSON')]);
    await expect(readReportFile(path.join(h, 'notes.json'))).rejects.toThrow('not an sfaudit JSON report');
  });

  it('resolves runs by id, prefix, latest~N and report file', async () => {
    const h = path.join(dir, 'refs');
    for (const d of ['2026-01-01', '2026-01-02', '2026-02-01']) await recordRun(h, report(`${d}T08:00:00.000Z`));
    expect((await resolveRun(h, 'latest')).id).toBe('2026-02-01T08-00-00.000Z');
    expect((await resolveRun(h, 'latest~2')).id).toBe('2026-01-01T08-00-00.000Z');
    expect((await resolveRun(h, '2026-01-02')).id).toBe('2026-01-02T08-00-00.000Z');
    await expect(resolveRun(h, '2026-01')).rejects.toThrow('matches 2 runs');
    await expect(resolveRun(h, 'latest~3')).rejects.toThrow('has 3 runs');
    await expect(resolveRun(h, 'nope')).rejects.toThrow('no run "nope"');
    const file = path.join(dir, 'outside.json');
    await writeFile(file, JSON.stringify(report('2025-12-01T00:00:00.000Z')));
    expect((await resolveRun(h, file)).report.generatedAt).toBe('2025-12-01T00:00:00.000Z');
  });

  it('writes atomically: the target holds the old or the new content, and no temporary file is left', async () => {
    const file = path.join(dir, 'atomic', 'a.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(path.dirname(file))).toEqual(['a.json']);
  });
});

/** Starts the write loop and kills it with SIGKILL at a random instant (0-40 ms) after `writes` completed writes. */
function killDuringWrites(h: string, writes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/history/helpers/write-loop.ts'), h], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    let err = '';
    let armed = false;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString().split('\n').filter((l) => l.startsWith('wrote ')).length;
      if (seen >= writes && !armed) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 40));
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`write loop ended on its own (${code}): ${err}`))));
  });
}

describe('killing the writer mid-write', () => {
  it('never leaves a corrupt or partial run file', async () => {
    const h = path.join(dir, 'killed');
    // Kill until one kill has provably interrupted a write (it left a temporary file), at least 3 times.
    let interrupted = 0;
    let rounds = 0;
    while (rounds < 3 || (interrupted === 0 && rounds < 15)) {
      rounds++;
      await killDuringWrites(h, 1 + (rounds % 4));
      const names = await readdir(h);
      const temps = names.filter((n) => n.endsWith('.tmp'));
      interrupted += temps.length;
      for (const t of temps) await rm(path.join(h, t)); // as recordRun does with stale ones
      const runs = await listRuns(h);
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) expect((await readReportFile(run.file)).findings).toHaveLength(4000); // throws on a partial file
      for (const name of names.filter((n) => n.endsWith('.json') && !n.startsWith('.'))) JSON.parse(await readFile(path.join(h, name), 'utf8'));
    }
    expect(interrupted).toBeGreaterThan(0);
  }, 20_000);
});
