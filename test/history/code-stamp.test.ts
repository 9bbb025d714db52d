import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeStamp, stampOf } from '../../src/history/code-stamp.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-stamp-'));
  await mkdir(path.join(dir, 'checks'));
  await writeFile(path.join(dir, 'index.js'), 'export {};\n');
  await writeFile(path.join(dir, 'checks', 'tabs.js'), 'export const kind = "tabs";\n');
  await writeFile(path.join(dir, 'checks', 'tabs.d.ts'), 'export declare const kind: string;\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the stamp of sfaudit’s own code', () => {
  it('is worked out once per process', async () => {
    expect(codeStamp()).toBe(codeStamp());
    expect(await codeStamp()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same files, and changes with a module file in any folder, new or changed', async () => {
    const before = await stampOf(dir);
    expect(await stampOf(dir)).toBe(before);
    await writeFile(path.join(dir, 'checks', 'tabs.js'), 'export const kind = "tabs!";\n');
    const changed = await stampOf(dir);
    expect(changed).not.toBe(before);
    await writeFile(path.join(dir, 'checks', 'list-view.cjs'), 'module.exports = {};\n');
    expect(await stampOf(dir)).not.toBe(changed);
  });

  it('leaves out declaration files and other files: they change nothing a run does', async () => {
    const before = await stampOf(dir);
    await writeFile(path.join(dir, 'checks', 'tabs.d.ts'), 'export declare const kind: "tabs";\n');
    await writeFile(path.join(dir, 'checks', 'tabs.js.map'), '{}\n');
    await writeFile(path.join(dir, 'README.md'), '# notes\n');
    expect(await stampOf(dir)).toBe(before);
  });

  it('is new each time for code it cannot read, so that nothing kept is taken for it', async () => {
    const missing = path.join(dir, 'gone');
    const first = await stampOf(missing);
    expect(first).toMatch(/^unstamped /);
    expect(await stampOf(missing)).not.toBe(first);
  });
});
