import { describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
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
