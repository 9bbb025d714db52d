import { describe, expect, it } from 'vitest';
import { chunk, namesToRead, planFetch, readBatches, readCallCount } from '../../../src/sources/org/fetch-plan.js';
import { planNeeds } from '../../../src/engine/needs.js';
import { ritual } from '../../support/audit-helpers.js';

describe('planFetch: from the rules’ needs to the calls', () => {
  it('plans the ritual: objects by name, layouts listed for their objects, one listMetadata call for three types', async () => {
    const plan = planFetch(planNeeds((await ritual()).rules));
    expect(plan.types).toEqual([
      { type: 'Layout', names: [], list: { objects: ['Account', 'Contact', 'Lead', 'Opportunity'] } },
      { type: 'Profile', names: ['Standard'] },
      // "Fleet Sales" is a label: list the apps.
      { type: 'CustomApplication', names: [], list: { all: true } },
      { type: 'CustomObject', names: ['Account', 'Contact', 'Lead', 'Opportunity'] },
    ]);
    // Record pages: the page each object's View override names, read after the object; every page only for an
    // object that names none, listed ahead in the call's spare slot.
    expect(plan.recordPages).toEqual(['Account', 'Contact', 'Opportunity']);
    expect(plan.prelisted).toEqual(['FlexiPage']);
    expect(plan.listCalls).toEqual([['Layout', 'CustomApplication', 'FlexiPage']]);
    expect(plan.describe).toEqual(['Account', 'Contact', 'Lead', 'Opportunity']);
    expect(plan.objectLabels).toBe(true);
    expect(plan.ignored).toEqual(['Record']);
  });

  it('reads object children through their object, never one by one', () => {
    const plan = planFetch([
      { type: 'ListView', object: 'Account' },
      { type: 'CompactLayout', object: 'Contact' },
      { type: 'WebLink', name: 'Lead.Search' },
      { type: 'CustomField', object: 'Foo__c' },
    ]);
    expect(plan.types).toEqual([{ type: 'CustomObject', names: ['Account', 'Contact', 'Foo__c', 'Lead'] }]);
    expect(plan.listCalls).toEqual([]);
    // Only a check that compares fields by label says it needs the fields (CustomField): their labels may need describing.
    expect(plan.describe).toEqual(['Foo__c']);
    expect(plan.objectLabels).toBe(false);
  });

  it('lists only where names are unknown: API names are read directly, labels and "all" are listed', () => {
    const plan = planFetch([
      { type: 'CustomApplication', name: 'Fleet_Sales' },
      { type: 'FlexiPage', name: 'Account_Record_Page' },
      { type: 'Profile', name: 'Custom Sales Profile' },
      { type: 'Layout', name: 'Account-Account Layout' },
    ]);
    expect(plan.listCalls).toEqual([]);
    expect(plan.types.map((t) => [t.type, t.names])).toEqual([
      ['Layout', ['Account-Account Layout']],
      ['Profile', ['Custom Sales Profile']],
      ['CustomApplication', ['Fleet_Sales']],
      ['FlexiPage', ['Account_Record_Page']],
    ]);
    const labelled = planFetch([{ type: 'FlexiPage', name: 'Account Record Page' }, { type: 'Layout' }, { type: 'Profile' }, { type: 'ListView' }]);
    expect(labelled.listCalls).toEqual([['Layout', 'Profile', 'FlexiPage'], ['CustomObject']]);
  });

  it('--all lists every supported type, three per call, and keeps what the rules need for labels', async () => {
    const plan = planFetch(planNeeds((await ritual()).rules), { all: true });
    expect(plan.types.every((t) => t.list && 'all' in t.list)).toBe(true);
    expect(plan.listCalls).toEqual([['Layout', 'Profile', 'CustomApplication'], ['FlexiPage', 'CustomObject']]);
    expect(plan.describe).toEqual(['Account', 'Contact', 'Lead', 'Opportunity']);
  });

  it('is deterministic and does no per-component work: 3,000 needs plan in one pass', () => {
    const needs = Array.from({ length: 300 }, (_, i) => [
      { type: 'ListView', object: `Obj${i}__c` },
      { type: 'Layout', object: `Obj${i}__c` },
      { type: 'CustomObject', name: `Obj${i}__c` },
    ]).flat();
    const plan = planFetch(needs);
    expect(plan).toEqual(planFetch([...needs].reverse()));
    expect(plan.types.find((t) => t.type === 'CustomObject')?.names).toHaveLength(300);
    expect(plan.listCalls).toEqual([['Layout']]);
  });
});

