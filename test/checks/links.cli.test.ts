import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { NO_NETWORK_NOTE } from '../../src/checks/links.js';
import { ROOT } from '../support/audit-helpers.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { NO_COLOR: '1' },
    cwd: ROOT,
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('sfaudit run --no-network / --max-records', () => {
  it('--no-network checks links for form only, reports the rest as not checked, and says so in the notes', async () => {
    const r = await run(['run', '--source', 'fixtures/orgs/fleet', '--no-network', '--format', 'json']);
    expect(r.code).toBe(1); // the user chose to skip live checks: said as manual checks, the discrepancies still fail
    const report = JSON.parse(r.stdout);
    expect(report.notes).toContain(NO_NETWORK_NOTE);
    const linkFindings = report.findings.filter((f: { ruleId: string }) => f.ruleId.endsWith('linkedin-links-work'));
    expect(linkFindings.map((f: { status: string; component: string }) => `${f.status} ${f.component}`)).toEqual([
      'fail Acme Corporation (AccountRef1)',
      'fail Globex Corporation (AccountRef2)',
      'manual Account records',
      'manual Contact records',
    ]);
    expect(report.stats.linksRequested).toBeUndefined();
  });

  it('--max-records caps every data rule and the report says when the cap was reached', async () => {
    const r = await run(['run', '--source', 'fixtures/orgs/fleet-clean', '--no-network', '--max-records', '5', '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const capped = report.findings.filter((f: { message: string }) => f.message.startsWith('Checked only the first 5'));
    expect(capped.map((f: { ruleId: string }) => f.ruleId)).toEqual(['opportunity-name-has-year', 'contact-linkedin-links-work']);
    expect(report.stats.recordsChecked).toBe(5 + 5 + 5);
  });

  it('refuses a --max-records that is not a positive whole number', async () => {
    const r = await run(['run', '--source', 'fixtures/orgs/fleet', '--max-records', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-records.*expected a whole number of at least 1/);
  });
});
