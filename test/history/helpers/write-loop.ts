/**
 * Child process for the kill test: records runs into a history folder as fast
 * as it can, a line on stdout after each, until it is killed.
 * Usage: node --import tsx write-loop.ts <history dir>
 */
import { recordRun } from '../../../src/history/store.js';
import type { Report } from '../../../src/report/report.js';
import type { Finding } from '../../../src/report/finding.js';

const dir = process.argv[2]!;
// Large enough (a few MB) that a kill often lands in the middle of a write.
const findings: Finding[] = Array.from({ length: 4000 }, (_, i) => ({
  ruleId: `rule-${i % 40}`,
  step: 'A step of the ritual',
  severity: 'error',
  status: 'fail',
  metadataType: 'Layout',
  component: `Account-Layout ${i}`,
  location: `section "S${i}"`,
  message: 'x'.repeat(400),
}));
let n = 0;
for (;;) {
  const report = {
    schemaVersion: 1,
    tool: { name: 'sfaudit', version: 'test' },
    generatedAt: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    org: { kind: 'folder', location: 'x' },
    ruleset: { name: 'r', files: [] },
    summary: { rules: 0, passed: 0, failed: findings.length, errors: 0, manual: 0, bySeverity: { error: 0, warning: 0, info: 0 }, verdict: 'fail' },
    rules: [],
    findings,
    notes: [],
    stats: { n },
  } as unknown as Report;
  const { id } = await recordRun(dir, report, { keep: 4 });
  n++;
  process.stdout.write(`wrote ${id}\n`);
}
