import { createHash, randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';

let stamp: Promise<string> | undefined;

/** Module files: what runs. Declaration files (`.d.ts`) are left out: they change nothing a run does. */
const MODULE = /(?<!\.d)\.(c|m)?(j|t)s$/;

/**
 * sfaudit's own code, as names, sizes and modification times of its module files (`src/` when run from
 * source, `dist/` when built), with its version: what the caches of work done (loaded rule files, rules'
 * findings) are keyed by, so that a changed check kind or validator misses every entry. Worked out once.
 *
 * Asynchronous: the folders are read and the files stated side by side on libuv's threads. Walked and stated
 * one by one on the main thread, it took 12-15 ms of it, cold, at the start of every run with a cache, where
 * the rules parse.
 */
export function codeStamp(): Promise<string> {
  return (stamp ??= stampOf(fileURLToPath(new URL('..', import.meta.url))));
}

/**
 * The stamp of the module files under `root`. Never fails: code that cannot be stamped gets a stamp of its own,
 * so that no entry kept before is taken.
 */
export async function stampOf(root: string): Promise<string> {
  try {
    const names = (await moduleFiles(root, '')).sort();
    const sizes = await Promise.all(names.map((name) => stat(path.join(root, name))));
    const hash = createHash('sha256').update(`${VERSION}\0`);
    names.forEach((name, i) => hash.update(`${name}\0${sizes[i]!.size}\0${sizes[i]!.mtimeMs}\0`));
    return hash.digest('hex');
  } catch {
    return `unstamped ${randomUUID()}`;
  }
}

/** The module files under `root`, relative to it: every folder read at once, each on its own trip to libuv. */
async function moduleFiles(root: string, folder: string): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true });
  const found = await Promise.all(
    entries.map((entry) => {
      const name = path.join(folder, entry.name);
      return entry.isDirectory() ? moduleFiles(root, name) : MODULE.test(entry.name) ? [name] : [];
    }),
  );
  return found.flat();
}