describe('planFetch with a cache: every type read is listed for its versions', () => {
  const needs = [
    { type: 'Layout', object: 'Account' },
    { type: 'ListView', name: 'Account.AllAccounts' },
    { type: 'CustomField', object: 'Account' },
    { type: 'CompactLayout', object: 'Account' },
    { type: 'WebLink', object: 'Account' },
    { type: 'Profile', name: 'Standard' },
  ];

  it('lists the types read by name and the children nested in objects, the biggest listings apart', () => {
    const plan = planFetch(needs, { versions: 'model' });
    expect(plan.types).toEqual(planFetch(needs).types);
    expect(plan.versionTypes).toEqual(['Profile', 'CustomObject', 'CompactLayout', 'WebLink', 'ListView', 'CustomField']);
    // Layout is read from its listing: it does not wait for the listing of every field in the org.
    expect(plan.listCalls).toEqual([
      ['Layout', 'Profile', 'CustomObject'],
      ['CompactLayout', 'WebLink', 'ListView'],
      ['CustomField'],
    ]);
  });

  it('versions an object by the children the rules look at, not by all it nests', () => {
    // Scope and visibility of list views: a field relabelled in the org changes no finding, so fields are not listed.
    const listViewsOnly = [
      { type: 'ListView', object: 'Account' },
      { type: 'CustomObject', name: 'Account' },
      { type: 'Layout', object: 'Account' },
    ];
    expect(planFetch(listViewsOnly, { versions: 'model' }).versionTypes).toEqual(['CustomObject', 'ListView']);
    expect(planFetch(listViewsOnly, { versions: 'model' }).listCalls).toEqual([['Layout', 'CustomObject', 'ListView']]);
    // An object read for its own settings (a record page's override) is versioned by its own date alone.
    expect(planFetch([{ type: 'CustomObject', name: 'Account' }], { versions: 'model' }).versionTypes).toEqual(['CustomObject']);
  });

  it('for a snapshot, also the children the model does not read (a snapshot writes them out)', () => {
    expect(planFetch(needs, { versions: 'snapshot' }).versionTypes).toEqual([
      'Profile',
      'CustomObject',
      ...['RecordType', 'ValidationRule', 'BusinessProcess', 'FieldSet', 'SharingReason', 'Index'],
      ...['CompactLayout', 'WebLink', 'ListView', 'CustomField'],
    ]);
    expect(planFetch(needs).versionTypes).toEqual([]);
  });
});

describe('after listing', () => {
  const listed = [
    { type: 'Layout', fullName: 'Account-Account Layout' },
    { type: 'Layout', fullName: 'Account-Account %28Marketing%29 Layout' },
    { type: 'Layout', fullName: 'AccountBrand-AccountBrand Layout' },
    { type: 'Layout', fullName: 'Contact-Contact Layout' },
  ];

  it('picks the layouts of the planned objects, by the object before the first dash', () => {
    expect(namesToRead({ type: 'Layout', names: [], list: { objects: ['Account'] } }, listed)).toEqual([
      'Account-Account %28Marketing%29 Layout',
      'Account-Account Layout',
    ]);
    expect(namesToRead({ type: 'Layout', names: ['Lead-Lead Layout'], list: { all: true } }, listed)).toHaveLength(5);
  });

  it('reads at most 10 names per readMetadata call', () => {
    const names = Array.from({ length: 23 }, (_, i) => `N${i}`);
    expect(readBatches(names).map((b) => b.length)).toEqual([10, 10, 3]);
    expect(readCallCount({ Layout: 23, Profile: 1, CustomObject: 10 })).toBe(3 + 1 + 1);
    expect(chunk(['a', 'b', 'c', 'd'], 3)).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
