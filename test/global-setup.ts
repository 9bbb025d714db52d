import { execFileSync } from 'node:child_process';

/**
 * CLI tests run the built `bin/sfaudit.js` the way users do, so build once
 * before the suite (fast: tsc on src only).
 */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
