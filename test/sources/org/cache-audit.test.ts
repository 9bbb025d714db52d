import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { comparable, copyOfFleet, folderAudit, liveAudit, rulesFromYaml, startOrg } from './helpers.js';
import { ritual } from '../../support/audit-helpers.js';
import type { SalesforceEmulator } from '../../support/salesforce/index.js';
import type { Ruleset } from '../../../src/ruleset/types.js';

/** The ritual reads these four objects: standard objects, which the org lists with no usable date (never cached). */
const STANDARD_OBJECTS = ['Account', 'Contact', 'Lead', 'Opportunity'];

const LAYOUT = 'force-app/main/default/layouts/Account-Account Layout.layout-meta.xml';
const LIST_VIEW = 'force-app/main/default/objects/Related_Contact__c/listViews/All.listView-meta.xml';
const FIELD = 'force-app/main/default/objects/Related_Contact__c/fields/Contact__c.field-meta.xml';

/** A custom object's list view: its object can be cached, and its version must follow the list view's edits. */
const LIST_VIEW_RULES = `
name: Custom object list view
rules:
  - id: related-contacts-all
    step: Related contacts are all shown to everyone
    kind: list-view
    target: { object: Related_Contact__c, listView: All }
    expect: { filterScope: Everything }
`;

/** The same list view, its filters compared: the filter names its field by API name; findings show it by label. */
const LIST_VIEW_FILTER_RULES = `
name: Custom object list view filters
rules:
  - id: related-contacts-all-filtered
    step: Related contacts are filtered by contact
    kind: list-view
    target: { object: Related_Contact__c, listView: All }
    expect: { filters: [{ field: Contact__c, operation: equals, value: Someone }] }
`;

/**
 * The cache is an optimisation only: whatever state it is in, the findings are
 * those of a run without it, and those of the folder audit of the same files.
 */
