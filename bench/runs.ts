/**
 * One measured run against the emulated org: a scenario's live audit (and the
 * same with no latency), the baseline script, the API budget check. Each runs
 * in a child process; the emulator, in this process, counts the calls.
 */
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isApiCall, startSalesforceEmulator } from '../test/support/salesforce/index.js';
import type { CallLog, SalesforceEmulator } from '../test/support/salesforce/index.js';
import { loadRuleset } from '../src/ruleset/load.js';
import { planNeeds } from '../src/engine/needs.js';
import { heldBoundMs, latencyBoundMs, minimumCalls, scheduleFloorMs, type Listing } from './minimum.js';
import type { JobResult } from './jobs.js';
import type { BenchOptions } from './options.js';
import { auditWall } from './report.js';
import type { BenchResults, CallCounts, ScenarioResult, TimelineCall } from './results.js';
import type { Scenario } from './scenarios.js';
import { runInChild, type ChildOptions } from './spawn.js';

export const API_VERSION = '62.0';
/** A session id of the shape Salesforce issues (jsforce refuses JWT-shaped ones for SOAP). */
export const ACCESS_TOKEN = '00D000000000001!AQbench.session.token';

export function profileDirFor(options: BenchOptions, name: string): string {
  return path.join(options.outDir, 'profiles', name);
}

export function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

export function countCalls(emulator: SalesforceEmulator, from: number): CallCounts {
  const counts: CallCounts = { listMetadata: 0, readMetadata: 0, other: {}, total: 0 };
  for (const call of emulator.calls.slice(from).filter(isApiCall)) {
    counts.total++;
    if (call.method === 'listMetadata') counts.listMetadata++;
    else if (call.method === 'readMetadata') counts.readMetadata++;
    else counts.other[call.method] = (counts.other[call.method] ?? 0) + 1;
  }
  return counts;
}

export async function needsOf(rules: string[]) {
  const loaded = await loadRuleset(rules);
  if (!loaded.ok) throw new Error(`rules do not load: ${loaded.issues.map((i) => i.message).join('; ')}`);
  return planNeeds(loaded.ruleset.rules);
}

/** The emulated org the measured runs use: the generated org, loaded up front, with room for every run's calls. */
export function startBenchEmulator(orgDir: string): Promise<SalesforceEmulator> {
  return startSalesforceEmulator({
    orgDir,
    preload: true,
    accessTokens: [ACCESS_TOKEN],
    apiVersion: API_VERSION,
    // Room for every run of the bench: the reader's own budget guard is tested elsewhere.
    apiUsage: { used: 0, max: 1_000_000 },
  });
}

/**
 * Unmeasured: one read of everything the rules ask for, so the emulator's code is compiled and its listings
 * rendered before the first measured run, as a live org answers warm; each measured run is still a fresh
 * process on the reader's side.
 */
export async function warmUpEmulator(emulator: SalesforceEmulator, options: BenchOptions, rules: string[]): Promise<void> {
  log('warming the emulated org up (not measured)');
  setNetwork(emulator, options, 0);
  await runInChild({ kind: 'live', rules, url: emulator.url, accessToken: ACCESS_TOKEN, apiVersion: API_VERSION });
}

export function setNetwork(emulator: SalesforceEmulator, options: BenchOptions, latencyMs: number): void {
  // reset() also zeroes peakConcurrency, so each run's peak is its own.
  emulator.faults.reset();
  emulator.faults.latencyMs = latencyMs;
  // Opening connections costs what it would over the internet only in measured runs (with their latency).
  emulator.faults.connectLatencyMs = latencyMs > 0 ? options.connectLatencyMs : 0;
  emulator.faults.maxConcurrent = options.serverConcurrency;
}

