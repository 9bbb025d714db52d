import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bench/options.js';

describe('bench options', () => {
  it('defaults to 100 ms of latency, a cap of 10 requests, a 300-component baseline sample and 5 runs of each scenario', () => {
    const o = parseOptions([], {});
    expect(o).toMatchObject({ latencyMs: 100, connectLatencyMs: 0, serverConcurrency: 10, baselineSample: 300, baselineLatencyMs: 100, small: false, cpuProf: false, repeat: 5 });
    expect(o !== 'help' && path.basename(o.write ?? '')).toBe('BENCHMARKS.md');
  });

  it('reads flags, then the environment', () => {
    const o = parseOptions(['--latency', '20', '--baseline-sample', '0', '--no-write', '--org-dir', '/tmp/x'], { BENCH_LATENCY_MS: '50', BENCH_CONCURRENCY: '25' });
    expect(o).toMatchObject({ latencyMs: 20, serverConcurrency: 25, baselineSample: 0, baselineLatencyMs: 20, orgDir: path.resolve('/tmp/x') });
    expect(o !== 'help' && o.write).toBeUndefined();
    expect(parseOptions(['--connect-latency', '150'], {})).toMatchObject({ connectLatencyMs: 150 });
    expect(parseOptions(['--repeat', '3'], { BENCH_REPEAT: '9' })).toMatchObject({ repeat: 3 });
    expect(parseOptions([], { BENCH_REPEAT: '9' })).toMatchObject({ repeat: 9 });
    // At least one run, whatever is asked.
    expect(parseOptions(['--repeat', '0'], {})).toMatchObject({ repeat: 1 });
  });

  it('refuses what it does not understand', () => {
    expect(() => parseOptions(['--latency', 'fast'], {})).toThrow(/--latency must be a number/);
    expect(() => parseOptions(['--frobnicate'], {})).toThrow(/unknown argument --frobnicate/);
    expect(() => parseOptions(['--latency'], {})).toThrow(/needs a value/);
    expect(parseOptions(['--help'], {})).toBe('help');
  });
});
