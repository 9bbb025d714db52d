import { describe, expect, it } from 'vitest';
import { tabCandidates } from '../../src/checks/tabs.js';
import { emptyObject } from '../../src/model/types.js';
import { buildOrg, rule, runCheck, type RawOrg } from './org-builder.js';
import { expectOutcomes, type Want } from './expect-outcomes.js';

const tab = (name: string, visibility: string) => ({ tab: name, visibility });

const RAW: RawOrg = {
  objects: { Related_Contact__c: { label: 'Related Contact', pluralLabel: 'Related Contacts' } },
  profiles: {
    Standard: {
      tabVisibilities: [
        tab('standard-Account', 'DefaultOn'),
        tab('standard-Contact', 'DefaultOff'),
        tab('standard-Lead', 'Hidden'),
        tab('standard-Opportunity', 'DefaultOn'),
        tab('Related_Contact__c', 'DefaultOn'),
      ],
    },
    // Custom profile names are %-encoded in full names (`:` is %3A).
    'Custom%3A Sales Profile': { tabVisibilities: tab('standard-Account', 'DefaultOn') },
  },
  apps: {
    Fleet_Sales: { label: 'Fleet Sales', tabs: ['standard-Account', 'standard-Contact', 'standard-Opportunity', 'standard-Case'] },
  },
};
const org = buildOrg(RAW);

describe('tabs: a profile', () => {
  const pass = 'pass Standard | tabs';
  it.each<{ name: string; profile?: string; visible: string[]; only?: boolean; want: Want[] }>([
    { name: 'plural label', visible: ['Accounts'], want: [{ is: pass }] },
    { name: 'singular label', visible: ['Account'], want: [{ is: pass }] },
    { name: 'tab API name', visible: ['standard-Account'], want: [{ is: pass }] },
    { name: 'other case', visible: ['accounts', 'OPPORTUNITIES'], want: [{ is: pass }] },
    { name: 'DefaultOff counts as visible', visible: ['Contacts'], want: [{ is: pass }] },
    { name: 'custom object tab by plural label', visible: ['Related Contacts'], want: [{ is: pass }] },
    { name: 'custom object tab by API name', visible: ['Related_Contact__c'], want: [{ is: pass }] },
    {
      name: 'Hidden does not count',
      visible: ['Accounts', 'Leads'],
      want: [
        {
          is: 'fail Standard | tab Leads (standard-Lead)',
          expected: 'visible',
          actual: 'Hidden',
          message: ['Tab Leads (standard-Lead) is not visible in profile Standard (Hidden)'],
          fix: ['Setup › Profiles › Standard User › Object Settings: set the Leads (standard-Lead) tab to Default On.'],
        },
      ],
    },
    {
      name: 'a tab the profile does not list',
      visible: ['Cases'],
      want: [{ is: 'fail Standard | tab Cases (standard-Case)', actual: 'not listed in the profile, so not visible' }],
    },
    {
      name: 'only: true reports every other visible tab (DefaultOn or DefaultOff), not hidden ones',
      visible: ['Accounts', 'Opportunities'],
      only: true,
      want: [
        {
          is: 'fail Standard | tab Contacts (standard-Contact)',
          expected: 'only Accounts, Opportunities',
          actual: 'Contacts (standard-Contact) is DefaultOff',
          message: ['Tab Contacts (standard-Contact) is visible in profile Standard (DefaultOff); no other tabs should exist'],
          fix: ['set the Contacts (standard-Contact) tab to Tab Hidden'],
        },
        { is: 'fail Standard | tab Related_Contact__c', actual: 'Related_Contact__c is DefaultOn' },
      ],
    },
    { name: 'only: true when exactly those are visible', visible: ['Accounts', 'Contacts', 'Opportunities', 'Related Contacts'], only: true, want: [{ is: pass }] },
    {
      name: 'only: true with a missing tab reports both',
      visible: ['Accounts', 'Contacts', 'Opportunities', 'Leads'],
      only: true,
      want: [{ is: 'fail Standard | tab Leads (standard-Lead)', actual: 'Hidden' }, { is: 'fail Standard | tab Related_Contact__c' }],
    },
    { name: 'profile by API name', profile: 'Standard', visible: ['Accounts'], want: [{ is: pass }] },
    { name: 'profile name in other case', profile: 'standard user', visible: ['Accounts'], want: [{ is: pass }] },
    { name: 'custom profile by its decoded name', profile: 'Custom: Sales Profile', visible: ['Accounts'], want: [{ is: 'pass Custom: Sales Profile | tabs' }] },
    {
      name: 'a profile that does not exist',
      profile: 'Sales Rep',
      visible: ['Accounts'],
      want: [{ is: 'fail Sales Rep', expected: 'profile Sales Rep', actual: 'not found', message: ['Profile "Sales Rep" does not exist'], fix: ['Setup › Profiles'] }],
    },
  ])('$name', ({ profile, visible, only, want }) => {
    const r = rule('tabs', { profile: profile ?? 'Standard User' }, only === undefined ? { visible } : { visible, only });
    expectOutcomes(runCheck(r, org), want, r);
  });
});

