import path from 'node:path';
import { rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { ORGS } from '../support/audit-helpers.js';
import { fleetNext, metadataRitual, tempDir } from './helpers/org-versions.js';

let dir: string;
let rules: string;
let next: string;

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd, stdoutIsTTY: false, stderrIsTTY: false };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

beforeAll(async () => {
  dir = await tempDir('sfaudit-history-cli-');
  rules = await metadataRitual(dir);
  next = await fleetNext(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('run --history, history and diff', () => {
  it('records on-demand runs, shows what changed, lists runs and diffs them', async () => {
    const run = async (org: string, format = 'text') => {
      const t = io(dir);
      const code = await main(['run', '--source', org, '--rules', rules, '--history', 'hist', '--format', format], t.io);
      return { code, out: t.out(), err: t.err() };
    };
    const r1 = await run(path.join(ORGS, 'fleet'));
    expect(r1.code).toBe(1);
    expect(r1.out).toContain('First recorded run: 16 findings recorded as the baseline');
    const r2 = await run(next, 'json');
    expect(JSON.parse(r2.out).changes).toMatchObject({ new: 1, persisting: 15, resolved: 1 });

    const list = io(dir);
    expect(await main(['history', '--dir', 'hist'], list.io)).toBe(0);
    const rows = list.out().trim().split('\n');
    expect(rows[0]).toBe('2 runs of hist, oldest first:');
    expect(rows[2]).toMatch(/^\S+Z +fail +16 +0 +0 +16 new, 0 resolved, 0 unchanged$/);
    expect(rows[3]).toMatch(/^\S+Z +fail +16 +0 +0 +1 new, 1 resolved, 15 unchanged$/);

    const json = io(dir);
    await main(['history', '--dir', 'hist', '--format', 'json'], json.io);
    const runs = JSON.parse(json.out());
    expect(runs.map((r: { changes: unknown }) => r.changes)).toEqual([
      { new: 16, resolved: 0, persisting: 0 },
      { new: 1, resolved: 1, persisting: 15 },
    ]);

    const diff = io(dir);
    expect(await main(['diff', '--dir', 'hist'], diff.io)).toBe(0);
    expect(diff.out()).toContain(`Changes from run ${runs[0].id} to run ${runs[1].id}: 1 new, 1 resolved, 15 unchanged`);
    expect(diff.out()).toMatch(/New \(1\)\n {2}error {2}Profile › Standard › tab Contacts \(standard-Contact\) {2}\[standard-user-tabs\]/);
    expect(diff.out()).toMatch(/Resolved \(1\)\n {2}error {2}Layout › Account-Account Layout › related lists {2}\[no-notes-on-accounts\] {2}\(first seen \d{4}-\d{2}-\d{2}\)/);
    expect(diff.out()).toContain('Unchanged (15)');

    // Backwards, by id prefix and latest~N: what was new is now resolved.
    const back = io(dir);
    await main(['diff', 'latest', runs[0].id.slice(0, 22), '--dir', 'hist', '--format', 'json'], back.io);
    expect(JSON.parse(back.out()).changes).toMatchObject({ new: 1, resolved: 1, persisting: 15 });
    expect(JSON.parse(back.out()).new[0].ruleId).toBe('no-notes-on-accounts');
  });

  it('finds the history of an audit through the config, and explains what is missing', async () => {
    await writeFile(
      path.join(dir, 'sfaudit.config.yaml'),
      `audits:\n  - { name: a, schedule: "0 8 * * 1", timezone: UTC, rules: ${rules}, source: ${path.join(ORGS, 'fleet')}, history: { dir: hist } }\n  - { name: b, schedule: "0 8 * * 1", timezone: UTC, rules: ${rules}, source: ${path.join(ORGS, 'fleet')} }\n`,
    );
    const several = io(dir);
    expect(await main(['history'], several.io)).toBe(2);
    expect(several.err()).toBe('sfaudit: the config has several audits: pick one with --audit (a, b)\n');
    const a = io(dir);
    expect(await main(['history', '--audit', 'a'], a.io)).toBe(0);
    expect(a.out()).toMatch(/^2 runs of a \(hist\), oldest first:/);
    const b = io(dir);
    expect(await main(['diff', '-a', 'b'], b.io)).toBe(2);
    expect(b.err()).toMatch(/^sfaudit: b \(reports[/\\]b[/\\]history\) has 0 runs: a diff needs two\n$/);
    const none = io(path.join(dir, 'hist'));
    expect(await main(['history'], none.io)).toBe(2);
    expect(none.err()).toContain('say which history: --dir <history folder>, or --config <file>');
  });
});
