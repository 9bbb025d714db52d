import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { keptFindings, wantedBy } from '../../src/engine/kept-findings.js';
import type { Evaluation } from '../../src/engine/audit.js';
import type { Need } from '../../src/checks/index.js';
import type { Rule } from '../../src/ruleset/types.js';

const at = { file: 'rules.yaml', line: 1, column: 1 };
const rule = (id: string, kind: string, target: Record<string, unknown>, expect: Record<string, unknown>): Rule =>
  ({ id, step: id, kind, severity: 'error', target, expect, aliases: { relatedLists: {} }, position: at }) as unknown as Rule;

const notesOnFleet = rule('fleet-no-notes', 'related-lists', { object: 'Fleet__c' }, { absent: ['Notes'] });
const fleetAll = rule('fleet-all', 'list-view', { object: 'Fleet__c', listView: 'All' }, { filterScope: 'Everything' });
const tabs = rule('tabs', 'tabs', { profile: 'Standard User' }, { visible: ['Accounts'] });
const passed = (component: string): Evaluation => ({ outcomes: [{ status: 'pass', metadataType: 'Layout', component }], ruleNotes: [], counts: {} });
const same = (need: Need) => `${need.type}:${need.object ?? need.name}@1`;

describe('wantedBy', () => {
  it('wants what rules reading only their needs name, in any case; a rule that may read anything wants everything', () => {
    const wanted = wantedBy([notesOnFleet]);
    expect(wanted('Layout', 'fleet__c-Fleet Layout')).toBe(true);
    expect(wanted('Layout', 'Account-Account Layout')).toBe(false);
    expect(wanted('CustomObject', 'Fleet__c')).toBe(false);
    expect(wantedBy([fleetAll])('CustomObject', 'Fleet__c')).toBe(true);
    expect(wantedBy([])('Layout', 'Account-Account Layout')).toBe(false);
    expect(wantedBy([notesOnFleet, tabs])('Layout', 'Account-Account Layout')).toBe(true);
  });
});

describe('keptFindings', () => {
  it('keeps what a rule found while its needs list the same, and says which components the others need', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-kept-'));
    const rules = [notesOnFleet, fleetAll];
    const first = keptFindings(Promise.resolve(rules));
    const keeper = await first.open(folder);
    expect((await keeper.settle(same))('Layout', 'Fleet__c-Fleet Layout')).toBe(true);
    expect(first.hits().size).toBe(0);
    first.record(notesOnFleet, passed('Fleet__c-Fleet Layout'));
    first.record(fleetAll, { outcomes: [{ status: 'error', metadataType: 'ListView', component: 'Fleet__c.All', message: 'could not read', ruleId: 'fleet-all' } as never], ruleNotes: [], counts: {} });
    await first.save();

    const second = keptFindings(Promise.resolve(rules));
    const again = await second.open(folder);
    // Kept last time: its layouts are not worth parsing ahead. The list view rule found an error: not kept.
    expect(again.mayWant('Layout', 'Fleet__c-Fleet Layout')).toBe(false);
    expect(again.mayWant('CustomObject', 'Fleet__c')).toBe(true);
    const wanted = await again.settle(same);
    expect([...second.hits()]).toEqual([[notesOnFleet, passed('Fleet__c-Fleet Layout')]]);
    expect(wanted('Layout', 'Fleet__c-Fleet Layout')).toBe(false);

    // A layout listed at another version: checked again, its layouts wanted.
    const third = keptFindings(Promise.resolve(rules));
    const wantedNow = await (await third.open(folder)).settle((need) => (need.type === 'Layout' ? 'Layout:Fleet__c@2' : same(need)));
    expect(third.hits().size).toBe(0);
    expect(wantedNow('Layout', 'Fleet__c-Fleet Layout')).toBe(true);

    // Needs the listings cannot tell: never kept.
    const fourth = keptFindings(Promise.resolve(rules));
    await (await fourth.open(folder)).settle(() => undefined);
    expect(fourth.hits().size).toBe(0);
  });
});

describe('the findings file', () => {
  it('holds a line per rule; a re-audit writes the lines of the rules that kept their findings as they were', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'sfaudit-kept-lines-'));
    const file = path.join(folder, 'findings.json');
    const rules = [notesOnFleet, fleetAll];
    const all = { outcomes: [{ status: 'pass', metadataType: 'ListView', component: 'Fleet__c.All' }], ruleNotes: [], counts: {} } as Evaluation;
    const first = keptFindings(Promise.resolve(rules));
    await (await first.open(folder)).settle(same);
    first.record(notesOnFleet, passed('Fleet__c-Fleet Layout'));
    first.record(fleetAll, all);
    await first.save();
    const written = (await readFile(file, 'utf8')).split('\n').slice(1);
    expect(written).toHaveLength(2);
    expect(written.map((line) => JSON.parse(line).evaluation)).toEqual([passed('Fleet__c-Fleet Layout'), all]);

    // The list view changed: its rule is checked again and its line written anew; the layout rule's is as it was.
    const second = keptFindings(Promise.resolve(rules));
    await (await second.open(folder)).settle((need) => (need.type === 'ListView' ? 'ListView:Fleet__c.All@2' : same(need)));
    expect([...second.hits().keys()]).toEqual([notesOnFleet]);
    second.record(notesOnFleet, second.hits().get(notesOnFleet)!);
    const failed = { outcomes: [{ status: 'fail', metadataType: 'ListView', component: 'Fleet__c.All', ruleId: 'fleet-all' } as never], ruleNotes: [], counts: {} };
    second.record(fleetAll, failed);
    await second.save();
    const rewritten = (await readFile(file, 'utf8')).split('\n').slice(1);
    expect(rewritten[0]).toBe(written[0]);
    expect(JSON.parse(rewritten[1]!).evaluation).toEqual(failed);

    // Nothing changed since: the file is left as it is.
    const before = await stat(file);
    const third = keptFindings(Promise.resolve(rules));
    await (await third.open(folder)).settle((need) => (need.type === 'ListView' ? 'ListView:Fleet__c.All@2' : same(need)));
    for (const [rule, evaluation] of third.hits()) third.record(rule, evaluation);
    expect(third.hits().size).toBe(2);
    await third.save();
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect((await readFile(file, 'utf8')).split('\n').slice(1)).toEqual(rewritten);
  });
});
