import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { comparable, folderAudit, liveAudit, startOrg } from './helpers.js';
import { ORGS, ritual, SOURCE_ORGS } from '../../support/audit-helpers.js';
import type { SalesforceEmulator } from '../../support/salesforce/index.js';
import { CHECK_KINDS } from '../../../src/checks/index.js';
import type { Finding } from '../../../src/report/finding.js';
import type { OrgModel } from '../../../src/model/types.js';
import type { Fetched } from '../../../src/sources/org/fetched.js';
import { readFolder } from '../../../src/sources/folder/read-folder.js';

const ORG_DIRS = SOURCE_ORGS;

/**
 * A model part without where it was read from, maps as plain objects, for deep comparison.
 * Empty layout columns are dropped: a file's lone `<layoutColumns/>` parses to '' and the
 * folder reader's `list('')` keeps no column, where the API returns one empty column.
 * Neither changes what a person reads on the page.
 */
function plain(value: unknown, key?: string): unknown {
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [k, plain(v)]));
  if (Array.isArray(value)) return (key === 'columns' ? value.filter((c) => !Array.isArray(c) || c.length) : value).map((v) => plain(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== 'source' && v !== undefined).map(([k, v]) => [k, plain(v, k)]));
  }
  return value;
}

/** Every component the live read fetched must equal the folder's reading of the same files. */
function expectSameComponents(live: OrgModel, folder: OrgModel, fetched: Fetched): void {
  for (const key of ['layouts', 'profiles', 'apps', 'flexiPages'] as const) {
    for (const [name, component] of live[key]) expect(plain(component), `${key} ${name}`).toEqual(plain(folder[key].get(name)));
  }
  const layoutObjects = new Set([...live.layouts.values()].map((l) => l.object));
  const folderLayouts = [...folder.layouts.values()].filter((l) => layoutObjects.has(l.object)).map((l) => l.fullName);
  expect([...live.layouts.keys()].sort()).toEqual(folderLayouts.sort());
  for (const name of fetched.components.get('CustomObject')?.keys() ?? []) {
    const a = live.objects.get(name)!;
    const b = folder.objects.get(name)!;
    const { fields: fa, ...restA } = a;
    const { fields: fb, ...restB } = b;
    expect(plain(restA), `object ${name}`).toEqual(plain(restB));
    expect([...fa.keys()], `fields of ${name}`).toEqual([...fb.keys()]);
    for (const [field, f] of fb) {
      // describe may add a label the folder has no way to know; never a different one.
      if (f.label) expect(fa.get(field)?.label, `${name}.${field}`).toBe(f.label);
      if (f.type) expect(fa.get(field)?.type, `${name}.${field}`).toBe(f.type);
    }
  }
}

describe('one model, two roads: the live audit equals the folder audit', () => {
  const emulators: SalesforceEmulator[] = [];
  afterAll(() => Promise.all(emulators.map((e) => e.close())));

  for (const dir of ORG_DIRS) {
    it(`${path.basename(dir)}: same findings, read live through the emulator and from the folder`, async () => {
      const ruleset = await ritual();
      const emulator = await startOrg(dir);
      emulators.push(emulator);
      const folder = await folderAudit(dir, ruleset);
      const { report, read } = await liveAudit(emulator, ruleset);
      expectSameComponents(read.org, (await readFolder(dir)).org, read.fetched);
      // Data rules read records (record ids and links differ by nature between an export and an org): compared apart.
      const dataRules = new Set(ruleset.rules.filter((r) => CHECK_KINDS[r.kind]?.needs(r).some((n) => n.type === 'Record')).map((r) => r.id));
      const metadata = (findings: Finding[]) => comparable(findings.filter((f) => !dataRules.has(f.ruleId)));
      const data = (findings: Finding[]) => findings.filter((f) => dataRules.has(f.ruleId)).map((f) => `${f.ruleId} ${f.status} ${f.location ?? ''} ${f.expected ?? ''}`);
      expect(metadata(report.findings)).toEqual(metadata(folder.findings));
      // Only the fleet orgs come with a records export; without one the folder says so and the org has none.
      if (dir.startsWith(ORGS)) expect(data(report.findings)).toEqual(data(folder.findings));
      const metadataRules = (rules: typeof report.rules) => rules.filter((r) => dir.startsWith(ORGS) || !dataRules.has(r.id));
      expect(metadataRules(report.rules)).toEqual(metadataRules(folder.rules));
    });
  }
});
