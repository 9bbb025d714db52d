/** Runs a bench job in a child process of its own and returns what it measured. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './generate/index.js';
import { RESULT_PREFIX, type Job, type JobResult } from './jobs.js';
import { PROXY_VARIABLES } from '../src/sources/org/connections.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const BUILT_READER = fileURLToPath(new URL('./built-reader.mjs', import.meta.url));

/**
 * Whether the children run sfaudit's build (dist/, as the `sfaudit` command does; see built-reader.mjs) or its
 * sources through tsx (`BENCH_FROM_SOURCE=1`: no build needed, e.g. for temporary marks while tracing).
 */
export const FROM_SOURCE = process.env.BENCH_FROM_SOURCE === '1';

/** Builds dist/ from the sources as they are now, so that the children measure this checkout's code. */
export function buildReader(): void {
  if (FROM_SOURCE) return;
  const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`bench: building dist/ failed (npm run build):\n${built.stdout}${built.stderr}`);
}

/** jsforce sends every request through HTTP(S)_PROXY, 127.0.0.1 included: the children must not see one. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, NO_COLOR: '1' };
  for (const key of PROXY_VARIABLES) delete env[key];
  return env;
}

export interface ChildOptions {
  cpuProfDir?: string;
  /** Added to the child's environment (e.g. the reader's SFAUDIT_* tuning). */
  env?: Record<string, string>;
  /** Node options for the child (e.g. V8 flags), before the loader. */
  nodeFlags?: string[];
}

export async function runInChild(job: Job, options: ChildOptions = {}): Promise<JobResult> {
  const args = [
    ...(options.nodeFlags ?? []),
    ...(FROM_SOURCE ? [] : ['--import', BUILT_READER]),
    '--import',
    'tsx',
    ...(options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : []),
    CHILD,
    JSON.stringify(job),
  ];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line) throw new Error(`bench ${job.kind} job exited with ${code}: ${stderr.trim() || stdout.trim()}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as JobResult;
}
