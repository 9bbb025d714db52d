/**
 * `npm run bench`: generates the big org, serves it through the Salesforce
 * API emulator with per-call latency and a server-side concurrency cap, runs
 * each scenario in a child process of its own (live reader + audit), beside
 * the folder path and the one-by-one jsforce baseline, and writes the results
 * to BENCHMARKS.md. Benchmarks are not tests: nothing here fails on a number.
 */
// Before anything loads jsforce: it would send even 127.0.0.1 requests through HTTP(S)_PROXY.
import '../test/support/salesforce/no-proxy.js';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateOrg, SOURCE_DIR } from './generate/index.js';
import { mutateOrg } from './generate/mutate.js';
import { FULL_SHAPE, SMALL_SHAPE } from './generate/plan.js';
import { countComponents, folderListing } from './listing.js';
import { HELP, parseOptions, type BenchOptions } from './options.js';
import { renderConsole, updateBenchmarksFile } from './report.js';
import type { BenchResults, ScenarioResult } from './results.js';
import { scenarios, RITUAL_RULES, type Scenario } from './scenarios.js';
import { buildReader, FROM_SOURCE, runInChild } from './spawn.js';
import { ACCESS_TOKEN, API_VERSION, budgetRun, log, profileDirFor, runBaseline, runScenario, setNetwork, startBenchEmulator, warmUpEmulator } from './runs.js';
import { datesMoved, listedDates } from './org-dates.js';
import { mainProfile, summariseProfile } from './profile-summary.js';

function summariseProfiles(options: BenchOptions): BenchResults['profiles'] {
  const out: NonNullable<BenchResults['profiles']> = [];
  for (const name of ['folder', 'ritual', 'org-wide', 'org-wide-cache', 'incremental']) {
    const dir = profileDirFor(options, name);
    const file = existsSync(dir) ? mainProfile(dir) : undefined;
    if (file) out.push({ name, file: path.relative(process.cwd(), file), summary: summariseProfile(file, 8) });
  }
  return out;
}

function profileBytes(orgDir: string): { min: number; max: number } {
  const dir = path.join(orgDir, SOURCE_DIR, 'profiles');
  const sizes = readdirSync(dir).map((f) => statSync(path.join(dir, f)).size);
  return { min: Math.min(...sizes), max: Math.max(...sizes) };
}

/** `run` made `times` times, one after another (child processes measured alone). */
async function sequentially<T>(times: number, run: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await run());
  return out;
}

async function main(): Promise<void> {
  const parsed = parseOptions(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const options = parsed;
  const started = performance.now();
  log(FROM_SOURCE ? 'the reader runs from src/ through tsx (BENCH_FROM_SOURCE=1)' : 'building dist/: the children run the build, as the sfaudit command does');
  buildReader();
  const startedAt = new Date().toISOString();
  mkdirSync(options.outDir, { recursive: true });
  const orgDir = options.orgDir;
  const cacheDir = path.join(options.outDir, 'cache');
  rmSync(cacheDir, { recursive: true, force: true });

  const generated = generateOrg(orgDir, { seed: options.seed, shape: options.small ? SMALL_SHAPE : FULL_SHAPE });
  const listing = await folderListing(orgDir);
  log(`generated ${orgDir} in ${(generated.ms / 1000).toFixed(1)} s (${countComponents(listing)} components, ${(generated.bytes / 1e6).toFixed(1)} MB)`);
  const [ritual, orgWide, orgWideCache, incremental] = scenarios(generated.plan, options.outDir) as [Scenario, Scenario, Scenario, Scenario];

  const idle = await runInChild({ kind: 'idle' });
  // The same code runs twice as long on some machines of this kind as on others: a number to compare them by.
  const cpuCheckMs = Math.min(...(await sequentially(3, () => runInChild({ kind: 'cpu-check' }))).map((r) => r.wallMs));
  log('folder path: readFolder + audit, ritual and org-wide rules together');
  if (options.cpuProf) rmSync(path.join(options.outDir, 'profiles'), { recursive: true, force: true });
  const folder = await runInChild(
    { kind: 'folder', orgDir, rules: [RITUAL_RULES, ...orgWide.rules] },
    options.cpuProf ? { cpuProfDir: profileDirFor(options, 'folder') } : {},
  );

  const emulator = await startBenchEmulator(orgDir);
  const results: ScenarioResult[] = [];
  try {
    await warmUpEmulator(emulator, options, [...ritual.rules, ...orgWide.rules]);
    for (const scenario of [ritual, orgWide]) {
      const result = await runScenario(scenario, emulator, options, listing, orgDir, cacheDir);
      if (!options.skipBaseline) {
        log(`${scenario.title}: baseline (one readMetadata per component, sequential)`);
        result.baseline = await runBaseline(emulator, options, scenario.rules);
      }
      results.push(result);
    }
    results.push(await runScenario(orgWideCache, emulator, options, listing, orgDir, cacheDir));
    // Outside any measured run: what the org says about the components before and after they change.
    setNetwork(emulator, options, 0);
    const mutable = ['CompactLayout', 'CustomApplication', 'CustomField', 'CustomObject', 'FlexiPage', 'Layout', 'ListView', 'Profile', 'WebLink'];
    const datesBefore = await listedDates(emulator.url, ACCESS_TOKEN, API_VERSION, mutable);
    const changes = await mutateOrg(orgDir, { seed: options.seed });
    writeFileSync(path.join(options.outDir, 'changes.json'), `${JSON.stringify(changes, null, 2)}\n`);
    await emulator.reload();
    const changed = new Set(changes.map((c) => `${c.type}|${c.fullName}`));
    const dates = datesMoved(datesBefore, await listedDates(emulator.url, ACCESS_TOKEN, API_VERSION, mutable), changed);
    log(`changed ${changes.length} components (1% of each type); the org reports a new lastModifiedDate for ${dates.moved} of them`);
    const s4 = await runScenario(incremental, emulator, options, await folderListing(orgDir), orgDir, cacheDir, changed);
    s4.datesMoved = dates;
    const s2 = results[1];
    if (s2?.baseline) {
      s4.baseline = s2.baseline;
      s4.baselineFrom = orgWide.title;
    }
    results.push(s4);
  } finally {
    await emulator.close();
  }
  log('respect the org: scenario 2 on an org just under 90% of its daily API allocation');
  const budget = await budgetRun(options, orgDir, orgWide.rules, results[1]?.calls?.total ?? 100);

  const byType: Record<string, number> = {};
  for (const [type, names] of listing) byType[type] = names.length;
  const bench: BenchResults = {
    options,
    startedAt,
    totalMs: performance.now() - started,
    org: {
      objects: listing.get('CustomObject')?.length ?? 0,
      components: countComponents(listing),
      byType,
      files: generated.files,
      bytes: generated.bytes,
      generateMs: generated.ms,
      profileBytes: profileBytes(orgDir),
    },
    idle,
    cpuCheckMs,
    reader: FROM_SOURCE ? 'source' : 'build',
    folder,
    ...(options.cpuProf ? { profiles: summariseProfiles(options) } : {}),
    scenarios: results,
    budget,
  };
  writeFileSync(path.join(options.outDir, 'results.json'), `${JSON.stringify(bench, null, 2)}\n`);
  process.stdout.write(renderConsole(bench));
  if (options.write) {
    updateBenchmarksFile(options.write, bench);
    log(`wrote ${path.relative(process.cwd(), options.write)}`);
  }
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
