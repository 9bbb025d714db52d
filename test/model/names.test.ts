import { describe, expect, it } from 'vitest';
import { decodeFullName, layoutObject, splitChildName, splitLayoutName } from '../../src/model/names.js';

describe('component full names', () => {
  it('splits a layout name at its first dash, decoding the layout part only', () => {
    expect(splitLayoutName('Account-Account %28Marketing%29 Layout')).toEqual({ object: 'Account', name: 'Account (Marketing) Layout' });
    expect(splitLayoutName('Obj__c-Layout - Two-Part')).toEqual({ object: 'Obj__c', name: 'Layout - Two-Part' });
    expect(splitLayoutName('NoDash')).toEqual({ object: 'NoDash', name: 'NoDash' });
  });

  it("gives a layout's object as splitLayoutName does, without decoding the rest", () => {
    for (const name of ['Account-Account %28Marketing%29 Layout', 'Obj__c-Layout - Two-Part', 'NoDash', 'Lead-100% sure']) {
      expect(layoutObject(name)).toBe(splitLayoutName(name).object);
    }
  });

  it('keeps a lone % as written, and splits a child name at its first dot', () => {
    expect(decodeFullName('100% sure')).toBe('100% sure');
    expect(splitChildName('Account.All_Accounts')).toEqual({ object: 'Account', name: 'All_Accounts' });
    expect(splitChildName('NoDot')).toEqual({ object: '', name: 'NoDot' });
  });
});