export async function liveRun(
  scenario: Scenario,
  emulator: SalesforceEmulator,
  options: BenchOptions,
  latencyMs: number,
  cacheDir: string | undefined,
  child: ChildOptions = {},
) {
  setNetwork(emulator, options, latencyMs);
  const from = emulator.calls.length;
  const connectionsFrom = emulator.connections.length;
  const usageBefore = emulator.apiUsage.used;
  // The emulator runs in this process, which otherwise only waits: its CPU is this process's.
  const cpu = process.cpuUsage();
  const live = await runInChild({
    kind: 'live',
    rules: scenario.rules,
    url: emulator.url,
    accessToken: ACCESS_TOKEN,
    apiVersion: API_VERSION,
    ...(cacheDir ? { cacheDir } : {}),
    concurrency: options.clientConcurrency ?? options.serverConcurrency,
  }, child);
  const used = process.cpuUsage(cpu);
  return {
    live,
    log: emulator.calls.slice(from).filter(isApiCall),
    // Connections the reader opened, those it opened ahead included (with no request on them).
    connectionsOpened: emulator.connections.length - connectionsFrom,
    calls: countCalls(emulator, from),
    peakConcurrency: emulator.peakConcurrency,
    emulatorCpuMs: (used.user + used.system) / 1000,
    apiUsage: { before: usageBefore, after: emulator.apiUsage.used, max: emulator.apiUsage.max },
  };
}

/**
 * Respect the org: an org whose daily API usage is a little under the share
 * the reader must stop at (90%), audited with scenario 2's rules, which would
 * take it past that share. The emulator counts every call and refuses none
 * until the allocation is spent, so whatever stops the run is the reader.
 */
export async function budgetRun(options: BenchOptions, orgDir: string, rules: string[], callsNeeded: number): Promise<BenchResults['budget']> {
  const max = 15_000;
  // A quarter of the calls the scenario took before reaching the share: the rest would pass it.
  const start = Math.floor(max * 0.9) - Math.max(1, Math.floor(callsNeeded / 4));
  const emulator = await startSalesforceEmulator({ orgDir, accessTokens: [ACCESS_TOKEN], apiVersion: API_VERSION, apiUsage: { used: start, max } });
  try {
    setNetwork(emulator, options, 0);
    let outcome: string;
    let notes: string[] = [];
    try {
      const job = await runInChild({ kind: 'live', rules, url: emulator.url, accessToken: ACCESS_TOKEN, apiVersion: API_VERSION, concurrency: options.clientConcurrency ?? options.serverConcurrency });
      notes = job.audit?.notes ?? [];
      outcome = `finished: ${job.audit?.summary.errors ?? 0} error findings${job.audit?.errors.length ? ` (${job.audit.errors[0]})` : ''}`;
    } catch (error) {
      outcome = `stopped: ${(error as Error).message.split('\n').find((l) => /API|usage|limit/i.test(l))?.slice(0, 200) ?? (error as Error).message.slice(0, 200)}`;
    }
    return { max, start, end: emulator.apiUsage.used, calls: emulator.calls.filter(isApiCall).length, stopShare: 0.9, outcome, notes: notes.filter((n) => /API|usage|limit/i.test(n)) };
  } finally {
    await emulator.close();
  }
}

