import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/engine/audit.js';
import { changeLine, hasChanges, markChanges } from '../../src/history/changes.js';
import { compareAndRecord } from '../../src/history/record.js';
import { listRuns, readReportFile } from '../../src/history/store.js';
import { findingKey } from '../../src/history/key.js';
import type { Report } from '../../src/report/report.js';
import type { Finding } from '../../src/report/finding.js';
import { REPORTERS } from '../../src/reporters/index.js';
import { loadRuleset } from '../../src/ruleset/load.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { ORGS } from '../support/audit-helpers.js';
import { fleetNext, metadataRitual, tempDir } from './helpers/org-versions.js';

let dir: string;
let ruleset: Ruleset;
let next: string;

async function auditAt(org: string, iso: string): Promise<Report> {
  const { org: model } = await readFolder(org);
  return audit(model, ruleset, { now: new Date(iso) });
}

const keysOf = (findings: Finding[] | undefined) => (findings ?? []).map((f) => `${f.ruleId} | ${f.component}${f.location ? ` | ${f.location}` : ''}`);

beforeAll(async () => {
  dir = await tempDir();
  const loaded = await loadRuleset([await metadataRitual(dir)]);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  ruleset = loaded.ruleset;
  next = await fleetNext(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('new, persisting and resolved between runs over the fixture org versions', () => {
  it('records a first run as the baseline, then counts fleet-clean → fleet → fleet-next → fleet-clean exactly', async () => {
    const history = path.join(dir, 'history');
    const r1 = await compareAndRecord(history, await auditAt(path.join(ORGS, 'fleet-clean'), '2026-01-05T08:00:00Z'));
    expect(r1.report.changes).toEqual({ new: 0, persisting: 0, resolved: 0, unchecked: 0 });
    // The manual step is a finding but never new or resolved.
    expect(r1.report.findings.map((f) => [f.status, f.change])).toEqual([['manual', undefined]]);

    const r2 = await compareAndRecord(history, await auditAt(path.join(ORGS, 'fleet'), '2026-01-12T08:00:00Z'));
    expect(r2.report.changes).toEqual({ new: 16, persisting: 0, resolved: 0, unchecked: 0, since: '2026-01-05T08:00:00.000Z', previousRun: r1.id });
    expect(r2.report.findings.filter((f) => f.status === 'fail').every((f) => f.change === 'new' && f.firstSeen === '2026-01-12T08:00:00.000Z')).toBe(true);

    const r3 = await compareAndRecord(history, await auditAt(next, '2026-01-19T08:00:00Z'));
    expect(r3.report.changes).toMatchObject({ new: 1, persisting: 15, resolved: 1, unchecked: 0, previousRun: r2.id });
    expect(keysOf(r3.report.findings.filter((f) => f.change === 'new'))).toEqual(['standard-user-tabs | Standard | tab Contacts (standard-Contact)']);
    expect(keysOf(r3.report.resolved)).toEqual(['no-notes-on-accounts | Account-Account Layout | related lists']);
    expect(r3.report.resolved![0]).toMatchObject({ change: 'resolved', firstSeen: '2026-01-12T08:00:00.000Z' });
    // Persisting findings keep the date they were first seen, two runs back.
    const persisting = r3.report.findings.filter((f) => f.change === 'persisting');
    expect(persisting).toHaveLength(15);
    expect(new Set(persisting.map((f) => f.firstSeen))).toEqual(new Set(['2026-01-12T08:00:00.000Z']));
    expect(changeLine(r3.report.changes!)).toBe('1 new, 1 resolved, 15 unchanged');

    const r4 = await compareAndRecord(history, await auditAt(path.join(ORGS, 'fleet-clean'), '2026-01-26T08:00:00Z'));
    expect(r4.report.changes).toMatchObject({ new: 0, persisting: 0, resolved: 16 });

    // What was stored is what was returned, and readable.
    const runs = await listRuns(history);
    expect(runs.map((r) => r.id)).toEqual([r1.id, r2.id, r3.id, r4.id]);
    expect((await readReportFile(runs[2]!.file)).changes).toEqual(r3.report.changes);
  });

  it('shows the changes in JSON and text', async () => {
    const previous = markChanges(await auditAt(path.join(ORGS, 'fleet'), '2026-01-12T08:00:00Z'));
    const report = markChanges(await auditAt(next, '2026-01-19T08:00:00Z'), { id: 'run-2', report: previous });

    const json = JSON.parse(REPORTERS.json!.render(report));
    expect(json.changes).toEqual({ new: 1, persisting: 15, resolved: 1, unchecked: 0, since: '2026-01-12T08:00:00.000Z', previousRun: 'run-2' });
    expect(json.findings.filter((f: Finding) => f.change === 'new')).toHaveLength(1);
    expect(json.findings.filter((f: Finding) => f.change === 'persisting')).toHaveLength(15);
    expect(json.resolved).toHaveLength(1);

    const text = REPORTERS.text!.render(report);
    expect(text).toContain('Since the previous run (2026-01-12 08:00 UTC): 1 new, 1 resolved, 15 unchanged');
    expect(text).toMatch(/✗ error NEW {2}Profile › Standard › tab Contacts \(standard-Contact\)/);
    expect(text.match(/ since 2026-01-12 {2}/g)).toHaveLength(15);
    expect(text).toContain('Resolved since the previous run (1)');
    expect(text).toMatch(/✓ Layout › Account-Account Layout › related lists {2}\[no-notes-on-accounts\] first seen 2026-01-12/);
  });

  it('does not call a finding resolved when its rule could not be evaluated this time', async () => {
    const previous = await auditAt(path.join(ORGS, 'fleet'), '2026-01-12T08:00:00Z');
    const broken = await auditAt(path.join(ORGS, 'fleet'), '2026-01-19T08:00:00Z');
    // The standard-user-tabs rule errored this time (e.g. the profile could not be read).
    const rule = broken.rules.find((r) => r.id === 'standard-user-tabs')!;
    const current: Report = {
      ...broken,
      rules: broken.rules.map((r) => (r === rule ? { ...r, failed: 0, errors: 1, status: 'error' } : r)),
      findings: [
        ...broken.findings.filter((f) => f.ruleId !== rule.id),
        { ...broken.findings.find((f) => f.ruleId === rule.id)!, status: 'error', metadataType: 'Profile', component: 'Standard', location: undefined, message: 'Could not evaluate' },
      ],
    };
    const marked = markChanges(current, { report: previous });
    expect(marked.changes).toMatchObject({ new: 1, persisting: 14, resolved: 0, unchecked: 2 });
  });

  it('matches two findings with the same key by occurrence, and keeps identity when a finding becomes waived', async () => {
    const base = await auditAt(path.join(ORGS, 'fleet'), '2026-01-12T08:00:00Z');
    const twice = { ...base, findings: [...base.findings, { ...base.findings[0]!, message: 'a second problem at the same place' }] };
    const again = markChanges({ ...twice, generatedAt: '2026-01-19T08:00:00.000Z' }, { report: markChanges(twice) });
    expect(again.changes).toMatchObject({ new: 0, persisting: 17, resolved: 0 });

    const [first, ...rest] = base.findings;
    const waived = { ...base, generatedAt: '2026-01-19T08:00:00.000Z', findings: rest, waived: [{ ...first!, waiver: { rule: first!.ruleId, reason: 'r', owner: 'o', expires: '2026-12-31' } }] };
    const marked = markChanges(waived, { report: base });
    expect(marked.changes).toMatchObject({ new: 0, persisting: 15, resolved: 0 });
    expect(marked.waived![0]).toMatchObject({ change: 'persisting' });
  });

  it('keys findings by rule, component and location, not by message', () => {
    const f = { ruleId: 'r', metadataType: 'Layout', component: 'A-A Layout', location: 'section "X"' };
    expect(findingKey(f)).toBe(findingKey({ ...f }));
    expect(findingKey(f)).not.toBe(findingKey({ ...f, location: 'section "Y"' }));
    expect(findingKey(f)).not.toBe(findingKey({ ...f, metadataType: 'FlexiPage' }));
  });

  it('says when there is something to post under --only-changes', async () => {
    const fleet = await auditAt(path.join(ORGS, 'fleet'), '2026-01-12T08:00:00Z');
    expect(hasChanges(fleet)).toBe(true); // never compared: post
    expect(hasChanges(markChanges(fleet))).toBe(true); // first recorded run: post
    const same = markChanges({ ...fleet, generatedAt: '2026-01-19T08:00:00.000Z' }, { report: fleet });
    expect(hasChanges(same)).toBe(false);
  });
});
