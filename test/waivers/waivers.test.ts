import path from 'node:path';
import { rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { exitCodeFor } from '../../src/report/exit-code.js';
import type { Report } from '../../src/report/report.js';
import { REPORTERS } from '../../src/reporters/index.js';
import { formatIssue, loadRuleset } from '../../src/ruleset/load.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { markChanges } from '../../src/history/changes.js';
import { emptyOrg } from '../../src/model/types.js';
import { ORGS } from '../support/audit-helpers.js';
import { metadataRitual, tempDir } from '../history/helpers/org-versions.js';

const NOW = new Date('2026-03-01T10:00:00Z');
let dir: string;

beforeAll(async () => {
  dir = await tempDir('sfaudit-waivers-');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function rulesWith(waivers: string, name = 'ritual'): Promise<string> {
  const sub = path.join(dir, name);
  await import('node:fs/promises').then((fs) => fs.mkdir(sub, { recursive: true }));
  return metadataRitual(sub, `waivers:\n${waivers}`);
}

async function load(file: string): Promise<Ruleset> {
  const loaded = await loadRuleset([file]);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
  return loaded.ruleset;
}

async function auditFleet(ruleset: Ruleset): Promise<Report> {
  const { org } = await readFolder(path.join(ORGS, 'fleet'));
  return audit(org, ruleset, { now: NOW });
}

const WAIVERS = `
  - rule: account-linkedin-fields
    reason: Changing the type to Url needs a data clean-up first
    owner: ops@example.com
    expires: 2026-06-30
  - rule: standard-user-tabs
    component: standard
    reason: Cases tab kept until support moves
    owner: Dana
    expires: 2026-03-01
  - rule: no-notes-on-accounts
    reason: Notes kept for the migration
    owner: Sam
    expires: 2026-02-28
  - rule: leads-default-list-view
    component: Lead.Somewhere Else
    reason: misspelt component
    owner: Kim
    expires: 2026-12-31
`;

describe('waivers', () => {
  it('lists waived findings apart, reports expired and stale waivers, and keeps waived findings out of the exit code', async () => {
    const ruleset = await load(await rulesWith(WAIVERS));
    expect(ruleset.waivers).toHaveLength(4);
    const report = await auditFleet(ruleset);

    // account-linkedin-fields (1) and both Standard profile findings (component match ignores case; the expiry day still applies).
    expect(report.waived!.map((f) => `${f.ruleId} | ${f.component} | ${f.location ?? ''}`)).toEqual([
      'standard-user-tabs | Standard | tab Leads (standard-Lead)',
      'standard-user-tabs | Standard | tab Cases (standard-Case)',
      'account-linkedin-fields | Account.LinkedIn_Company_URL__c | ',
    ]);
    expect(report.waived![2]!.waiver).toMatchObject({ rule: 'account-linkedin-fields', owner: 'ops@example.com', expires: '2026-06-30', reason: expect.stringContaining('data clean-up') });
    expect(report.waived![2]!.waiver!.at).toMatch(/ritual\/ritual\.yaml:\d+$/);
    expect(report.findings.some((f) => f.waiver)).toBe(false);
    expect(report.summary).toMatchObject({ failed: 13, waived: 3 });
    expect(report.rules.find((r) => r.id === 'account-linkedin-fields')).toMatchObject({ failed: 0, waived: 1, status: 'pass' });

    // Expired yesterday: no longer applies, and the report says so.
    expect(report.findings.some((f) => f.ruleId === 'no-notes-on-accounts')).toBe(true);
    expect(report.expiredWaivers).toEqual([expect.objectContaining({ rule: 'no-notes-on-accounts', expires: '2026-02-28', matched: 1 })]);
    // Matches nothing: stale.
    expect(report.staleWaivers).toEqual([expect.objectContaining({ rule: 'leads-default-list-view', component: 'Lead.Somewhere Else' })]);

    expect(exitCodeFor(report, 'warning')).toBe(1);
  });

  it('does not fail the run when every discrepancy is waived', async () => {
    const all = (await load(await rulesWith('  []\n', 'none'))).rules.map((r) => `  - { rule: ${r.id}, reason: accepted, owner: me, expires: 2026-12-31 }`).join('\n');
    const report = await auditFleet(await load(await rulesWith(`${all}\n`, 'all')));
    expect(report.summary.failed).toBe(0);
    expect(report.waived).toHaveLength(16);
    expect(report.summary.verdict).toBe('pass');
    expect(exitCodeFor(report, 'info')).toBe(0);
    // Even a caller that merges waived findings back does not turn them into a failure.
    expect(exitCodeFor({ ...report, findings: [...report.findings, ...report.waived!] }, 'info')).toBe(0);
  });

  it('shows waived findings and waivers to review in text and JSON', async () => {
    const report = markChanges(await auditFleet(await load(await rulesWith(WAIVERS, 'text'))));
    const text = REPORTERS.text!.render(report);
    expect(text).toContain('3 waived discrepancies (listed at the end; they do not fail the run)');
    expect(text).toContain('Waived (3)');
    expect(text).toMatch(/waived by ops@example\.com until 2026-06-30: Changing the type to Url needs a data clean-up first \(.*ritual\.yaml:\d+\)/);
    expect(text).toContain('Waivers to review');
    expect(text).toMatch(/Expired waiver for no-notes-on-accounts: ended 2026-02-28, owner Sam, would still cover 1/);
    expect(text).toMatch(/Waiver for leads-default-list-view \(Lead\.Somewhere Else\) matches nothing/);
    const json = JSON.parse(REPORTERS.json!.render(report));
    expect(json.waived).toHaveLength(3);
    expect(json.expiredWaivers).toHaveLength(1);
    expect(json.staleWaivers).toHaveLength(1);
    expect(json.summary.waived).toBe(3);
  });

  it('an audit of an org that could not be read: every rule that needs it not evaluated, and no waiver called stale for it', async () => {
    const ruleset = await load(await rulesWith(WAIVERS, 'unavailable'));
    const report = await audit(emptyOrg({ kind: 'org', location: 'https://acme.my.salesforce.com' }), ruleset, {
      now: NOW,
      unavailable: { cause: 'cannot reach https://acme.my.salesforce.com (connection refused)', fix: 'Try again.' },
    });
    expect(report.rules.map((r) => r.status)).toEqual(ruleset.rules.map((r) => (r.kind === 'manual' ? 'manual' : 'error')));
    expect(report.summary).toMatchObject({ passed: 0, failed: 0, errors: ruleset.rules.length - 1, manual: 1, waived: 0, verdict: 'error' });
    expect(report.findings.find((f) => f.status === 'error')).toMatchObject({ metadataType: 'Rule', message: 'Not evaluated: cannot reach https://acme.my.salesforce.com (connection refused)', fix: 'Try again.' });
    // Nobody looked: a waiver that matched nothing is not known to be stale. One past its date is still said.
    expect(report.staleWaivers).toEqual([]);
    expect(report.expiredWaivers).toEqual([expect.objectContaining({ rule: 'no-notes-on-accounts', matched: 0 })]);
    expect(exitCodeFor(report, 'never')).toBe(3);
  });

  it('leaves a report without waivers exactly as it was', async () => {
    const report = await auditFleet(await load(await metadataRitual(dir)));
    expect(report.waived).toBeUndefined();
    expect(report.staleWaivers).toBeUndefined();
    expect(report.summary.waived).toBeUndefined();
  });
});

describe('waivers in the rules file are validated with file:line:column', () => {
  async function issues(waivers: string): Promise<string[]> {
    const file = path.join(dir, 'bad.yaml');
    await writeFile(
      file,
      `name: t\nrules:\n  - id: only-rule\n    step: s\n    kind: manual\n    expect: { reason: r, instructions: look }\nwaivers:\n${waivers}`,
    );
    const loaded = await loadRuleset([file]);
    if (loaded.ok) return [];
    return loaded.issues.map((i) => formatIssue({ ...i, file: path.basename(i.file) }));
  }

  it('names an unknown rule with the nearest id', async () => {
    expect(await issues('  - rule: only-rul\n    reason: r\n    owner: o\n    expires: 2026-01-01\n')).toEqual([
      'bad.yaml:8:5: waiver for unknown rule "only-rul" — did you mean "only-rule"?',
    ]);
  });

  it('refuses a date that is not a day, and a misspelt key', async () => {
    expect(await issues('  - rule: only-rule\n    reason: r\n    owner: o\n    expires: 2026-02-30\n')).toEqual([
      'bad.yaml:11:14: "2026-02-30" is not a date (at /waivers/0/expires) — write the last day the waiver applies as YYYY-MM-DD, e.g. 2026-06-30',
    ]);
    expect(await issues('  - rule: only-rule\n    reason: r\n    expires: 2026-01-01\n    ownr: o\n')).toEqual([
      'bad.yaml:11:5: unknown key "ownr" (at /waivers/0/ownr) — did you mean "owner"?',
    ]);
  });
});
