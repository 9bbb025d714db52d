import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { ROOT } from '../support/audit-helpers.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process (fast; jsforce and the emulator still talk over a real socket). */
export async function runInProcess(args: string[], env: NodeJS.ProcessEnv, options: Partial<CliIO> = {}): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { SFAUDIT_RETRY_BASE_MS: '1', ...env },
    cwd: ROOT,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    ...options,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
