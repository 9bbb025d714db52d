import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * CLI tests run the built `bin/sfaudit.js` the way users do, so build once
 * before the suite (fast: tsc on src only).
 *
 * Every temporary folder the tests make (orgs copied to edit, caches, snapshots, rule files) and the CLI
 * runs they start go under one folder for the run, removed when it ends: `os.tmpdir()` follows TMPDIR,
 * and the test processes and their children inherit it. Tests need not clean up after themselves to
 * leave nothing behind (a run used to leave about 70 folders in the machine's temp folder).
 */
export default function setup(): () => void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(path.join(os.tmpdir(), 'sfaudit-tests-'));
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
