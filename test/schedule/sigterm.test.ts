import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listRuns, readReportFile } from '../../src/history/store.js';
import { ORGS, ROOT } from '../support/audit-helpers.js';
import { metadataRitual, tempDir } from '../history/helpers/org-versions.js';
import { until } from './helpers/audits.js';

let dir: string;
let rules: string;
beforeAll(async () => {
  dir = await tempDir('sfaudit-sigterm-');
  rules = await metadataRitual(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function config(name: string, extra = ''): Promise<string> {
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(
    file,
    `audits:\n  - name: ${name}\n    schedule: "* * * * * *"\n    timezone: UTC\n    rules: ${rules}\n    source: ${path.join(ORGS, 'fleet')}\n    output: ${name}\n    formats: [json]\n${extra}`,
  );
  return file;
}

interface Spawned {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[], cwd = dir): Spawned {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  let err = '';
  let buffer = '';
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const p of parts) lines.push(JSON.parse(p)); // every stdout line must be one JSON object
  });
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, lines, stderr: () => err, exit };
}

// From the repository root, where `--import tsx` resolves.
const slow = (delayMs: number, args: string[]) => start(['--import', 'tsx', path.join(ROOT, 'test/schedule/helpers/slow-schedule.ts'), String(delayMs), ...args], ROOT);

/** Every file of a history folder parses as a whole report; returns how many runs it holds. */
async function historyIsReadable(historyDir: string): Promise<number> {
  const names = await readdir(historyDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.json'))) JSON.parse(await readFile(path.join(historyDir, name), 'utf8'));
  const runs = await listRuns(historyDir);
  for (const r of runs) await readReportFile(r.file);
  return runs.length;
}

describe('sfaudit schedule in a real process', () => {
  it('SIGTERM during a run: the run finishes, history is whole, exit code 0', async () => {
    const p = slow(800, ['--config', await config('finish'), '--run-now']);
    await until(() => p.lines.some((l) => l.event === 'test-run-started'), 10_000, 'a run to start');
    p.child.kill('SIGTERM');
    const { code, signal } = await p.exit;
    expect({ code, signal, stderr: p.stderr() }).toEqual({ code: 0, signal: null, stderr: '' });
    // (A tick that lands during the run adds a "skip" line: not what this test is about.)
    const events = p.lines.map((l) => l.event).filter((e) => e !== 'test-run-started' && e !== 'skip');
    expect(events).toEqual(['scheduler-start', 'scheduler-stopping', 'run', 'scheduler-stop']);
    expect(p.lines.find((l) => l.event === 'scheduler-stopping')).toMatchObject({ signal: 'SIGTERM', running: ['finish'] });
    expect(p.lines.find((l) => l.event === 'run')).toMatchObject({ status: 'ok', failed: 16 });
    expect(p.lines.find((l) => l.event === 'scheduler-stop')).toMatchObject({ finished: ['finish'], abandoned: [] });
    expect(await historyIsReadable(path.join(dir, 'finish', 'history'))).toBe(1);
  });

  it('SIGTERM during a run longer than the grace period: the run is abandoned, history is untouched, exit code 0', async () => {
    const p = slow(60_000, ['--config', await config('abandon'), '--run-now', '--grace', '0.2']);
    await until(() => p.lines.some((l) => l.event === 'test-run-started'), 10_000, 'a run to start');
    p.child.kill('SIGTERM');
    const { code, signal } = await p.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(p.lines.find((l) => l.event === 'scheduler-stop')).toMatchObject({ level: 'warn', finished: [], abandoned: ['abandon'] });
    expect(await historyIsReadable(path.join(dir, 'abandon', 'history'))).toBe(0);
  });

  it('the built CLI runs every second until SIGINT, then exits 0 with every history file readable', async () => {
    const p = start([path.join(ROOT, 'bin/sfaudit.js'), 'schedule', '--config', await config('cli', 'shutdownGraceSeconds: 5\n')]);
    await until(() => p.lines.filter((l) => l.event === 'run').length >= 2, 10_000, 'two scheduled runs');
    p.child.kill('SIGINT');
    const { code } = await p.exit;
    expect(code).toBe(0);
    const runs = p.lines.filter((l) => l.event === 'run');
    expect(runs.every((l) => l.status === 'ok')).toBe(true);
    expect(runs[1]).toMatchObject({ new: 0, persisting: 16, resolved: 0 });
    expect(p.lines.at(-1)).toMatchObject({ event: 'scheduler-stop', signal: 'SIGINT' });
    expect(await historyIsReadable(path.join(dir, 'cli', 'history'))).toBe(runs.length);
  });

  it('--once runs every audit once and exits with the run exit code', async () => {
    const file = await config('once');
    const first = start([path.join(ROOT, 'bin/sfaudit.js'), 'schedule', '--config', file, '--once']);
    expect((await first.exit).code).toBe(1);
    expect(first.lines.map((l) => l.event)).toEqual(['run']);
    expect(first.lines[0]).toMatchObject({ status: 'ok', failed: 16, new: 16 });
    const again = start([path.join(ROOT, 'bin/sfaudit.js'), 'schedule', '--config', file, '--once']);
    expect((await again.exit).code).toBe(1);
    expect(again.lines[0]).toMatchObject({ new: 0, persisting: 16, resolved: 0 });
    expect(await historyIsReadable(path.join(dir, 'once', 'history'))).toBe(2);
  });
});
