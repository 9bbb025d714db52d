import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuleset } from '../../src/ruleset/load.js';
import { readFolder } from '../../src/sources/folder/read-folder.js';
import { audit, type AuditOptions } from '../../src/engine/audit.js';
import { startFakeWeb } from './fake-web.js';
import type { Ruleset } from '../../src/ruleset/types.js';
import type { Report } from '../../src/report/report.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = path.join(ROOT, 'fixtures');
export const ORGS = path.join(FIXTURES, 'orgs');
export const REALWORLD = path.resolve(ROOT, '../shared/realworld');
export const RITUAL = path.join(ROOT, 'rules', 'ritual.yaml');
/** The sample orgs in source format: the fixtures' and the real-world ones. */
export const SOURCE_ORGS = [
  path.join(ORGS, 'fleet'),
  path.join(ORGS, 'fleet-clean'),
  path.join(REALWORLD, 'pmmOrgDump'),
  path.join(REALWORLD, 'ebikes-lwc'),
  path.join(REALWORLD, 'lwc-recipes'),
];
/** A fixed clock so reports are byte-for-byte reproducible. */
export const NOW = new Date('2026-01-05T08:00:00Z');

export async function ritual(): Promise<Ruleset> {
  const loaded = await loadRuleset([RITUAL], { relativeTo: ROOT });
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  // Reports show rule files relative to where sfaudit runs, so golden files do not depend on the clone's path.
  return loaded.ruleset;
}

/**
 * Audits a folder with paths in findings relative to the repo root, as a user running from there sees them.
 * Links in records are checked against a loopback stand-in for LinkedIn (test/support/fake-web.ts) unless
 * `options.links` says otherwise: tests never reach the internet.
 */
export async function auditFolder(dir: string, ruleset?: Ruleset, options: AuditOptions = {}): Promise<Report> {
  const cwd = process.cwd();
  const web = options.links ? undefined : await startFakeWeb();
  process.chdir(ROOT);
  try {
    const { org } = await readFolder(path.relative(ROOT, dir) || dir);
    return await audit(org, ruleset ?? (await ritual()), { now: NOW, ...options, links: options.links ?? web!.links });
  } finally {
    process.chdir(cwd);
    await web?.close();
  }
}

/** A ruleset from YAML text, loaded through a file as a user's would be. */
export async function rulesFromYaml(yaml: string): Promise<Ruleset> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-rules-'));
  const file = path.join(dir, 'rules.yaml');
  await writeFile(file, yaml);
  const loaded = await loadRuleset([file]);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path ?? ''} ${i.message}`).join('\n'));
  return loaded.ruleset;
}

/** A compact, order-stable view of findings for exact assertions. */
export function findingKeys(report: Report): string[] {
  return report.findings.map((f) => `${f.status} ${f.ruleId} | ${f.component}${f.location ? ` | ${f.location}` : ''}`);
}
