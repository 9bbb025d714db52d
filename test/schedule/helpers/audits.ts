import path from 'node:path';
import type { AuditConfig } from '../../../src/config/types.js';

/** An audit of a fixture folder with history and reports under `dir`, ticking every second. */
export function folderAudit(dir: string, rules: string, source: string, extra: Partial<AuditConfig> = {}): AuditConfig {
  const output = path.join(dir, 'reports');
  return {
    name: 'fleet',
    schedule: '* * * * * *',
    timezone: 'UTC',
    rules: [rules],
    source,
    formats: ['text', 'json'],
    output,
    history: { dir: path.join(output, 'history'), retention: { keep: 100 } },
    failOn: 'warning',
    position: { file: 'test', line: 1, column: 1 },
    ...extra,
  };
}

/** Resolves when `check` is true, polling; fails after `ms` (a bound, not a timing assertion). */
export async function until(check: () => boolean, ms = 8000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
