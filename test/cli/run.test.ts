import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../support/run-cli.js';
import { expectGolden } from '../support/golden.js';

const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));

describe('sfaudit run', () => {
  it('the README main command: prints the sample org report and exits 0', async () => {
    const r = await runCli(['run', '--source', 'fixtures/orgs/fleet', '--no-network', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expectGolden(golden('run-fleet.txt'), r.stdout);
  });

  it('exits 1 when there are discrepancies at or above --fail-on (default warning)', async () => {
    const r = await runCli(['run', '--source', 'fixtures/orgs/fleet', '--no-network']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL: 22 discrepancies');
  });

  it('exits 0 for a clean org', async () => {
    const r = await runCli(['run', '--source', 'fixtures/orgs/fleet-clean', '--no-network', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.verdict).toBe('pass');
  });

  it('writes several formats at once, each to its own file, or all into a folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-out-'));
    const txt = path.join(dir, 'a.txt');
    const json = path.join(dir, 'b.json');
    const r = await runCli(['run', '--source', 'fixtures/orgs/fleet', '--no-network', '-f', 'text', '-f', 'json', '-o', txt, '-o', json]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(await readFile(txt, 'utf8')).toContain('FAIL: 22 discrepancies');
    expect(JSON.parse(await readFile(json, 'utf8')).summary.failed).toBe(22);
    const folder = path.join(dir, 'reports') + '/';
    const r2 = await runCli(['run', '--source', 'fixtures/orgs/fleet', '--no-network', '--format', 'text,json', '--output', folder]);
    expect(r2.code).toBe(1);
    expect((await readdir(folder)).sort()).toEqual(['sfaudit-report.json', 'sfaudit-report.txt']);
  });

  it.each(['text', 'json'])('audits the real-world pmmOrgDump org (not configured to the ritual): findings, exit 1, %s', async (format) => {
    const r = await runCli(['run', '--source', '../shared/realworld/pmmOrgDump', '--format', format]);
    expect(r.code).toBe(1);
    if (format === 'json') {
      const report = JSON.parse(r.stdout);
      expect(report.summary.failed).toBeGreaterThan(20);
      expect(report.summary.errors).toBe(0);
    } else {
      expect(r.stdout).toMatch(/^FAIL: \d+ discrepancies/m);
    }
  });

  it.each([
    [['run', '--source', 'fixtures/orgs/nope'], /^sfaudit: metadata folder not found: fixtures\/orgs\/nope\n$/],
    [['run'], /^sfaudit: say what to audit: --source <metadata folder>, or --org \(credentials from SF_\* variables\)\n$/],
    [['run', '--source', 'fixtures/orgs/fleet', '--format', 'pdf'], /^sfaudit: unknown format "pdf": use one of /],
    [['run', '--source', 'fixtures/orgs/fleet', '--fail-on', 'sometimes'], /argument 'sometimes' is invalid/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['run', '--source', 'fixtures/orgs/fleet', '--rules', 'fixtures/rules/invalid-kind.yaml'], /^fixtures\/rules\/invalid-kind\.yaml:5:11: unknown kind "layout-sectoin" .*did you mean "layout-section"\?\nsfaudit: the rules have 1 problem; nothing was audited\n$/],
  ])('bad usage or input %j exits 2 with one clear line, no stack trace', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});

describe('sfaudit validate, --version, --help', () => {
  it('validates the bundled rules', async () => {
    const r = await runCli(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: \d+ rules in 1 file \(rules\/ritual\.yaml\)\n$/);
  });

  it.each(['invalid-syntax', 'invalid-key', 'invalid-kind', 'invalid-duplicate-id', 'invalid-regex', 'invalid-object'])(
    'rejects %s with file:line:column and exit 2',
    async (name) => {
      const r = await runCli(['validate', `fixtures/rules/${name}.yaml`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^fixtures/rules/${name}\\.yaml:\\d+:\\d+: `));
    },
  );

  it('prints the version from package.json', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sfaudit');
    expect(r.stdout).toContain('validate');
  });
});