describe('tabs: a Lightning app', () => {
  const pass = 'pass Fleet_Sales | tabs';
  it.each<{ name: string; app?: string; visible: string[]; only?: boolean; want: Want[] }>([
    { name: 'app by label', visible: ['Accounts', 'Contacts'], want: [{ is: pass }] },
    { name: 'app by API name', app: 'Fleet_Sales', visible: ['Accounts'], want: [{ is: pass }] },
    { name: 'app label in other case', app: 'fleet sales', visible: ['Accounts'], want: [{ is: pass }] },
    {
      name: 'a tab not in the navigation bar',
      visible: ['Accounts', 'Leads'],
      want: [
        {
          is: 'fail Fleet_Sales | tab Leads (standard-Lead)',
          actual: 'not in the app',
          message: ['Tab Leads (standard-Lead) is not visible in app Fleet_Sales'],
          fix: ['Setup › App Manager › Fleet Sales › Edit › Navigation Items: add Leads (standard-Lead).'],
        },
      ],
    },
    {
      name: 'only: true reports the extra item',
      visible: ['Accounts', 'Contacts', 'Opportunities'],
      only: true,
      want: [{ is: 'fail Fleet_Sales | tab Cases (standard-Case)', actual: 'Cases (standard-Case) is in the navigation bar', fix: ['remove Cases (standard-Case)'] }],
    },
    {
      name: 'an app that does not exist',
      app: 'Fleet Service',
      visible: ['Accounts'],
      want: [{ is: 'fail Fleet Service', actual: 'not found', message: ['Lightning app "Fleet Service" does not exist'], fix: ['Setup › App Manager'] }],
    },
  ])('$name', ({ app, visible, only, want }) => {
    const r = rule('tabs', { app: app ?? 'Fleet Sales' }, only === undefined ? { visible } : { visible, only });
    expectOutcomes(runCheck(r, org), want, r);
  });

  it('checks the profile and the app of one rule, profile first', () => {
    const r = rule('tabs', { profile: 'Standard User', app: 'Fleet Sales' }, { visible: ['Accounts', 'Contacts', 'Opportunities', 'Leads'] });
    expectOutcomes(runCheck(r, org), [{ is: 'fail Standard | tab Leads (standard-Lead)' }, { is: 'fail Fleet_Sales | tab Leads (standard-Lead)' }], r);
  });
});

describe('tabCandidates: the tabs a name in a rule may mean', () => {
  it.each([
    ['Accounts', ['Accounts', 'standard-Account']],
    ['account', ['account', 'standard-Account']],
    ['Related  contacts', ['Related  contacts', 'Related_Contact__c']],
    ['Related_Contact__c', ['Related_Contact__c']],
    ['Vehicles', ['Vehicles']],
  ])('%s → %j', (ref, want) => {
    expect(tabCandidates(org, ref)).toEqual(want);
  });

  it('knows an object added to the model after an earlier lookup', () => {
    const grown = buildOrg(RAW);
    expect(tabCandidates(grown, 'Vehicles')).toEqual(['Vehicles']);
    grown.objects.set('Vehicle__c', { ...emptyObject('Vehicle__c'), label: 'Vehicle', pluralLabel: 'Vehicles' });
    expect(tabCandidates(grown, 'Vehicles')).toEqual(['Vehicles', 'Vehicle__c']);
  });
});
