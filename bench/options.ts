/** `npm run bench -- [flags]`; every flag also reads an environment variable (flags win). */
import { accessSync, constants } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, DEFAULT_SEED } from './generate/index.js';

export interface BenchOptions {
  /** Added by the emulator to every request. */
  latencyMs: number;
  /** Added to the first request of each connection: opening one over the internet (0: none, as on 127.0.0.1). */
  connectLatencyMs: number;
  /** Server-side cap on requests handled at once (more wait in a queue). */
  serverConcurrency: number;
  /** Requests the live reader keeps in flight; the server cap when absent. */
  clientConcurrency?: number;
  /** Components the baseline reads one by one before extrapolating; 0 reads them all. */
  baselineSample: number;
  /** Latency while the baseline runs (default: the same). */
  baselineLatencyMs: number;
  seed: number;
  small: boolean;
  /** Rules, cache, results and profiles. */
  outDir: string;
  /** The generated org (rewritten on every run). */
  orgDir: string;
  /** BENCHMARKS.md to update; none with --no-write. */
  write?: string;
  /** Also run the folder path under `node --cpu-prof` (profiles land in <outDir>/profiles). */
  cpuProf: boolean;
  skipBaseline: boolean;
  /**
   * Measured live runs per scenario. Wall times on shared cores vary by tens of ms from run to run: the report
   * shows the run with the median wall time, and the fastest and slowest.
   */
  repeat: number;
}

const HELP = `npm run bench -- [options]
  --latency <ms>            per-call latency of the emulated org (BENCH_LATENCY_MS, default 100)
  --connect-latency <ms>    added to the first call on each new connection: its TCP and TLS handshakes (BENCH_CONNECT_LATENCY_MS, default 0)
  --concurrency <n>         server-side cap on concurrent requests (BENCH_CONCURRENCY, default 10)
  --client-concurrency <n>  requests the reader keeps in flight (BENCH_CLIENT_CONCURRENCY, default: the cap)
  --baseline-sample <n>     components the one-by-one baseline reads before extrapolating, 0 = all (BENCH_BASELINE_SAMPLE, default 300)
  --baseline-latency <ms>   latency while the baseline runs (BENCH_BASELINE_LATENCY_MS, default: --latency)
  --no-baseline             skip the baseline
  --repeat <n>              measured live runs per scenario; the report shows the median one and the range (BENCH_REPEAT, default 5)
  --seed <n>                generator seed (BENCH_SEED, default ${DEFAULT_SEED})
  --small                   a small org (a quick check of the bench itself)
  --out <dir>               where rules, cache, results and profiles go (default bench/.out)
  --org-dir <dir>           where the org is generated (BENCH_ORG_DIR, default a RAM-backed temp dir when there is one)
  --write <file>            the results file to update (default BENCHMARKS.md); --no-write prints only
  --cpu-prof                profile every measured run with node --cpu-prof (the first of each scenario's repeats)
`;

/**
 * 35 MB in 10,000 files, rewritten on every run: on a slow virtual disk that is
 * I/O time (and other people's I/O) the bench does not measure, so RAM when possible.
 */
function defaultOrgDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm/sfaudit-bench-org';
  } catch {
    return path.join(os.tmpdir(), 'sfaudit-bench-org');
  }
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | 'help' {
  const args = [...argv];
  const take = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
    args.splice(i, 2);
    return value;
  };
  const flag = (name: string): boolean => {
    const i = args.indexOf(name);
    if (i >= 0) args.splice(i, 1);
    return i >= 0;
  };
  const num = (name: string, envName: string, fallback: number): number => {
    const raw = take(name) ?? env[envName];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, got ${raw}`);
    return value;
  };
  if (flag('--help') || flag('-h')) return 'help';
  const latencyMs = num('--latency', 'BENCH_LATENCY_MS', 100);
  const clientRaw = take('--client-concurrency') ?? env['BENCH_CLIENT_CONCURRENCY'];
  const options: BenchOptions = {
    latencyMs,
    connectLatencyMs: num('--connect-latency', 'BENCH_CONNECT_LATENCY_MS', 0),
    serverConcurrency: Math.max(1, num('--concurrency', 'BENCH_CONCURRENCY', 10)),
    ...(clientRaw ? { clientConcurrency: Math.max(1, Number(clientRaw)) } : {}),
    baselineSample: num('--baseline-sample', 'BENCH_BASELINE_SAMPLE', 300),
    baselineLatencyMs: num('--baseline-latency', 'BENCH_BASELINE_LATENCY_MS', latencyMs),
    seed: num('--seed', 'BENCH_SEED', DEFAULT_SEED),
    small: flag('--small'),
    outDir: path.resolve(take('--out') ?? path.join(REPO_ROOT, 'bench/.out')),
    orgDir: path.resolve(take('--org-dir') ?? env['BENCH_ORG_DIR'] ?? defaultOrgDir()),
    cpuProf: flag('--cpu-prof'),
    skipBaseline: flag('--no-baseline'),
    repeat: Math.max(1, Math.round(num('--repeat', 'BENCH_REPEAT', 5))),
  };
  const noWrite = flag('--no-write');
  const write = take('--write');
  if (!noWrite) options.write = path.resolve(write ?? path.join(REPO_ROOT, 'BENCHMARKS.md'));
  if (args.length) throw new Error(`unknown argument ${args[0]}\n\n${HELP}`);
  return options;
}

export { HELP };
