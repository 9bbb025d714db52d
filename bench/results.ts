/** What one bench run measured, as the report renders it. */
import type { JobResult } from './jobs.js';
import type { MinimumCalls } from './minimum.js';
import type { BenchOptions } from './options.js';
import type { Scenario } from './scenarios.js';
import type { ProfileSummary } from './profile-summary.js';

export interface CallCounts {
  listMetadata: number;
  readMetadata: number;
  /** Everything else (REST queries of data rules, describe, logins ...), by method. */
  other: Record<string, number>;
  total: number;
}

export interface TimelineCall {
  method: string;
  type?: string;
  /** Components a readMetadata asked for, or types a listMetadata listed. */
  what?: string;
  fromMs: number;
  toMs: number;
  heldMs: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  minimum: MinimumCalls;
  /** The folder path on the same org state: the findings the live run must reproduce. */
  reference: JobResult;
  live?: JobResult;
  /** Why there is no live run (e.g. the reader is not there yet). */
  liveError?: string;
  calls?: CallCounts;
  peakConcurrency?: number;
  /** CPU the emulator (in the bench's own process) spent serving the run. */
  emulatorCpuMs?: number;
  /** With --repeat: every measured run's wall time, fastest first. `live` and the figures beside it are the median run's. */
  walls?: number[];
  /** Whether every repeated run made the same calls, and found the same, as the median run. */
  runsAgree?: boolean;
  /** The same run with no latency: what the code costs, client and emulator together. */
  overhead?: { wallMs: number; cpuMs: number; emulatorCpuMs: number };
  /** calls × latency / concurrency, over the calls actually made. */
  boundMs?: number;
  /** Round trips that cannot overlap (list, then read). */
  floorMs?: number;
  /** The latency bound counting the emulator's own time: Σ time each call held a server slot / concurrency. */
  heldBoundMs?: number;
  /** Each call of the measured run: when it reached the emulator and was answered, from the run's start (ms). */
  timeline?: TimelineCall[];
  baseline?: JobResult;
  /** The baseline was measured for another scenario reading the same components (a script has no cache). */
  baselineFrom?: string;
  /** Components changed before this run (scenario 4). */
  changed?: number;
  /** Changed components the org reports with a new lastModifiedDate (a cache can only see those). */
  datesMoved?: { moved: number; of: number };
  /** Of those, the ones the scenario's rules need. */
  changedNeeded?: number;
  apiUsage?: { before: number; after: number; max: number };
}

export interface BenchResults {
  options: BenchOptions;
  startedAt: string;
  totalMs: number;
  org: { objects: number; components: number; byType: Record<string, number>; files: Record<string, number>; bytes: number; generateMs: number; profileBytes: { min: number; max: number } };
  idle: JobResult;
  /** A fixed loop (3·10⁸ additions) in a fresh process, the fastest of three: how fast the machine is just then. */
  cpuCheckMs?: number;
  /** What the children ran: sfaudit's build (dist/, as the sfaudit command does), or src/ through tsx (BENCH_FROM_SOURCE=1). */
  reader?: 'build' | 'source';
  folder: JobResult;
  /** With --cpu-prof: where each measured run's CPU went. */
  profiles?: Array<{ name: string; file: string; summary: ProfileSummary }>;
  scenarios: ScenarioResult[];
  /** Scenario 2 on an org just under the share of its daily API allocation the reader must stop at. */
  budget?: { max: number; start: number; end: number; calls: number; stopShare: number; outcome: string; notes: string[] };
}
