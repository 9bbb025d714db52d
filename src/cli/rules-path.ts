import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ritual shipped with sfaudit, used when the working folder has no `rules/`. */
export const BUNDLED_RULES = fileURLToPath(new URL('../../rules', import.meta.url));

export function defaultRulesPaths(cwd: string): string[] {
  const local = path.join(cwd, 'rules');
  return [existsSync(local) ? local : BUNDLED_RULES];
}
