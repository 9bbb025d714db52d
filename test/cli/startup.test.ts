import { mkdtempSync, readFileSync } from 'node:fs';
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
