import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_KINDS } from '../../../src/checks/index.js';
import { audit } from '../../../src/engine/audit.js';
import { planNeeds } from '../../../src/engine/needs.js';
import type { Ruleset } from '../../../src/ruleset/types.js';
import { readFolder } from '../../../src/sources/folder/read-folder.js';
import { scanFolder } from '../../../src/sources/folder/scan.js';
import { selectFiles } from '../../../src/sources/folder/select.js';
import { NOW, ORGS, REALWORLD, ritual, rulesFromYaml, SOURCE_ORGS } from '../../support/audit-helpers.js';

const FOLDERS = [...SOURCE_ORGS, path.join(ORGS, 'fleet-mdapi')];

/** Every kind's documented example, and rules that name components the ways a reader must look further for. */
async function rulesets(): Promise<Array<[string, Ruleset]>> {
  // Examples that stand alone (some refer to aliases a rule file would define).
  const examples: string[] = [];
  for (const kind of Object.values(CHECK_KINDS)) {
    const text = kind.example.trim();
    if (await rulesFromYaml(`name: one\nrules:\n${text}\n`).then(() => true, () => false)) examples.push(text);
  }
  expect(examples.length).toBeGreaterThan(Object.keys(CHECK_KINDS).length / 2);
  const lookFurther = `
- id: tabs-by-label
  step: profile named by its label
  kind: tabs
  target: { profile: Standard User }
  expect: { visible: [Accounts] }
- id: one-layout
  step: a layout named
  kind: layout-section
  target: { object: Account, layout: Account Layout, section: Account Information }
  expect: { fields: [Account Name] }
- id: no-such-profile
  step: a profile no folder has
  kind: tabs
  target: { profile: Nobody }
  expect: { visible: [Accounts] }
`;
  return [
    ['ritual', await ritual()],
    ['every kind', await rulesFromYaml(`name: every kind\nrules:\n${examples.join('\n')}\n`)],
    ['names to look further for', await rulesFromYaml(`name: look further\nrules:\n${lookFurther}`)],
  ];
}

async function report(dir: string, ruleset: Ruleset, selected: boolean) {
  const { org } = await readFolder(dir, selected ? { needs: planNeeds(ruleset.rules) } : {});
  const { stats: _stats, ...rest } = await audit(org, ruleset, { now: NOW, links: { network: false } });
  return rest;
}

describe('selectFiles: a folder read for the rules', () => {
  it('gives the report of a read of every file, on every fixture and real-world org, for every kind', async () => {
    for (const [name, ruleset] of await rulesets()) {
      for (const dir of FOLDERS) {
        expect(await report(dir, ruleset, true), `${name} on ${path.basename(dir)}`).toEqual(await report(dir, ruleset, false));
      }
    }
  });

  it('leaves out what no rule needs: of 150 profiles, the one the ritual names', async () => {
    const files = await scanFolder(path.join(REALWORLD, 'pmmOrgDump'));
    const chosen = selectFiles(planNeeds((await ritual()).rules), files);
    const profiles = (list: typeof files) => list.filter((f) => f.type === 'Profile').map((f) => f.fullName);
    expect(profiles(files).length).toBeGreaterThan(50);
    expect(profiles(chosen)).toEqual(profiles(files).filter((n) => n === 'Standard'));
    expect(chosen.length).toBeLessThan(files.length / 2);
    // Records and files the model does not hold are read as before.
    expect(chosen.filter((f) => f.type === 'records' || f.type === 'parsed-only')).toEqual(files.filter((f) => f.type === 'records' || f.type === 'parsed-only'));
  });

  it('reads every file of a type when a rule names a component that has no file of that name (a label)', async () => {
    const files = await scanFolder(path.join(ORGS, 'fleet'));
    const byLabel = await rulesFromYaml(
      'name: t\nrules:\n- id: t\n  step: s\n  kind: tabs\n  target: { profile: Fleet Field Sales }\n  expect: { visible: [Accounts] }\n',
    );
    const chosen = selectFiles(planNeeds(byLabel.rules), files);
    expect(chosen.filter((f) => f.type === 'Profile')).toEqual(files.filter((f) => f.type === 'Profile'));
  });
});
