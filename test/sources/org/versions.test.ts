import { describe, expect, it } from 'vitest';
import { versionBook, versionParts } from '../../../src/sources/org/versions.js';

const DATE = '2025-03-01T10:00:00.000Z';
const LATER = '2025-06-01T10:00:00.000Z';
const NESTED = ['ListView', 'CustomField'];

function book(listViewDate = DATE) {
  const versions = versionBook(NESTED);
  versions.add(['CustomObject', 'Layout'], [
    { type: 'CustomObject', fullName: 'Fleet__c', id: '01I000000000001', lastModifiedDate: DATE },
    { type: 'CustomObject', fullName: 'Account', id: '', lastModifiedDate: '1970-01-01T00:00:00.000Z' },
    { type: 'Layout', fullName: 'Fleet__c-Fleet Layout', id: '00h000000000001', lastModifiedDate: DATE },
  ]);
  versions.add(NESTED, [
    { type: 'ListView', fullName: 'Fleet__c.All', id: '00B000000000001', lastModifiedDate: listViewDate },
    { type: 'CustomField', fullName: 'Fleet__c.Plate__c', id: '00N000000000001', lastModifiedDate: DATE },
  ]);
  return versions;
}

describe('versionBook', () => {
  it("versions an object by its own listing and its children's: a list view edit changes the object's version", () => {
    const before = book().of('CustomObject', 'Fleet__c');
    const after = book(LATER).of('CustomObject', 'Fleet__c');
    expect(before.version).toBeDefined();
    expect(after.version).not.toBe(before.version);
    // The newest date of the parts: the cache keeps nothing changed in the last minutes.
    expect(after.lastModifiedDate).toBe(LATER);
    expect(book().of('Layout', 'Fleet__c-Fleet Layout')).toEqual({ version: expect.any(String), lastModifiedDate: DATE });
  });

  it('gives no version to what was not listed, to a standard object, or to any object when a child listing failed', () => {
    expect(book().of('Layout', 'Other-Other Layout')).toEqual({});
    expect(book().of('CustomObject', 'Account').version).toBeUndefined();
    const versions = versionBook(NESTED);
    versions.add(['CustomObject'], [{ type: 'CustomObject', fullName: 'Fleet__c', id: '01I000000000001', lastModifiedDate: DATE }]);
    versions.add(NESTED, undefined);
    expect(versions.of('CustomObject', 'Fleet__c')).toEqual({});
  });
});

describe('versionBook.test', () => {
  it('tells a stored version apart exactly as comparing it with the version `of` gives would', () => {
    const listings = [book(), book(LATER)];
    // Every version either book writes, and versions in other shapes, compared in every book.
    const names: Array<[string, string]> = [
      ['CustomObject', 'Fleet__c'],
      ['CustomObject', 'Account'],
      ['Layout', 'Fleet__c-Fleet Layout'],
      ['Layout', 'Other-Other Layout'],
    ];
    const stored = [
      ...listings.flatMap((b) => names.map(([type, name]) => b.of(type, name).version).filter((v): v is string => !!v)),
      `01I000000000001@${DATE}`,
      `00h000000000001@${LATER}`,
      `00h000000000001@${DATE}x`,
      `undefined@undefined`,
      JSON.stringify({ own: `01I000000000001@${DATE}`, parts: [['ListView:Fleet__c.All', `00B000000000001@${DATE}`]] }),
      JSON.stringify({ own: `01I000000000001@${DATE}`, parts: [['CustomField:Fleet__c.Plate__c', `00N000000000001@${DATE}`], ['ListView:Fleet__c.Other', `00B000000000001@${DATE}`]] }),
      '{',
      '',
    ];
    let matched = 0;
    for (const b of listings) {
      for (const [type, name] of names) {
        const version = b.of(type, name).version;
        const test = b.test(type, name);
        for (const s of stored) {
          // With no version (not listed, a standard object), nothing stored serves.
          expect(test?.(s) ?? false, `${type} ${name} against ${s}`).toBe(version === s);
          if (version === s) matched++;
        }
      }
    }
    expect(matched).toBe(6);
    expect(book().test('Layout', 'Other-Other Layout')).toBeUndefined();
    const failed = versionBook(NESTED);
    failed.add(['CustomObject'], [{ type: 'CustomObject', fullName: 'Fleet__c', id: '01I000000000001', lastModifiedDate: DATE }]);
    failed.add(NESTED, undefined);
    expect(failed.test('CustomObject', 'Fleet__c')).toBeUndefined();
  });
});

describe('versionParts', () => {
  it("reads back an object's version: its own, and each listed part's by type and name", () => {
    const version = book(LATER).of('CustomObject', 'Fleet__c').version!;
    expect(versionParts(version)).toEqual({
      own: `01I000000000001@${DATE}`,
      parts: new Map([
        ['CustomField:Fleet__c.Plate__c', `00N000000000001@${DATE}`],
        ['ListView:Fleet__c.All', `00B000000000001@${LATER}`],
      ]),
    });
    expect(versionParts(book().of('Layout', 'Fleet__c-Fleet Layout').version!)).toEqual({ own: `00h000000000001@${DATE}`, parts: new Map() });
  });

  it('reads nothing from a version in another shape (an older cache, a file edited by hand)', () => {
    for (const bad of ['', 'f'.repeat(64), '{', '{"own":1,"parts":[]}', '{"own":"a@b","parts":[["x"]]}', '{"own":"a@b","parts":{}}', 'null']) {
      expect(versionParts(bad)).toBeUndefined();
    }
  });
});
