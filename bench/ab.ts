/**
 * `npm run bench:ab`: one scenario of the bench, run under two settings (A and B) in alternating order
 * against one warm emulated org, so that a difference of a few ms shows through the noise of shared cores
 * (on two cores the same run moves by 20–40 ms from one run to the next). Each run is a fresh reader
 * process; with a cache, each starts from the same one. A setting is what the reader's process gets:
 * environment (the reader's SFAUDIT_* tuning) and Node options (V8 flags).
 */
// Before anything loads jsforce: it would send even 127.0.0.1 requests through HTTP(S)_PROXY.
import '../test/support/salesforce/no-proxy.js';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { SalesforceEmulator } from '../test/support/salesforce/index.js';
import { AB_HELP, describeSide, parseAbArgs, type AbOptions, type Side } from './ab-options.js';
import { generateOrg } from './generate/index.js';
import { mutateOrg } from './generate/mutate.js';
import { FULL_SHAPE, SMALL_SHAPE } from './generate/plan.js';
import { parseOptions, type BenchOptions } from './options.js';
import { auditWall, ms } from './report.js';
import { copyCache, liveRun, log, middle, startBenchEmulator, warmUpEmulator } from './runs.js';
import { buildReader } from './spawn.js';
import { scenarios, type Scenario } from './scenarios.js';
import { signTestP } from './sign-test.js';

interface SideRuns {
  walls: number[];
  callTotals: Set<number>;
}

async function main(): Promise<void> {
  const parsed = parseAbArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(AB_HELP);
    return;
  }
  const { ab, rest } = parsed;
  const options = parseOptions(rest);
  if (options === 'help') {
    process.stdout.write(AB_HELP);
    return;
  }
  // Both sides run the build: put a change behind a variable while measuring, as for a setting.
  buildReader();
  const generated = generateOrg(options.orgDir, { seed: options.seed, shape: options.small ? SMALL_SHAPE : FULL_SHAPE });
  const all = scenarios(generated.plan, options.outDir);
  const scenario = all.find((s) => s.id === ab.scenario)!;
  const cacheDir = path.join(options.outDir, 'cache-ab');
  const startCache = `${cacheDir}-start`;
  for (const dir of [cacheDir, startCache]) rmSync(dir, { recursive: true, force: true });

  const emulator = await startBenchEmulator(options.orgDir);
  try {
    await warmUpEmulator(emulator, options, scenario.rules);
    if (scenario.afterChange) {
      // As the bench does: the cache a first run left, then 1% of the components changed.
      log('filling the cache, then changing 1% of the components');
      await liveRun(all.find((s) => s.id === 'org-wide-cache') as Scenario, emulator, options, options.latencyMs, cacheDir);
      await mutateOrg(options.orgDir, { seed: options.seed });
      await emulator.reload();
      copyCache(cacheDir, startCache);
    }
    const sides: Record<'A' | 'B', SideRuns> = { A: { walls: [], callTotals: new Set() }, B: { walls: [], callTotals: new Set() } };
    let bFaster = 0;
    log(`${scenario.title}: ${ab.pairs} pairs of runs; A: ${describeSide(ab.a)}; B: ${describeSide(ab.b)}`);
    for (let i = 0; i < ab.pairs; i++) {
      // Alternating which goes first, so that neither always follows the other.
      const order: Array<'A' | 'B'> = i % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
      const pair = { A: 0, B: 0 };
      for (const name of order) {
        pair[name] = await oneRun(scenario, emulator, options, name === 'A' ? ab.a : ab.b, scenario.cache ? { cacheDir, startCache } : undefined, sides[name]);
      }
      if (pair.B < pair.A) bFaster++;
    }
    process.stdout.write(render(ab, scenario, options, sides, bFaster));
  } finally {
    await emulator.close();
    for (const dir of [cacheDir, startCache]) rmSync(dir, { recursive: true, force: true });
  }
}

async function oneRun(
  scenario: Scenario,
  emulator: SalesforceEmulator,
  options: BenchOptions,
  side: Side,
  cache: { cacheDir: string; startCache: string } | undefined,
  into: SideRuns,
): Promise<number> {
  if (cache) copyCache(cache.startCache, cache.cacheDir);
  const run = await liveRun(scenario, emulator, options, options.latencyMs, cache?.cacheDir, { env: side.env, nodeFlags: side.nodeFlags });
  const wall = auditWall(run.live) ?? 0;
  into.walls.push(wall);
  into.callTotals.add(run.calls.total);
  return wall;
}

const median = (values: number[]): number => middle([...values].sort((a, b) => a - b));

function render(ab: AbOptions, scenario: Scenario, options: BenchOptions, sides: Record<'A' | 'B', SideRuns>, bFaster: number): string {
  const line = (name: 'A' | 'B') => {
    const { walls, callTotals } = sides[name];
    const mean = walls.reduce((n, w) => n + w, 0) / walls.length;
    return `${name} (${describeSide(name === 'A' ? ab.a : ab.b)}): median ${ms(median(walls))}, mean ${ms(mean)}, ${ms(Math.min(...walls))}–${ms(Math.max(...walls))}; calls ${[...callTotals].join(' or ')}`;
  };
  const a = median(sides.A.walls);
  const b = median(sides.B.walls);
  const calls = new Set([...sides.A.callTotals, ...sides.B.callTotals]);
  return [
    `${scenario.title}, ${options.latencyMs} ms latency, ${ab.pairs} runs each`,
    line('A'),
    line('B'),
    `B − A: ${Math.round(b - a) === 0 ? '±' : b > a ? '+' : '−'}${ms(Math.abs(b - a))} on the medians (${(b / a).toFixed(3)}×); B was faster in ${bFaster} of ${ab.pairs} pairs (sign test: p = ${signTestP(bFaster, ab.pairs).toFixed(2)}, how often a coin splits them at least as unevenly)`,
    ...(calls.size > 1 ? ['The runs did not all make the same number of calls: compare the settings, not only the times.'] : []),
    '',
  ].join('\n');
}

main().catch((error) => {
  process.stderr.write(`bench:ab failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
