import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAST, comparable, copyOfFleet, folderAudit, keptAudit, liveAudit, rulesFromYaml, startOrg, tokenEnv } from './helpers.js';
import { NOW, ritual } from '../../support/audit-helpers.js';
import type { Need } from '../../../src/checks/index.js';
import { checkAhead } from '../../../src/engine/ahead.js';
import { audit } from '../../../src/engine/audit.js';
import { planNeeds } from '../../../src/engine/needs.js';
import type { OrgModel } from '../../../src/model/types.js';
import { readLiveOrg } from '../../../src/sources/org/live.js';
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

/** Rules of kinds checked ahead: on layouts of two objects, and on a custom object's list view. */
const AHEAD_RULES = `
name: Checked while the reads are on the way
rules:
  - id: account-no-notes
    step: No Account layout has Notes
    kind: related-lists
    target: { object: Account }
    expect: { absent: [Notes] }
  - id: contact-no-notes
    step: No Contact layout has Notes
    kind: related-lists
    target: { object: Contact }
    expect: { absent: [Notes] }
  - id: related-contacts-all
    step: Related contacts are all shown to everyone
    kind: list-view
    target: { object: Related_Contact__c, listView: All }
    expect: { filterScope: Everything }
`;

/** The names of the list views nested in an object record. */
function listViewNames(record: unknown): string[] {
  const views = (record as { listViews?: unknown } | undefined)?.listViews;
  return (Array.isArray(views) ? views : views ? [views] : []).map((v) => String((v as { fullName?: unknown }).fullName));
}

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
    return {
      findings: comparable(report.findings),
      stats: read.stats,
      reads: reads.length,
      read: reads.flatMap((c) => c.names ?? []).sort(),
      types: [...new Set(reads.map((c) => c.type))].sort(),
      record: (name: string) => read.fetched.components.get('CustomObject')?.get(name),
    };
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

  it('checks ahead, while a changed layout is read, the rules whose components the cache served: the same report', async () => {
    const aheadRules = await rulesFromYaml(AHEAD_RULES);
    await run(aheadRules);
    const restore = await edit(LAYOUT, (text) => text.replace('</Layout>', '    <relatedLists>\n        <relatedList>RelatedNoteList</relatedList>\n    </relatedLists>\n</Layout>'));
    // Replies take a while: the reads are still on the way when the reader says what it holds.
    emulator.faults.latencyMs = 40;
    try {
      let waiting: { soFar: OrgModel; settled: (need: Need) => boolean } | undefined;
      const read = await readLiveOrg(planNeeds(aheadRules.rules), {
        env: tokenEnv(emulator),
        policy: FAST,
        cacheDir,
        // The first time: once every read is sent (the objects, read every time, are then still on the way).
        onWaiting: (soFar, settled) => (waiting ??= { soFar, settled }),
      });
      const { soFar, settled } = waiting!;
      expect(settled({ type: 'Layout', object: 'Contact' }), 'served by the cache').toBe(true);
      expect(settled({ type: 'CustomObject', name: 'Related_Contact__c' })).toBe(true);
      expect(settled({ type: 'ListView', object: 'Related_Contact__c' })).toBe(true);
      expect(settled({ type: 'Layout', object: 'Account' }), 'changed: being read').toBe(false);
      expect(settled({ type: 'CustomObject', name: 'Account' }), 'a standard object: read every time').toBe(false);
      expect(settled({ type: 'Profile', name: 'Standard' }), 'not a type checked ahead').toBe(false);
      expect(soFar.layouts.has('Account-Account Layout')).toBe(false);

      const checked = await checkAhead(soFar, aheadRules.rules, settled);
      expect([...checked.keys()].map((r) => r.id).sort()).toEqual(['contact-no-notes', 'related-contacts-all']);
      const options = { now: NOW, links: { network: false } };
      const report = await audit(read.org, aheadRules, { ...options, ahead: checked });
      expect(report).toEqual(await audit(read.org, aheadRules, options));
      expect(report.findings.map((f) => f.ruleId)).toContain('account-no-notes');
      expect(comparable(report.findings)).toEqual(comparable((await folderAudit(orgDir, aheadRules)).findings));
    } finally {
      emulator.faults.latencyMs = 0;
      await restore();
    }
  });

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

  it('reads only the list view that changed in a cached object, and puts it in the cached record', async () => {
    const listViewRules = await rulesFromYaml(LIST_VIEW_RULES);
    const before = await run(listViewRules);
    expect((await run(listViewRules)).reads).toBe(0);
    const restore = await edit(LIST_VIEW, (text) => text.replace('<filterScope>Everything</filterScope>', '<filterScope>Mine</filterScope>'));
    try {
      const after = await run(listViewRules);
      expect(after.read).toEqual(['Related_Contact__c.All']);
      expect(after.types).toEqual(['ListView']);
      expect(after.stats.objectsPatched).toBe(1);
      expect(after.findings.map((f) => f.status)).not.toEqual(before.findings.map((f) => f.status));
      expect(after.findings).toEqual(comparable((await folderAudit(orgDir, listViewRules)).findings));
      // The record patched is the record a read of the whole object gives.
      expect(after.record('Related_Contact__c')).toEqual((await run(listViewRules, false)).record('Related_Contact__c'));
    } finally {
      await restore();
    }
  });

  it('reads the object whole when the list view that changed cannot be read: a patch saves bytes, never costs a finding', async () => {
    const listViewRules = await rulesFromYaml(LIST_VIEW_RULES);
    await run(listViewRules); // warm
    const restore = await edit(LIST_VIEW, (text) => text.replace('<filterScope>Everything</filterScope>', '<filterScope>Mine</filterScope>'));
    // Every try of the list view's read fails; the object's read that follows is answered.
    emulator.faults.failNext(FAST.retry.maxAttempts, { faultCode: 'UNKNOWN_EXCEPTION' }, { method: 'readMetadata' });
    try {
      const after = await run(listViewRules);
      expect(after.types).toEqual(['CustomObject', 'ListView']);
      expect(after.stats.objectsPatched).toBeUndefined();
      expect(after.findings).toEqual(comparable((await folderAudit(orgDir, listViewRules)).findings));
      expect(after.record('Related_Contact__c')).toEqual((await run(listViewRules, false)).record('Related_Contact__c'));
    } finally {
      emulator.faults.reset();
      await restore();
    }
  });

  it('puts a list view added since in the cached object, and takes out one deleted since, reading nothing for that', async () => {
    const listViewRules = await rulesFromYaml(LIST_VIEW_RULES);
    const added = path.join(orgDir, path.dirname(LIST_VIEW), 'Aaa_Recent.listView-meta.xml');
    const whole = async () => (await run(listViewRules, false)).record('Related_Contact__c');
    await run(listViewRules); // warm
    try {
      const all = await readFile(path.join(orgDir, LIST_VIEW), 'utf8');
      await writeFile(added, all.replace(/<fullName>All<\/fullName>/, '<fullName>Aaa_Recent</fullName>').replace(/<label>[^<]*<\/label>/, '<label>Recent</label>'));
      // Dated before the org started, as a list view made long ago would be: settled, so the patched record is kept.
      await utimes(added, new Date('2020-01-01'), new Date('2020-01-01'));
      await emulator.reload();
      const grown = await run(listViewRules);
      expect(grown.read).toEqual(['Related_Contact__c.Aaa_Recent']);
      expect(grown.record('Related_Contact__c')).toEqual(await whole());
      expect(listViewNames(grown.record('Related_Contact__c'))).toEqual(['Aaa_Recent', 'All']);
      expect((await run(listViewRules)).reads).toBe(0);

      await rm(added);
      await emulator.reload();
      const shrunk = await run(listViewRules);
      expect(shrunk.reads).toBe(0);
      expect(shrunk.record('Related_Contact__c')).toEqual(await whole());
      expect(shrunk.findings).toEqual(comparable((await folderAudit(orgDir, listViewRules)).findings));
    } finally {
      await rm(added, { force: true });
      await emulator.reload();
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
      // The record kept was versioned by its list views only: its fields are read, not the whole object.
      const filters = await run(filterRules);
      expect(filters.read).toEqual(['Related_Contact__c.Contact__c', 'Related_Contact__c.Related_To__c']);
      expect(filters.findings).toEqual(comparable((await folderAudit(orgDir, filterRules)).findings));
      expect(JSON.stringify(filters.findings)).toContain('Contact Person');
      expect(filters.record('Related_Contact__c')).toEqual((await run(filterRules, false)).record('Related_Contact__c'));
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

  describe('findings kept from the last run', () => {
    async function keep(ruleset: Ruleset) {
      const from = emulator.calls.length;
      const { report, read, kept } = await keptAudit(emulator, ruleset, cacheDir);
      const reads = emulator.calls.slice(from).filter((c) => c.method === 'readMetadata');
      return { findings: comparable(report.findings), rules: report.rules, stats: read.stats, kept, read: reads.flatMap((c) => c.names ?? []).sort() };
    }
    const findingsFile = async () => (await cacheFiles()).find((f) => path.basename(f) === 'findings.json')!;

    it('keeps the findings of rules whose components did not change, and serves none of their records', async () => {
      const aheadRules = await rulesFromYaml(AHEAD_RULES);
      const cold = await run(aheadRules, false);
      const first = await keep(aheadRules);
      const second = await keep(aheadRules);
      expect(first.kept).toBe(0);
      // The Account and Contact layouts are listed with dates; the custom object too, its list views with it.
      expect(second.kept).toBe(3);
      expect(first.findings).toEqual(cold.findings);
      expect(second.findings).toEqual(cold.findings);
      expect(second.rules).toEqual(first.rules);
      expect(second.stats.componentsCached).toBe(0);
      expect(second.read).toEqual([]);
    });

    it('checks again a rule whose components changed, and only that one: the findings of the changed org', async () => {
      const aheadRules = await rulesFromYaml(AHEAD_RULES);
      await keep(aheadRules); // kept
      const restore = await edit(LAYOUT, (text) =>
        text.includes('<relatedList>RelatedNoteList</relatedList>')
          ? text.replace(/\s*<relatedLists>\s*<relatedList>RelatedNoteList<\/relatedList>\s*<\/relatedLists>/, '')
          : text.replace('</Layout>', '    <relatedLists>\n        <relatedList>RelatedNoteList</relatedList>\n    </relatedLists>\n</Layout>'),
      );
      try {
        const after = await keep(aheadRules);
        expect(after.kept).toBe(2);
        expect(after.read).toEqual(['Account-Account Layout']);
        expect(after.findings).toEqual((await run(aheadRules, false)).findings);
        expect(after.findings).toEqual(comparable((await folderAudit(orgDir, aheadRules)).findings));
      } finally {
        await restore();
      }
      // Back as it was: checked again (the layout's date moved), the original findings.
      const back = await keep(aheadRules);
      expect(back.findings).toEqual((await run(aheadRules, false)).findings);
    });

    it('a findings file cut short, garbled or edited changes nothing: every rule is checked', async () => {
      const aheadRules = await rulesFromYaml(AHEAD_RULES);
      const cold = await run(aheadRules, false);
      const damage: Array<(text: string) => string> = [
        (t) => t.slice(0, Math.floor(t.length / 2)),
        () => 'garbage',
        (t) => t.replace(/RelatedNoteList/g, 'RelatedFileList').replace(/"fail"/g, '"pass"'),
        (t) => t.replace(/"fingerprint":"[0-9a-f]+"/g, '"fingerprint":"0"'),
      ];
      for (const hurt of damage) {
        await keep(aheadRules); // written
        const file = await findingsFile();
        await writeFile(file, hurt(await readFile(file, 'utf8')));
        const damaged = await keep(aheadRules);
        expect(damaged.kept).toBe(0);
        expect(damaged.findings).toEqual(cold.findings);
      }
    });

    it('a rule edited since is checked again; a rule that compares fields by label never keeps its findings', async () => {
      const aheadRules = await rulesFromYaml(AHEAD_RULES);
      await keep(aheadRules);
      // The first rule edited where it stands: the other two are as they were.
      const edited = { ...aheadRules, rules: aheadRules.rules.map((r, i) => (i === 0 ? { ...r, expect: { absent: ['Notes', 'Files'] } } : r)) };
      const changed = await keep(edited);
      expect(changed.kept).toBe(2);
      expect(changed.findings).toEqual((await run(edited, false)).findings);
      // The same rules from another file: where a rule stands is part of it (a fix may name its line).
      expect((await keep(await rulesFromYaml(AHEAD_RULES))).kept).toBe(0);

      const filterRules = await rulesFromYaml(LIST_VIEW_FILTER_RULES);
      await keep(filterRules);
      const again = await keep(filterRules);
      expect(again.kept).toBe(0);
      expect(again.findings).toEqual((await run(filterRules, false)).findings);
    });

    it('with the ritual, whose rules may read anything, every record is served and only rules of kept kinds keep their findings', async () => {
      const cold = await run(rules, false);
      await keep(rules);
      const second = await keep(rules);
      expect(second.kept).toBeGreaterThan(0);
      expect(second.findings).toEqual(cold.findings);
      expect(second.stats.componentsCached).toBeGreaterThan(0);
    });
  });
});
