import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg, renderOrg } from '../../bench/generate/index.js';
import { mutateOrg } from '../../bench/generate/mutate.js';
import { FULL_SHAPE, SMALL_SHAPE, planOrg } from '../../bench/generate/plan.js';
import { renderProfile } from '../../bench/generate/render-profile.js';
import { derive } from '../../bench/generate/random.js';
import { orgWideRules } from '../../bench/scenarios.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { audit } from '../../src/engine/audit.js';
import { loadRuleset } from '../../src/ruleset/load.js';
import { writeFile } from 'node:fs/promises';
import { NOW, RITUAL } from '../support/audit-helpers.js';
import type { Ruleset } from '../../src/ruleset/types.js';

function fingerprint(seed: number, shape = SMALL_SHAPE): string {
  const hash = createHash('sha256');
  for (const file of renderOrg(planOrg(seed, shape))) hash.update(file.path).update('\0').update(file.text);
  return hash.digest('hex');
}

async function rules(file: string): Promise<Ruleset> {
  const loaded = await loadRuleset([file]);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.ruleset;
}

describe('the big org generator', () => {
  it('is deterministic: the same seed gives the same files, another seed other files', () => {
    expect(fingerprint(7)).toBe(fingerprint(7));
    expect(fingerprint(8)).not.toBe(fingerprint(7));
  });

  it('plans at least the issue’s counts at full size', () => {
    const plan = planOrg(1, FULL_SHAPE);
    const sum = (f: (o: (typeof plan.objects)[number]) => number) => plan.objects.reduce((n, o) => n + f(o), 0);
    expect(plan.objects.length).toBeGreaterThanOrEqual(300);
    expect(sum((o) => o.layouts.length)).toBeGreaterThanOrEqual(1500);
    expect(sum((o) => o.listViews.length)).toBeGreaterThanOrEqual(3000);
    expect(plan.profiles.length + 2).toBeGreaterThanOrEqual(150); // + Admin and Standard from the ritual fixture
    expect(plan.apps.length).toBeGreaterThanOrEqual(30);
    expect(sum((o) => (o.recordPage ? 1 : 0))).toBeGreaterThanOrEqual(300);
    expect(sum((o) => o.webLinks.length)).toBeGreaterThanOrEqual(60);
    expect(new Set(plan.objects.map((o) => o.name)).size).toBe(plan.objects.length);
  });

  it('writes profiles as big as real ones (100 KB and more) at full size', () => {
    const plan = planOrg(1, FULL_SHAPE);
    for (const name of plan.profiles.slice(0, 3)) {
      expect(Buffer.byteLength(renderProfile(name, plan, derive(1, `profile:${name}`)).text)).toBeGreaterThanOrEqual(100 * 1024);
    }
  });

  describe('a small org on disk', () => {
    let dir: string;
    let ritual: Ruleset;
    let orgWide: Ruleset;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-bench-gen-'));
      const org = generateOrg(path.join(dir, 'org'), { seed: 3, shape: SMALL_SHAPE });
      ritual = await rules(RITUAL);
      await writeFile(path.join(dir, 'org-wide.yaml'), orgWideRules(org.plan));
      orgWide = await rules(path.join(dir, 'org-wide.yaml'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('loads through readFolder with no problems, the ritual components among the generated ones', async () => {
      const { org } = await readFolder(path.join(dir, 'org'));
      expect(org.problems).toEqual([]);
      const plan = planOrg(3, SMALL_SHAPE);
      expect(org.objects.size).toBe(plan.objects.length + 5);
      expect(org.layouts.size).toBe(plan.objects.length * SMALL_SHAPE.layoutsPerObject + 4);
      expect(org.profiles.size).toBe(SMALL_SHAPE.profiles);
      expect(org.objects.get('Account')?.listViews.has('Customers')).toBe(true);
      // The %-encoded layout names survive as written.
      expect([...org.layouts.keys()].some((n) => n.includes('%26'))).toBe(true);
    });

    it('passes the ritual’s metadata rules (the ritual objects are fleet-clean’s)', async () => {
      const { org } = await readFolder(path.join(dir, 'org'));
      const report = await audit(org, ritual, { now: NOW, links: { network: false } });
      expect(report.findings.filter((f) => f.status === 'fail')).toEqual([]);
    });

    it('gives the org-wide rules every layout and list view to look at', async () => {
      const { org } = await readFolder(path.join(dir, 'org'));
      const report = await audit(org, orgWide, { now: NOW, links: { network: false } });
      // Each layout either passes or has findings (one per Notes list on it).
      const passed = report.rules.filter((r) => r.kind === 'related-lists').reduce((n, r) => n + r.passed, 0);
      // (Related_Contact__c has no layout at all in the ritual fixture: that finding names no layout.)
      const failing = new Set(report.findings.filter((f) => f.ruleId.startsWith('no-notes-') && f.actual !== 'not found').map((f) => f.component));
      expect(failing.size).toBeGreaterThan(0);
      expect(passed + failing.size).toBe(org.layouts.size);
      expect(report.rules.filter((r) => r.kind === 'list-view')).toHaveLength(org.objects.size);
    });

    it('mutates 1% of each type (at least one), the same ones for the same seed, and the org still loads', async () => {
      const before = await readFolder(path.join(dir, 'org'));
      const report = async () => (await audit((await readFolder(path.join(dir, 'org'))).org, orgWide, { now: NOW, links: { network: false } })).findings;
      const findingsBefore = await report();
      const copy = path.join(dir, 'copy');
      generateOrg(copy, { seed: 3, shape: SMALL_SHAPE });
      const changes = await mutateOrg(path.join(dir, 'org'), { seed: 5 });
      const again = await mutateOrg(copy, { seed: 5 });
      expect(again.map((c) => `${c.type}|${c.fullName}`)).toEqual(changes.map((c) => `${c.type}|${c.fullName}`));
      expect(new Set(changes.map((c) => c.type))).toEqual(new Set(['CompactLayout', 'CustomApplication', 'CustomField', 'CustomObject', 'FlexiPage', 'Layout', 'ListView', 'Profile', 'WebLink']));
      for (const change of changes) {
        const original = path.join(copy, path.relative(path.join(dir, 'org'), change.path));
        expect(await readFile(change.path, 'utf8')).toBe(await readFile(original, 'utf8')); // both mutated the same way
      }
      const after = await readFolder(path.join(dir, 'org'));
      expect(after.org.problems).toEqual([]);
      expect(after.org.layouts.size).toBe(before.org.layouts.size);
      // A Notes related list moved on or off a layout: the org-wide findings see it.
      expect(await report()).not.toEqual(findingsBefore);
    });
  });
});
