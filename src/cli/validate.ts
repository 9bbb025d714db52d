import path from 'node:path';
import { loadRuleset, formatIssue } from '../ruleset/load.js';
import { EXIT } from '../report/exit-code.js';
import type { CliIO } from './io.js';
import { defaultRulesPaths } from './rules-path.js';

/** `sfaudit validate [paths]`: check rule files without touching an org. */
export async function validateCommand(paths: string[], io: CliIO): Promise<number> {
  const targets = (paths.length ? paths : defaultRulesPaths(io.cwd)).map((p) => path.resolve(io.cwd, p));
  const loaded = await loadRuleset(targets, { relativeTo: io.cwd });
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stderr(`${formatIssue({ ...issue, file: path.relative(io.cwd, issue.file) || issue.file })}\n`);
    io.stderr(`sfaudit: ${loaded.issues.length} problem${loaded.issues.length === 1 ? '' : 's'} found\n`);
    return EXIT.usage;
  }
  const { rules, files } = loaded.ruleset;
  io.stdout(`ok: ${rules.length} rules in ${files.length} file${files.length === 1 ? '' : 's'} (${files.map((f) => path.relative(io.cwd, f) || f).join(', ')})\n`);
  return EXIT.ok;
}
