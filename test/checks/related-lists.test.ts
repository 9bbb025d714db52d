import { describe, expect, it } from 'vitest';
import { buildOrg, layout, lineOf, rule, runCheck, section } from './org-builder.js';
import { expectOutcomes, type Want } from './expect-outcomes.js';
import type { RawAliases } from '../../src/ruleset/aliases.js';
import type { Finding } from '../../src/report/finding.js';

const ALIASES: RawAliases = { relatedLists: { 'Related contacts': 'Related_Contact__c.Contact__c' } };
const L = 'Contact-Contact Layout';
const details = section('Details', 'OneColumn', ['Name']);

function org(...relatedLists: string[]) {
  return buildOrg({ layouts: { [L]: layout([details], relatedLists) } });
}

describe('related-lists', () => {
  const pass = { is: `pass ${L} | related lists` };
  it.each<{ name: string; lists: string[]; expect: Record<string, unknown>; aliases?: RawAliases; want: Want[] }>([
    { name: 'absent Notes, none there', lists: ['RelatedContactList', 'RelatedActivityList'], expect: { absent: ['Notes'] }, want: [pass] },
    {
      name: 'absent Notes: the classic Notes & Attachments list',
      lists: ['RelatedActivityList', 'RelatedNoteList'],
      expect: { absent: ['Notes'] },
      want: [
        {
          is: `fail ${L} | related lists`,
          expected: 'no Notes related list',
          actual: 'RelatedNoteList is on the layout',
          message: [`Layout ${L} shows the Notes related list (RelatedNoteList), which should not be there`],
          fix: ['Setup › Object Manager › Contact › Page Layouts › Contact Layout, remove the Notes related list.'],
        },
      ],
    },
    {
      name: 'absent Notes: the enhanced Notes list',
      lists: ['RelatedContentNoteList'],
      expect: { absent: ['Notes'] },
      want: [{ is: `fail ${L} | related lists`, actual: 'RelatedContentNoteList is on the layout' }],
    },
    {
      name: 'absent Notes: both lists, one finding each',
      lists: ['RelatedNoteList', 'RelatedContentNoteList'],
      expect: { absent: ['notes'] },
      want: [
        { is: `fail ${L} | related lists`, actual: 'RelatedNoteList is on the layout' },
        { is: `fail ${L} | related lists`, actual: 'RelatedContentNoteList is on the layout' },
      ],
    },
    {
      name: 'a ruleset alias wins over the built-in name',
      lists: ['RelatedContentNoteList'],
      expect: { absent: ['Notes'] },
      aliases: { relatedLists: { Notes: 'RelatedNoteList' } },
      want: [pass],
    },
    { name: 'present by built-in name', lists: ['RelatedContactList', 'RelatedOpportunityList'], expect: { present: ['Opportunities', 'Contacts'] }, want: [pass] },
    { name: 'present by layout name', lists: ['RelatedCaseList'], expect: { present: ['RelatedCaseList'] }, want: [pass] },
    { name: 'present by ruleset alias', lists: ['Related_Contact__c.Contact__c'], expect: { present: ['Related contacts'] }, want: [pass] },
    {
      name: 'present, missing',
      lists: ['RelatedContactList'],
      expect: { present: ['Contacts', 'Open Activities'] },
      want: [
        {
          is: `fail ${L} | related lists`,
          expected: 'related list Open Activities',
          actual: 'RelatedContactList',
          message: [`Layout ${L} lacks the Open Activities related list`],
          fix: ['drag the Open Activities related list onto the layout'],
        },
      ],
    },
    { name: 'present, no related lists at all', lists: [], expect: { present: ['Cases'] }, want: [{ is: `fail ${L} | related lists`, actual: '(none)' }] },
    { name: 'last, at the bottom', lists: ['RelatedActivityList', 'Related_Contact__c.Contact__c'], expect: { last: 'Related contacts' }, want: [pass] },
    {
      name: 'last, not at the bottom',
      lists: ['Related_Contact__c.Contact__c', 'RelatedHistoryList'],
      expect: { last: 'Related contacts' },
      want: [
        {
          is: `fail ${L} | related lists`,
          expected: 'Related contacts at the bottom',
          actual: 'bottom is RelatedHistoryList',
          message: [`Layout ${L}: Related contacts is not the last related list (the last is RelatedHistoryList)`],
          fix: ['drag the Related contacts related list to the bottom'],
        },
      ],
    },
    {
      name: 'last, not on the layout',
      lists: ['RelatedHistoryList'],
      expect: { last: 'Related contacts' },
      want: [
        {
          is: `fail ${L} | related lists`,
          actual: 'Related contacts is not on the layout',
          message: [`Layout ${L} lacks the Related contacts related list, which should be at the bottom`],
          fix: ['add the Related contacts related list to the bottom'],
        },
      ],
    },
    { name: 'last, no related lists at all', lists: [], expect: { last: 'Related contacts' }, want: [{ is: `fail ${L} | related lists`, actual: 'Related contacts is not on the layout' }] },
    {
      name: 'present, absent and last together',
      lists: ['RelatedNoteList', 'RelatedContactList'],
      expect: { present: ['Cases'], absent: ['Notes'], last: 'Related contacts' },
      want: [
        { is: `fail ${L} | related lists`, expected: 'related list Cases' },
        { is: `fail ${L} | related lists`, expected: 'no Notes related list' },
        { is: `fail ${L} | related lists`, expected: 'Related contacts at the bottom' },
      ],
    },
  ])('$name', ({ lists, expect: e, aliases, want }) => {
    const r = rule('related-lists', { object: 'Contact' }, e, { aliases: aliases ?? ALIASES });
    expectOutcomes(runCheck(r, org(...lists)), want, r);
  });

  it('points an unwanted list at its line in the layout', () => {
    const r = rule('related-lists', { object: 'Contact' }, { absent: ['Notes'] });
    expect((runCheck(r, org('RelatedContactList', 'RelatedNoteList'))[0] as Finding).source).toEqual({ file: `layouts/${L}`, line: lineOf(1) });
  });
});

