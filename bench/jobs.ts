/**
 * What a bench child process runs. Each measured run gets a process of its
 * own, so its peak RSS (maxRSS) and CPU time are its own, not the emulator's
 * or an earlier scenario's.
 */
import { loadRuleset } from '../src/ruleset/load.js';
import { audit } from '../src/engine/audit.js';
import type { DoneWhileReading } from '../src/engine/while-reading.js';
import { CHECK_KINDS } from '../src/checks/index.js';
import { planNeeds } from '../src/engine/needs.js';
import { readFolder } from '../src/sources/folder/read-folder.js';
import type { OrgModel } from '../src/model/types.js';
import type { Report } from '../src/report/report.js';
import type { Ruleset } from '../src/ruleset/types.js';
import type { RecordSource } from '../src/records/types.js';
import { readOneByOne } from './baseline.js';
import { readLive, type LiveReadOptions } from './live-reader.js';

/** Marks the child's result line on stdout. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

export type Job =
  | { kind: 'idle' }
  /** A fixed loop, in a fresh process: the CPU check of the machine line (see run.ts). */
  | { kind: 'cpu-check' }
  | { kind: 'folder'; orgDir: string; rules: string[] }
  | ({ kind: 'live'; rules: string[] } & LiveReadOptions)
  | { kind: 'baseline'; url: string; accessToken: string; apiVersion: string; rules: string[]; sample?: number };

export interface AuditOutcome {
  /** Components in the model the audit ran on. */
  components: number;
  auditMs: number;
  auditCpuMs: number;
  summary: Report['summary'];
  /** `status rule | component | location | expected | actual` of metadata rules, sorted: compared across sources. */
  findingKeys: string[];
  /** Findings of data rules (records), left out of `findingKeys`. */
  dataFindings: number;
  notes: string[];
  /** The first few `error` findings' messages. */
  errors: string[];
}

export interface JobResult {
  kind: Job['kind'];
  /** From just before the job's work to its end (module loading excluded). */
  wallMs: number;
  /** When the job's work started (epoch ms): lines the emulator's call log up with the run. */
  startedAt: number;
  cpuMs: number;
  /** Peak resident set of the whole child process, startup included. */
  maxRssMb: number;
  /** Reading the source; for a live job from the start, as the rules load meanwhile (as `run --org` does). */
  readMs?: number;
  audit?: AuditOutcome;
  /** Whatever the source reports (API calls, cache hits ...). */
  sourceStats?: Record<string, unknown>;
  baseline?: { listCalls: number; components: number; read: number; listMs: number; readMs: number; wallMs: number; extrapolated: boolean };
}

/**
 * 3·10⁸ additions of a remainder: no code of sfaudit's or of its libraries, so that the number compares
 * machines, and runs of different code. Took 471-741 ms on the same kind of machine on 27 November.
 */
function cpuCheckLoop(): number {
  let sum = 0;
  for (let i = 0; i < 300_000_000; i++) sum += i % 7;
  return sum;
}

export function countModel(org: OrgModel): number {
  let n = org.layouts.size + org.profiles.size + org.apps.size + org.flexiPages.size + org.objects.size;
  for (const o of org.objects.values()) n += o.fields.size + o.listViews.size + o.compactLayouts.size + o.webLinks.size;
  return n;
}

async function rulesFrom(paths: string[], cacheDir?: string): Promise<Ruleset> {
  const loaded = await loadRuleset(paths, cacheDir ? { cacheDir } : {});
  if (!loaded.ok) throw new Error(`rules do not load: ${loaded.issues.map((i) => `${i.file}:${i.line} ${i.message}`).join('; ')}`);
  return loaded.ruleset;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Rule evaluation alone, timed: links are checked for form only (a bench makes no outside requests). */
async function timedAudit(org: OrgModel, ruleset: Ruleset, records?: RecordSource, meanwhile: DoneWhileReading = {}): Promise<AuditOutcome> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await audit(org, ruleset, {
    links: { network: false },
    now: new Date('2026-01-05T08:00:00Z'),
    ...(records ? { records } : {}),
    // As `run --org` does: rules checked ahead taken as they are; with --cache, the findings kept for next time
    // saved by the audit (timed with it).
    ...meanwhile,
  });
  const auditMs = performance.now() - started;
  const auditCpuMs = cpuMsSince(cpu);
  // Data rules name records by id, which differ between a folder's data files (refs) and an org: compared apart.
  const dataRules = new Set(ruleset.rules.filter((r) => CHECK_KINDS[r.kind]?.needs(r).some((n) => n.type === 'Record')).map((r) => r.id));
  const findingKeys = report.findings
    .filter((f) => !dataRules.has(f.ruleId))
    .map((f) => [f.status, f.ruleId, f.component, f.location ?? '', f.expected ?? '', f.actual ?? ''].join(' | '))
    .sort();
  const dataFindings = report.findings.filter((f) => dataRules.has(f.ruleId)).length;
  // What the report says about the run itself (e.g. an API budget reached), and errors that stopped rules.
  const errors = report.findings.filter((f) => f.status === 'error').slice(0, 3).map((f) => f.message);
  return { components: countModel(org), auditMs, auditCpuMs, summary: report.summary, findingKeys, dataFindings, notes: report.notes, errors };
}

export async function runJob(job: Job): Promise<JobResult> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result: Partial<JobResult> = { kind: job.kind, startedAt: performance.timeOrigin + started };
  switch (job.kind) {
    case 'idle':
      break;
    case 'cpu-check':
      // Its result used, so that no compiler drops the loop.
      if (cpuCheckLoop() < 0) throw new Error('a sum of remainders cannot be negative');
      break;
    case 'folder': {
      const ruleset = await rulesFrom(job.rules);
      const readStart = performance.now();
      // As `run --source` does: the files holding what the rules need.
      const { org } = await readFolder(job.orgDir, { needs: planNeeds(ruleset.rules) });
      result.readMs = performance.now() - readStart;
      result.audit = await timedAudit(org, ruleset);
      break;
    }
    case 'live': {
      // As `run --org` does: the org is connected to, and its API usage read, while the rules load.
      const loading = rulesFrom(job.rules, job.cacheDir);
      const { org, stats, records, aheadCpuMs, ...meanwhile } = await readLive(loading.then((r) => r.rules), job);
      const ruleset = await loading;
      result.readMs = performance.now() - started;
      result.sourceStats = stats;
      result.audit = await timedAudit(org, ruleset, records, meanwhile);
      // Rules checked while the reads were on the way are evaluated too: their CPU counts.
      result.audit.auditCpuMs += aheadCpuMs();
      break;
    }
    case 'baseline': {
      const { Connection } = (await import('jsforce')).default;
      const conn = new Connection({ instanceUrl: job.url, accessToken: job.accessToken, version: job.apiVersion });
      const ruleset = await rulesFrom(job.rules);
      const { org, ...baseline } = await readOneByOne(conn, planNeeds(ruleset.rules), job.sample);
      result.baseline = baseline;
      result.readMs = baseline.listMs + baseline.readMs;
      // A sampled read holds part of the org only: auditing it would report made-up discrepancies.
      if (!baseline.extrapolated) result.audit = await timedAudit(org, ruleset);
      break;
    }
  }
  result.wallMs = performance.now() - started;
  result.cpuMs = cpuMsSince(cpu);
  result.maxRssMb = process.resourceUsage().maxRSS / 1024;
  return result as JobResult;
}
