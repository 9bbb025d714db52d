import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';

let stamp: string | undefined;

/**
 * sfaudit's own code, as names, sizes and modification times of its module files (`src/` when run from
 * source, `dist/` when built), with its version: what the caches of work done (loaded rule files, rules'
 * findings) are keyed by, so that a changed check kind or validator misses every entry. Worked out once.
 */
export function codeStamp(): string {
  if (stamp !== undefined) return stamp;
  const root = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256').update(`${VERSION}\0`);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(c|m)?(j|t)s$/.test(entry.name)) {
        const info = statSync(full);
        hash.update(`${path.relative(root, full)}\0${info.size}\0${info.mtimeMs}\0`);
      }
    }
  };
  walk(root);
  return (stamp = hash.digest('hex'));
}
