import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue, loadRuleset, type LoadResult } from '../ruleset/load.js';
import type { ConfigIssue } from '../ruleset/types.js';
import type { CliIO } from './io.js';

/** The ritual shipped with sfaudit, used when the working folder has no `rules/`. */
export const BUNDLED_RULES = fileURLToPath(new URL('../../rules', import.meta.url));

export function defaultRulesPaths(cwd: string): string[] {
  const local = path.join(cwd, 'rules');
  return [existsSync(local) ? local : BUNDLED_RULES];
}

/**
 * The rules a command was given (`--rules`, else ./rules, else the bundled ritual), shown relative to the working folder.
 * `cache`: the `--cache` folder, where files loaded before are kept.
 */
export function loadCommandRules(paths: readonly string[] | undefined, io: CliIO, cache?: string): Promise<LoadResult> {
  const targets = (paths?.length ? paths : defaultRulesPaths(io.cwd)).map((p) => path.resolve(io.cwd, p));
  return loadRuleset(targets, { relativeTo: io.cwd, ...(cache ? { cacheDir: path.resolve(io.cwd, cache) } : {}) });
}

/** Each issue on a line of stderr, its file relative to the working folder; returns how many, in words ("2 problems"). */
export function printIssues(issues: readonly ConfigIssue[], io: CliIO): string {
  for (const issue of issues) io.stderr(`${formatIssue({ ...issue, file: path.relative(io.cwd, issue.file) || issue.file })}\n`);
  return `${issues.length} problem${issues.length === 1 ? '' : 's'}`;
}