export async function runScenario(
  scenario: Scenario,
  emulator: SalesforceEmulator,
  options: BenchOptions,
  listing: Listing,
  orgDir: string,
  cacheDir: string,
  changed?: Set<string>,
): Promise<ScenarioResult> {
  const needs = await needsOf(scenario.rules);
  const minimum = minimumCalls(needs, listing, changed);
  log(`${scenario.title}: folder path (reference findings)`);
  const reference = await runInChild({ kind: 'folder', orgDir, rules: scenario.rules });
  const result: ScenarioResult = {
    scenario,
    minimum,
    reference,
    ...(changed ? { changed: changed.size, changedNeeded: Object.values(minimum.reads).reduce((n, r) => n + r.components, 0) } : {}),
  };

  log(`${scenario.title}: live reader${options.repeat > 1 ? `, ${options.repeat} runs` : ''}`);
  // Every run, and the one with no latency, starts from the cache the scenario found (none: a cold start), so
  // that each measures the same thing; the last measured run leaves the cache as a single run would.
  const startCache = `${cacheDir}-start`;
  copyCache(cacheDir, startCache);
  try {
    const cache = scenario.cache ? cacheDir : undefined;
    const runs: Array<Awaited<ReturnType<typeof liveRun>>> = [];
    for (let i = 0; i < options.repeat; i++) {
      if (i > 0 && cache) copyCache(startCache, cache);
      // Profiled once: a profile slows the run it profiles.
      const profiled = options.cpuProf && i === 0 ? { cpuProfDir: profileDirFor(options, scenario.id) } : {};
      runs.push(await liveRun(scenario, emulator, options, options.latencyMs, cache, profiled));
    }
    const run = medianRun(runs);
    const { log: _log, ...measured } = run;
    Object.assign(result, measured);
    if (runs.length > 1) {
      result.walls = runs.map((r) => auditWall(r.live) ?? 0).sort((a, b) => a - b);
      result.runsAgree = runs.every((r) => r.calls.total === run.calls.total && sameKeys(r.live.audit?.findingKeys, run.live.audit?.findingKeys));
    }
    const concurrency = Math.min(options.serverConcurrency, options.clientConcurrency ?? options.serverConcurrency);
    // Wall and bound both cover the whole audit: the reader's calls and the data rules' record queries.
    result.boundMs = latencyBoundMs(run.calls.total, options.latencyMs, concurrency);
    result.floorMs = scheduleFloorMs(run.log, options.latencyMs, concurrency);
    result.heldBoundMs = heldBoundMs(run.log, concurrency);
    result.timeline = timeline(run.log, run.live.startedAt);
    log(`${scenario.title}: live reader again with no latency (the cost of the code, client and emulator)`);
    const overheadCache = `${cacheDir}-overhead`;
    if (cache) copyCache(startCache, overheadCache);
    const overhead = await liveRun(scenario, emulator, options, 0, cache && overheadCache);
    result.overhead = { wallMs: auditWall(overhead.live) ?? 0, cpuMs: overhead.live.cpuMs, emulatorCpuMs: overhead.emulatorCpuMs };
  } catch (error) {
    const message = (error as Error).message;
    result.liveError = message.slice(0, 300);
    log(`${scenario.title}: no live run (${result.liveError})`);
  } finally {
    rmSync(startCache, { recursive: true, force: true });
    rmSync(`${cacheDir}-overhead`, { recursive: true, force: true });
  }
  return result;
}

/** A cache folder as another was: `to` removed, then `from` copied there if it exists (none: a cold start). */
export function copyCache(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}

/** The middle of a sorted list (of an even number, the first of the middle two). */
export function middle<T>(sorted: readonly T[]): T {
  if (sorted.length === 0) throw new Error('no runs');
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The run with the median wall time (of an even number, the faster of the middle two). */
export function medianRun<T extends { live: JobResult }>(runs: T[]): T {
  return middle([...runs].sort((a, b) => (auditWall(a.live) ?? 0) - (auditWall(b.live) ?? 0)));
}

function sameKeys(a: string[] | undefined, b: string[] | undefined): boolean {
  return a?.length === b?.length && (a ?? []).every((k, i) => k === b?.[i]);
}

/** The calls of a run, in the order they reached the emulator, timed from the run's start. */
export function timeline(calls: CallLog[], startedAt: number): TimelineCall[] {
  return calls.map((c) => ({
    method: c.method,
    ...(c.type ? { type: c.type } : {}),
    ...(c.names ? { what: `${c.names.length} name${c.names.length === 1 ? '' : 's'}` } : c.queries ? { what: c.queries.map((q) => q.type).join(', ') } : {}),
    fromMs: (c.receivedAt ?? startedAt) - startedAt,
    toMs: (c.repliedAt ?? startedAt) - startedAt,
    heldMs: c.heldMs ?? 0,
  }));
}

export async function runBaseline(emulator: SalesforceEmulator, options: BenchOptions, rules: string[]) {
  setNetwork(emulator, options, options.baselineLatencyMs);
  return runInChild({
    kind: 'baseline',
    url: emulator.url,
    accessToken: ACCESS_TOKEN,
    apiVersion: API_VERSION,
    rules,
    ...(options.baselineSample > 0 ? { sample: options.baselineSample } : {}),
  });
}
