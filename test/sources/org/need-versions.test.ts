import { describe, expect, it } from 'vitest';
import { needVersions } from '../../../src/sources/org/need-versions.js';
import { versionBook } from '../../../src/sources/org/versions.js';

const DATE = '2025-03-01T10:00:00.000Z';
const LATER = '2025-06-01T10:00:00.000Z';

function versionOf(options: { layoutDate?: string; extraLayout?: boolean; listViewDate?: string; layoutsFail?: boolean } = {}) {
  const versions = versionBook(['ListView']);
  versions.add(['CustomObject'], [
    { type: 'CustomObject', fullName: 'Fleet__c', id: '01I000000000001', lastModifiedDate: DATE },
    { type: 'CustomObject', fullName: 'Account', id: '', lastModifiedDate: '1970-01-01T00:00:00.000Z' },
  ]);
  versions.add(
    ['Layout'],
    options.layoutsFail
      ? undefined
      : [
          { type: 'Layout', fullName: 'Fleet__c-Fleet Layout', id: '00h000000000001', lastModifiedDate: options.layoutDate ?? DATE },
          ...(options.extraLayout ? [{ type: 'Layout', fullName: 'Fleet__c-Second Layout', id: '00h000000000002', lastModifiedDate: DATE }] : []),
          { type: 'Layout', fullName: 'Account-Account Layout', id: '00h000000000003', lastModifiedDate: DATE },
        ],
  );
  versions.add(['ListView'], [{ type: 'ListView', fullName: 'Fleet__c.All', id: '00B000000000001', lastModifiedDate: options.listViewDate ?? DATE }]);
  return needVersions(versions);
}

describe('needVersions', () => {
  it("versions every layout of an object: which there are and each one's date, found in any case", () => {
    const layouts = { type: 'Layout', object: 'Fleet__c' };
    const before = versionOf()(layouts);
    expect(before).toBeDefined();
    expect(versionOf()({ type: 'Layout', object: 'FLEET__C' })).toBe(before);
    expect(versionOf({ layoutDate: LATER })(layouts)).not.toBe(before);
    expect(versionOf({ extraLayout: true })(layouts)).not.toBe(before);
    // Another object's layout changing does not touch it.
    expect(versionOf()({ type: 'Layout', object: 'Account' })).not.toBe(before);
    // No layout at all is a state as well.
    expect(versionOf()({ type: 'Layout', object: 'Nothing__c' })).toBe('');
  });

  it("versions an object's nested parts by the object's version, which spells out theirs", () => {
    const listViews = { type: 'ListView', object: 'Fleet__c' };
    expect(versionOf()(listViews)).toBe(versionOf()({ type: 'CustomObject', name: 'Fleet__c' }));
    expect(versionOf({ listViewDate: LATER })(listViews)).not.toBe(versionOf()(listViews));
  });

  it('cannot tell for a standard object, a part not listed for its object, a failed listing or another type', () => {
    const of = versionOf();
    expect(of({ type: 'CustomObject', name: 'Account' })).toBeUndefined();
    expect(of({ type: 'CustomObject', name: 'fleet__c' })).toBeUndefined();
    expect(of({ type: 'WebLink', object: 'Fleet__c' })).toBeUndefined();
    expect(of({ type: 'Profile', name: 'Admin' })).toBeUndefined();
    expect(of({ type: 'Layout', name: 'Fleet__c-Missing' })).toBeUndefined();
    expect(versionOf({ layoutsFail: true })({ type: 'Layout', object: 'Fleet__c' })).toBeUndefined();
  });
});
