import path from 'node:path';
import { EXIT } from '../report/exit-code.js';
import type { CliIO } from './io.js';
import { loadCommandRules, printIssues } from './command-rules.js';

/** `sfaudit validate [paths]`: check rule files without touching an org. */
export async function validateCommand(paths: string[], io: CliIO): Promise<number> {
  const loaded = await loadCommandRules(paths, io);
  if (!loaded.ok) {
    io.stderr(`sfaudit: ${printIssues(loaded.issues, io)} found\n`);
    return EXIT.usage;
  }
  const { rules, files } = loaded.ruleset;
  io.stdout(`ok: ${rules.length} rules in ${files.length} file${files.length === 1 ? '' : 's'} (${files.map((f) => path.relative(io.cwd, f) || f).join(', ')})\n`);
  return EXIT.ok;
}
