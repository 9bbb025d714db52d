#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli/main.js', import.meta.url);
const { main } = existsSync(built) ? await import(built.href) : await fromSources();

process.exitCode = await main(process.argv.slice(2));

// Every command awaits what it needs before it returns. What may still be on the way is work started
// ahead and no longer wanted (the org connected to while rules loaded that then did not load): it must
// not hold the exit until its network timeout. Once the output is written out, the process ends.
setInterval(() => {
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
}, 250).unref();

/**
 * A checkout whose build never ran: `npm ci` builds it (`prepare`), but not with `--ignore-scripts`, nor
 * under an npm that holds lifecycle scripts back. The sources then run through tsx, a dev dependency, so
 * that `npx sfaudit` works from a clean clone all the same (slower to start). A package has its build.
 */
async function fromSources() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write(`sfaudit: not built (${fileURLToPath(built)} is missing): run npm run build\n`);
    process.exit(70);
  }
  return import('../src/cli/main.ts');
}
