import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/audit-helpers.js';
import { runCli } from '../support/run-cli.js';

/** The packages a CLI run loaded (see test/support/loaded-packages.cjs), and how it ended. */
async function loadedBy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; packages: string[] }> {
  // Run in a folder of its own: a run that cannot read the org still writes its report to the working folder.
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'sfaudit-startup-'));
  const file = path.join(cwd, 'packages.txt');
  const preload = path.join(ROOT, 'test', 'support', 'loaded-packages.cjs');
  const result = await runCli(args, { cwd, env: { ...env, NODE_OPTIONS: `--require ${preload}`, LOADED_PACKAGES_FILE: file } });
  return { code: result.code, packages: readFileSync(file, 'utf8').split('\n') };
}

describe('what a command loads', () => {
  // jsforce and the org reader took 150-200 ms of every start; the rules validator is compiled ahead (rules-validator.test.ts).
  it.each([
    ['--version', ['--version']],
    ['validate', ['validate', path.join(ROOT, 'rules')]],
    ['run --source', ['run', '--source', path.join(ROOT, 'fixtures', 'orgs', 'fleet'), '--no-network', '--fail-on', 'never']],
  ])('%s: not jsforce', async (_name, args) => {
    const { code, packages } = await loadedBy(args);
    expect(code).toBe(0);
    expect(packages).toContain('commander');
    expect(packages).not.toContain('jsforce');
  });

  it('run --org: jsforce (the check above sees it when it is loaded)', async () => {
    const { code, packages } = await loadedBy(['run', '--org'], {
      SF_INSTANCE_URL: 'http://127.0.0.1:9',
      SF_ACCESS_TOKEN: '00D000000000001!AQnotAToken',
      SFAUDIT_MAX_ATTEMPTS: '1',
    });
    expect(code).toBe(6);
    expect(packages).toContain('jsforce');
  });
});

describe('a checkout whose build never ran (npm ci --ignore-scripts)', () => {
  /** bin/ beside the sources and, when `withPackages`, node_modules: no dist/. */
  function unbuilt(withPackages: boolean): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sfaudit-unbuilt-'));
    mkdirSync(path.join(dir, 'bin'));
    copyFileSync(path.join(ROOT, 'bin', 'sfaudit.js'), path.join(dir, 'bin', 'sfaudit.js'));
    copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    symlinkSync(path.join(ROOT, 'src'), path.join(dir, 'src'));
    if (withPackages) symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    return dir;
  }
  const sfaudit = (dir: string, args: string[]) => spawnSync(process.execPath, [path.join(dir, 'bin', 'sfaudit.js'), ...args], { cwd: dir, encoding: 'utf8' });

  it('runs the sources through tsx', () => {
    const { status, stdout } = sfaudit(unbuilt(true), ['--version']);
    expect([status, stdout.trim()]).toEqual([0, JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version]);
  });

  it('without tsx either: one line that says to build, no stack trace', () => {
    const dir = unbuilt(false);
    const { status, stderr } = sfaudit(dir, ['--version']);
    expect(status).toBe(70);
    expect(stderr).toBe(`sfaudit: not built (${path.join(dir, 'dist', 'cli', 'main.js')} is missing): run npm run build\n`);
  });
});
