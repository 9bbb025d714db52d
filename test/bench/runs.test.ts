import { describe, expect, it } from 'vitest';
import type { JobResult } from '../../bench/jobs.js';
import { medianRun } from '../../bench/runs.js';

/** A measured run whose wall time (read + audit) is `ms`. */
const run = (ms: number, id: string) => ({ id, live: { kind: 'live', readMs: ms - 10, audit: { auditMs: 10 } } as unknown as JobResult });

describe('medianRun', () => {
  it('picks the run with the median wall time, reading and audit together', () => {
    expect(medianRun([run(420, 'a'), run(380, 'b'), run(395, 'c'), run(510, 'd'), run(390, 'e')]).id).toBe('c');
  });

  it('takes the faster of the middle two of an even number, and the only run of one', () => {
    expect(medianRun([run(400, 'a'), run(380, 'b'), run(390, 'c'), run(410, 'd')]).id).toBe('c');
    expect(medianRun([run(400, 'a')]).id).toBe('a');
  });

  it('refuses no runs at all', () => {
    expect(() => medianRun([])).toThrow(/no runs/);
  });
});