describe('related-lists: which layouts', () => {
  const o = buildOrg({
    layouts: {
      'Account-Account Layout': layout([details], ['RelatedNoteList']),
      'Account-Account %28Support%29 Layout': layout([details], ['RelatedCaseList']),
    },
  });

  it('checks every layout of the object', () => {
    const r = rule('related-lists', { object: 'Account' }, { absent: ['Notes'] });
    expectOutcomes(runCheck(r, o), [{ is: 'pass Account-Account (Support) Layout | related lists' }, { is: 'fail Account-Account Layout | related lists' }], r);
  });

  it.each(['Account (Support) Layout', 'Account-Account (Support) Layout'])('checks only the named layout "%s"', (name) => {
    const r = rule('related-lists', { object: 'Account', layout: name }, { absent: ['Notes'] });
    expectOutcomes(runCheck(r, o), [{ is: 'pass Account-Account (Support) Layout | related lists' }], r);
  });

  it('sees a layout added to the model after a first check (the per-object index follows the model)', () => {
    const grown = buildOrg({ layouts: { 'Account-Account Layout': layout([details], ['RelatedNoteList']) } });
    const r = rule('related-lists', { object: 'Account' }, { absent: ['Notes'] });
    expect(runCheck(r, grown)).toHaveLength(1);
    const support = o.layouts.get('Account-Account %28Support%29 Layout')!;
    grown.layouts.set(support.fullName, support);
    expectOutcomes(runCheck(r, grown), [{ is: 'pass Account-Account (Support) Layout | related lists' }, { is: 'fail Account-Account Layout | related lists' }], r);
  });

  it("goes through an object's layouts alphabetically, case aside", () => {
    const names = ['Account-beta Layout', 'Account-Gamma Layout', 'Account-Alpha Layout'];
    const mixed = buildOrg({ layouts: Object.fromEntries(names.map((n) => [n, layout([details], [])])) });
    const r = rule('related-lists', { object: 'Account' }, { absent: ['Notes'] });
    expect(runCheck(r, mixed).map((f) => (f as Finding).component)).toEqual(['Account-Alpha Layout', 'Account-beta Layout', 'Account-Gamma Layout']);
  });

  it('reports a named layout that does not exist', () => {
    const r = rule('related-lists', { object: 'Account', layout: 'Partner Layout' }, { absent: ['Notes'] });
    expectOutcomes(
      runCheck(r, o),
      [{ is: 'fail Account-Partner Layout', actual: 'not found', message: ['Account has no page layout named "Partner Layout"'] }],
      r,
    );
  });

  it('reports an object without layouts', () => {
    const r = rule('related-lists', { object: 'Lead' }, { absent: ['Notes'] });
    expectOutcomes(runCheck(r, o), [{ is: 'fail Lead', message: ['Lead has no page layout'] }], r);
  });
});
