import { describe, expect, it } from 'vitest';
import { choosePatches, patchedRecord, patchFor, type ObjectPatch } from '../../../src/sources/org/object-patches.js';
import { componentVersion, type Listed } from '../../../src/sources/org/versions.js';

const OLD = '2024-03-01T10:00:00.000Z';
const NEW = '2025-06-01T10:00:00.000Z';
const own: Listed = { fullName: 'Fleet__c', id: '01I1', lastModifiedDate: OLD };
const view = (name: string, date = OLD): Listed => ({ type: 'ListView', fullName: `Fleet__c.${name}`, id: `00B${name}`, lastModifiedDate: date });
const version = (o: Listed, parts: Listed[]) => componentVersion(o, parts)!;

describe('patchFor: what changed in an object between two versions, when only its parts did', () => {
  const stored = version(own, [view('All'), view('Mine'), view('Old')]);

  it('reads the parts changed or added, and drops those gone', () => {
    expect(patchFor('Fleet__c', stored, version(own, [view('All', NEW), view('Mine'), view('New')]))).toEqual({
      object: 'Fleet__c',
      read: [
        { type: 'ListView', fullName: 'Fleet__c.All' },
        { type: 'ListView', fullName: 'Fleet__c.New' },
      ],
      drop: [{ type: 'ListView', fullName: 'Fleet__c.Old' }],
    });
  });

  it('patches an object stored with no parts listed', () => {
    expect(patchFor('Fleet__c', version(own, []), version(own, [view('All')]))?.read).toEqual([{ type: 'ListView', fullName: 'Fleet__c.All' }]);
  });

  it('reads the whole object when the object itself changed, or a part is of a type it cannot put back', () => {
    expect(patchFor('Fleet__c', stored, version({ ...own, lastModifiedDate: NEW }, [view('All')]))).toBeUndefined();
    const recordType: Listed = { type: 'RecordType', fullName: 'Fleet__c.Truck', id: '012T', lastModifiedDate: OLD };
    expect(patchFor('Fleet__c', stored, version(own, [view('All'), view('Mine'), view('Old'), recordType]))).toBeUndefined();
    // A part of another object (a cache edited by hand) is not this object's to patch.
    const stray: Listed = { type: 'ListView', fullName: 'Other__c.All', id: '00BX', lastModifiedDate: OLD };
    expect(patchFor('Fleet__c', stored, version(own, [view('All'), view('Mine'), view('Old'), stray]))).toBeUndefined();
    expect(patchFor('Fleet__c', 'not a version', version(own, [view('All')]))).toBeUndefined();
  });
});

describe('choosePatches: patch when it takes no more calls than reading the objects whole', () => {
  const patch = (object: string, parts: Array<[string, number]>): ObjectPatch => ({
    object,
    read: parts.flatMap(([type, n]) => Array.from({ length: n }, (_, i) => ({ type: type as 'ListView', fullName: `${object}.${type}${i}` }))),
    drop: [],
  });

  it('patches thirty objects with a list view each (3 calls) beside three read whole (1 call): 4 calls either way', () => {
    const patches = Array.from({ length: 30 }, (_, i) => patch(`O${i}__c`, [['ListView', 1]]));
    const chosen = choosePatches(['A__c', 'B__c', 'C__c'], patches);
    expect(chosen.patches).toHaveLength(30);
    expect(chosen.whole).toEqual(['A__c', 'B__c', 'C__c']);
  });

  it('reads whole what patching would cost more calls for: parts of several types, or a call of parts for one object', () => {
    const mixed = [patch('A__c', [['ListView', 1], ['CustomField', 1], ['WebLink', 1]])];
    expect(choosePatches([], mixed)).toEqual({ whole: ['A__c'], patches: [] });
    const many = patch('B__c', [['ListView', 12]]);
    const few = patch('C__c', [['ListView', 2]]);
    // Nine objects read whole: B joins their call, C's two list views take one more, as reading C whole would.
    const nine = Array.from({ length: 9 }, (_, i) => `W${i}__c`);
    expect(choosePatches(nine, [many, few])).toEqual({ whole: [...nine, 'B__c'].sort(), patches: [few] });
    // Two objects alone fit one call read whole: patching C would take a second.
    expect(choosePatches([], [many, few])).toEqual({ whole: ['B__c', 'C__c'], patches: [] });
  });

  it('always patches what only lost parts: that reads nothing', () => {
    const dropOnly: ObjectPatch = { object: 'A__c', read: [], drop: [{ type: 'ListView', fullName: 'A__c.Old' }] };
    expect(choosePatches([], [dropOnly]).patches).toEqual([dropOnly]);
  });
});

describe('patchedRecord', () => {
  const record = {
    fullName: 'Fleet__c',
    label: 'Fleet',
    listViews: [
      { fullName: 'All', filterScope: 'Everything' },
      { fullName: 'Mine', filterScope: 'Mine' },
    ],
    webLinks: { fullName: 'Map', url: 'https://example.com' },
  };

  it('puts each part read in place of the cached one, with its short name, and new ones in name order', () => {
    const patch: ObjectPatch = {
      object: 'Fleet__c',
      read: [
        { type: 'ListView', fullName: 'Fleet__c.Mine' },
        { type: 'ListView', fullName: 'Fleet__c.Busy' },
      ],
      drop: [],
    };
    const parts = new Map([
      ['ListView:Fleet__c.Mine', { fullName: 'Fleet__c.Mine', filterScope: 'Team' }],
      ['ListView:Fleet__c.Busy', { fullName: 'Fleet__c.Busy', filterScope: 'Everything' }],
    ]);
    const patched = patchedRecord(record, patch, parts);
    expect(patched.listViews).toEqual([
      { fullName: 'All', filterScope: 'Everything' },
      { fullName: 'Busy', filterScope: 'Everything' },
      { fullName: 'Mine', filterScope: 'Team' },
    ]);
    expect(patched.webLinks).toBe(record.webLinks);
    expect(record.listViews).toHaveLength(2); // the cached record is left as it was
  });

  it('takes out dropped parts, leaving one as a value and none as no key, as a parse of the reply would', () => {
    const drop = (names: string[]): ObjectPatch => ({ object: 'Fleet__c', read: [], drop: names.map((n) => ({ type: 'ListView', fullName: `Fleet__c.${n}` })) });
    expect(patchedRecord(record, drop(['Mine']), new Map()).listViews).toEqual({ fullName: 'All', filterScope: 'Everything' });
    expect('listViews' in patchedRecord(record, drop(['Mine', 'All']), new Map())).toBe(false);
    const noLink: ObjectPatch = { object: 'Fleet__c', read: [], drop: [{ type: 'WebLink', fullName: 'Fleet__c.Map' }] };
    expect('webLinks' in patchedRecord(record, noLink, new Map())).toBe(false);
  });
});