describe('live reads with a cache', () => {
  let orgDir: string;
  let cacheDir: string;
  let emulator: SalesforceEmulator;
  let rules: Ruleset;

  beforeAll(async () => {
    orgDir = await copyOfFleet('sfaudit-cache-org-');
    emulator = await startOrg(orgDir);
    rules = await ritual();
  });
  beforeEach(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-cache-'));
  });
  afterAll(async () => {
    await emulator.close();
    await rm(orgDir, { recursive: true, force: true });
  });

  async function run(ruleset = rules, cache = true) {
    const from = emulator.calls.length;
    const { report, read } = await liveAudit(emulator, ruleset, cache ? { cacheDir } : {});
    const reads = emulator.calls.slice(from).filter((c) => c.method === 'readMetadata');
    return { findings: comparable(report.findings), stats: read.stats, reads: reads.length, read: reads.flatMap((c) => c.names ?? []).sort() };
  }

  async function cacheFiles(): Promise<string[]> {
    const out: string[] = [];
    for (const folder of await readdir(cacheDir)) for (const f of await readdir(path.join(cacheDir, folder))) out.push(path.join(cacheDir, folder, f));
    return out;
  }

  async function edit(file: string, change: (text: string) => string): Promise<() => Promise<void>> {
    const full = path.join(orgDir, file);
    const text = await readFile(full, 'utf8');
    const { atime, mtime } = await stat(full);
    const changed = change(text);
    expect(changed).not.toBe(text);
    await writeFile(full, changed);
    // Back as if never edited, date included: a restored file must not leave later tests an org that changed just now.
    return async () => {
      await writeFile(full, text);
      await utimes(full, atime, mtime);
    };
  }

  it('serves a second run from the cache, with the same findings: only what has no usable date is read again', async () => {
    const cold = await run(rules, false);
    const first = await run();
    const second = await run();
    expect(first.findings).toEqual(cold.findings);
    expect(second.findings).toEqual(cold.findings);
    expect(first.stats.cacheStored).toBeGreaterThan(0);
    expect(second.stats.componentsCached).toBe(first.stats.cacheStored);
    // Layouts, the profile, apps and record pages come from the cache; standard objects are always read.
    expect(second.read).toEqual(STANDARD_OBJECTS);
    expect(second.reads).toBe(1);
  });

  it('a corrupt cache (truncated, garbage, tampered, records swapped) changes nothing but the calls', async () => {
    const cold = await run(rules, false);
    const damage: Array<(text: string) => string> = [
      (t) => t.slice(0, Math.floor(t.length / 2)),
      () => 'garbage',
      (t) => t.replace(/RelatedNoteList/g, 'RelatedFileList').replace(/Customer/g, 'Prospect'),
      (t) => {
        // Every record filed under the first one's name: digests still match their own text.
        const [header, ...lines] = t.trim().split('\n');
        const name = lines[0]?.split('\t')[0] ?? '""';
        return [header, ...lines.map((l) => [name, ...l.split('\t').slice(1)].join('\t'))].join('\n');
      },
    ];
    for (const hurt of damage) {
      await run(); // warm
      for (const file of await cacheFiles()) await writeFile(file, hurt(await readFile(file, 'utf8')));
      const damaged = await run();
      expect(damaged.findings).toEqual(cold.findings);
      // Noticed as damage, or (records under other names) as not the version the org lists.
      expect((damaged.stats.cacheCorrupt ?? 0) + (damaged.stats.cacheStale ?? 0)).toBeGreaterThan(0);
    }
  });

  it('a stale cache (the org changed since) gives the findings of the changed org, re-reading only what changed', async () => {
    const before = await run(); // warm
    const restore = await edit(LAYOUT, (text) =>
      text.includes('<relatedList>RelatedNoteList</relatedList>')
        ? text.replace(/\s*<relatedLists>\s*<relatedList>RelatedNoteList<\/relatedList>\s*<\/relatedLists>/, '')
        : text.replace('</Layout>', '    <relatedLists>\n        <relatedList>RelatedNoteList</relatedList>\n    </relatedLists>\n</Layout>'),
    );
    try {
      const after = await run();
      expect(after.findings).not.toEqual(before.findings); // the change moved a finding
      expect(after.findings).toEqual((await run(rules, false)).findings);
      expect(after.read).toEqual(['Account-Account Layout', ...STANDARD_OBJECTS].sort());
      const layoutFindings = (f: typeof after.findings) => f.filter((x) => x.metadataType === 'Layout');
      expect(layoutFindings(after.findings)).toEqual(layoutFindings(comparable((await folderAudit(orgDir, rules)).findings)));
    } finally {
      await restore();
    }
  });

  it('re-reads an object when a list view nested in it changed, though the object itself did not', async () => {
    const listViewRules = await rulesFromYaml(LIST_VIEW_RULES);
    const before = await run(listViewRules);
    expect((await run(listViewRules)).reads).toBe(0);
    const restore = await edit(LIST_VIEW, (text) => text.replace('<filterScope>Everything</filterScope>', '<filterScope>Mine</filterScope>'));
    try {
      const after = await run(listViewRules);
      expect(after.read).toEqual(['Related_Contact__c']);
      expect(after.findings.map((f) => f.status)).not.toEqual(before.findings.map((f) => f.status));
      expect(after.findings).toEqual(comparable((await folderAudit(orgDir, listViewRules)).findings));
    } finally {
      await restore();
    }
  });

  it('re-reads an object whose field changed only when a rule looks at its fields', async () => {
    const scopeRules = await rulesFromYaml(LIST_VIEW_RULES);
    const filterRules = await rulesFromYaml(LIST_VIEW_FILTER_RULES);
    // One record per component: the cache holds it at the version of the last run that read it.
    await run(filterRules);
    await run(scopeRules);
    const restore = await edit(FIELD, (text) => text.replace('<label>Contact</label>', '<label>Contact Person</label>'));
    try {
      // Scope only: the relabelled field is in the cached record, stale, and no finding can show it.
      const scope = await run(scopeRules);
      expect(scope.reads).toBe(0);
      expect(scope.findings).toEqual(comparable((await folderAudit(orgDir, scopeRules)).findings));
      // Filters: the field's label is in the finding, so its listing versions the object and the object is read.
      const filters = await run(filterRules);
      expect(filters.read).toEqual(['Related_Contact__c']);
      expect(filters.findings).toEqual(comparable((await folderAudit(orgDir, filterRules)).findings));
      expect(JSON.stringify(filters.findings)).toContain('Contact Person');
    } finally {
      await restore();
    }
  });

  it('a listing made only for the cache that fails costs reads, never findings', async () => {
    const listViewRules = await rulesFromYaml(LIST_VIEW_RULES);
    const cold = await run(listViewRules, false);
    await run(listViewRules); // warm
    // The only listings this ruleset makes are for versions (CustomObject and its children): fail them all, retries included.
    emulator.faults.failNext(8, { faultCode: 'UNKNOWN_EXCEPTION' }, { method: 'listMetadata' });
    try {
      const failed = await run(listViewRules);
      expect(failed.findings).toEqual(cold.findings);
      expect(failed.read).toEqual(['Related_Contact__c']);
    } finally {
      emulator.faults.reset();
    }
  });
});
