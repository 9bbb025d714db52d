import { describe, expect, it } from 'vitest';
import { buildOrg, field, rule, runCheck } from './org-builder.js';
import { expectOutcomes, type Want } from './expect-outcomes.js';
import type { Finding } from '../../src/report/finding.js';

const view = (fullName: string, label: string, rest: Record<string, unknown> = {}) => ({
  fullName,
  label,
  columns: ['ACCOUNT.NAME', 'CORE.USERS.ALIAS'],
  filterScope: 'Everything',
  ...rest,
});
const filter = (f: string, operation: string, value?: string) => ({ field: f, operation, ...(value === undefined ? {} : { value }) });

const org = buildOrg({
  objects: {
    Account: {
      fields: [field('Tier__c', 'Tier', 'Picklist')],
      listViews: [
        // A single filter as the XML parser gives it: an object, not a list.
        view('Customers', 'Customers', { filters: filter('ACCOUNT.TYPE', 'equals', 'Customer') }),
        view('AllAccounts', 'All Accounts'),
        view('Partners', 'Partners and resellers', { filters: [filter('ACCOUNT.TYPE', 'equals', 'Partner,Reseller')] }),
        view('Gold_Banks', 'Gold banks', { filterScope: 'Mine', filters: [filter('Tier__c', 'equals', 'Gold'), filter('ACCOUNT.INDUSTRY', 'equals', 'Banking')] }),
        view('Gold_Or_Banks', 'Gold or banks', {
          filters: [filter('Tier__c', 'equals', 'Gold'), filter('ACCOUNT.INDUSTRY', 'equals', 'Banking')],
          booleanFilter: '1 OR 2',
        }),
        view('Gold_And_Banks', 'Gold and banks', {
          filters: [filter('Tier__c', 'equals', 'Gold'), filter('ACCOUNT.INDUSTRY', 'equals', 'Banking')],
          booleanFilter: '(1 AND 2)',
        }),
        view('Sales_Team', 'Sales team', { sharedTo: { group: 'Sales' } }),
        view('Leadership', 'Leadership', { sharedTo: { role: ['CEO', 'VP_Sales'] } }),
        view('Internal', 'Internal', { sharedTo: { allInternalUsers: '' } }),
      ],
    },
  },
  // Source format: each list view in its own file, named Object.View.
  listViews: {
    'Opportunity.Closing': view('Closing', 'Closing this month', { filters: [filter('OPPORTUNITY.STAGE_NAME', 'notEqual', 'Closed Won,Closed Lost')] }),
  },
});

type Expect = Record<string, unknown>;
const TYPE_CUSTOMER = [{ field: 'Type', operation: 'equals', value: 'Customer' }];

describe('list-view: finding the list view', () => {
  it.each<[string, string, string]>([
    ['Account', 'Customers', 'Account.Customers'],
    ['Account', 'customers', 'Account.Customers'],
    ['Account', 'AllAccounts', 'Account.AllAccounts'],
    ['Account', 'All Accounts', 'Account.AllAccounts'],
    ['Account', 'all accounts', 'Account.AllAccounts'],
    ['Account', 'Partners and resellers', 'Account.Partners'],
    ['Opportunity', 'Closing this month', 'Opportunity.Closing'],
  ])('%s "%s" is %s', (object, listView, component) => {
    const r = rule('list-view', { object, listView }, {});
    expectOutcomes(runCheck(r, org), [{ is: `pass ${component}` }], r);
  });

  it.each<[string, string, Want]>([
    [
      'Account',
      'Customer',
      {
        is: 'fail Account.Customer',
        expected: 'list view "Customer"',
        actual: 'not found',
        message: ['List view "Customer" does not exist on Account (did you mean "Customers"?)'],
        fix: ['Create a list view "Customer" on the Account tab'],
      },
    ],
    ['Account', 'Prospects', { is: 'fail Account.Prospects', message: ['List view "Prospects" does not exist on Account'], notMessage: ['did you mean'] }],
    ['Lead', 'All Leads', { is: 'fail Lead.All Leads', actual: 'not found', message: ['List view "All Leads" does not exist on Lead'] }],
  ])('%s "%s" does not exist', (object, listView, want) => {
    const r = rule('list-view', { object, listView }, { filterScope: 'Everything' });
    expectOutcomes(runCheck(r, org), [want], r);
  });
});

describe('list-view: configuration', () => {
  it.each<{ name: string; object?: string; listView: string; expect: Expect; want: Want[] }>([
    {
      name: 'everything as expected',
      listView: 'Customers',
      expect: { filterScope: 'Everything', filters: TYPE_CUSTOMER, visibility: 'all-users' },
      want: [{ is: 'pass Account.Customers' }],
    },
    {
      name: 'filter scope',
      listView: 'Customers',
      expect: { filterScope: 'Mine' },
      want: [
        {
          is: 'fail Account.Customers | filter scope',
          expected: 'Mine',
          actual: 'Everything',
          message: ['List view Customers (Account.Customers): filter scope is Everything, expected Mine'],
          fix: ["Edit the list view's filter scope in Setup › Object Manager › Account › List Views", 'to: Mine.'],
        },
      ],
    },
    // Filters name standard fields by column (ACCOUNT.TYPE); rules use the label or API name.
    { name: 'filter field by API name', listView: 'Customers', expect: { filters: TYPE_CUSTOMER }, want: [{ is: 'pass Account.Customers' }] },
    { name: 'filter field by label', listView: 'Customers', expect: { filters: [{ field: 'Account Type', operation: 'equals', value: 'Customer' }] }, want: [{ is: 'pass Account.Customers' }] },
    { name: 'filter field by column', listView: 'Customers', expect: { filters: [{ field: 'ACCOUNT.TYPE', operation: 'equals', value: 'Customer' }] }, want: [{ is: 'pass Account.Customers' }] },
    { name: 'filter value in other case', listView: 'Customers', expect: { filters: [{ field: 'Type', operation: 'equals', value: 'customer' }] }, want: [{ is: 'pass Account.Customers' }] },
    {
      name: 'filter value differs',
      listView: 'Customers',
      expect: { filters: [{ field: 'Type', operation: 'equals', value: 'Prospect' }] },
      want: [
        {
          is: 'fail Account.Customers | filters',
          expected: 'Account Type (Type) equals Prospect',
          actual: 'ACCOUNT.TYPE equals Customer',
          message: ['filters is ACCOUNT.TYPE equals Customer, expected Account Type (Type) equals Prospect'],
        },
      ],
    },
    {
      name: 'filter operation differs',
      listView: 'Customers',
      expect: { filters: [{ field: 'Type', operation: 'notEqual', value: 'Customer' }] },
      want: [{ is: 'fail Account.Customers | filters', expected: 'Account Type (Type) notEqual Customer' }],
    },
    {
      name: 'no filters expected, one present',
      listView: 'Customers',
      expect: { filters: [] },
      want: [{ is: 'fail Account.Customers | filters', expected: '(no filters)', actual: 'ACCOUNT.TYPE equals Customer' }],
    },
    { name: 'no filters expected, none present', listView: 'All Accounts', expect: { filterScope: 'Everything', filters: [] }, want: [{ is: 'pass Account.AllAccounts' }] },
    {
      name: 'a filter expected, none present',
      listView: 'All Accounts',
      expect: { filters: TYPE_CUSTOMER },
      want: [{ is: 'fail Account.AllAccounts | filters', actual: '(no filters)' }],
    },
    {
      name: 'several values, in another order',
      listView: 'Partners and resellers',
      expect: { filters: [{ field: 'Type', operation: 'equals', value: 'Reseller, Partner' }] },
      want: [{ is: 'pass Account.Partners' }],
    },
    {
      name: 'several values, one short',
      listView: 'Partners and resellers',
      expect: { filters: [{ field: 'Type', operation: 'equals', value: 'Partner' }] },
      want: [{ is: 'fail Account.Partners | filters', actual: 'ACCOUNT.TYPE equals Partner,Reseller' }],
    },
    {
      name: 'custom and standard filters, in any order',
      listView: 'Gold banks',
      expect: { filterScope: 'Mine', filters: [{ field: 'Industry', operation: 'equals', value: 'Banking' }, { field: 'Tier', operation: 'equals', value: 'Gold' }] },
      want: [{ is: 'pass Account.Gold_Banks' }],
    },
    {
      name: 'a filter missing from the rule is an extra filter in the view',
      listView: 'Gold banks',
      expect: { filters: [{ field: 'Tier__c', operation: 'equals', value: 'Gold' }] },
      want: [{ is: 'fail Account.Gold_Banks | filters', actual: 'Tier__c equals Gold AND ACCOUNT.INDUSTRY equals Banking' }],
    },
    {
      name: 'filter logic with OR is not "all of these filters"',
      listView: 'Gold or banks',
      expect: { filters: [{ field: 'Tier', operation: 'equals', value: 'Gold' }, { field: 'Industry', operation: 'equals', value: 'Banking' }] },
      want: [
        {
          is: 'fail Account.Gold_Or_Banks | filters',
          expected: 'Tier (Tier__c) equals Gold AND Industry (Industry) equals Banking',
          actual: '1. Tier__c equals Gold; 2. ACCOUNT.INDUSTRY equals Banking with filter logic 1 OR 2',
        },
      ],
    },
    {
      name: 'filter logic that ANDs every filter is the same as none',
      listView: 'Gold and banks',
      expect: { filters: [{ field: 'Tier', operation: 'equals', value: 'Gold' }, { field: 'Industry', operation: 'equals', value: 'Banking' }] },
      want: [{ is: 'pass Account.Gold_And_Banks' }],
    },
    {
      name: 'a standard field whose column differs from its API name (StageName is STAGE_NAME)',
      object: 'Opportunity',
      listView: 'Closing',
      expect: { filters: [{ field: 'Stage', operation: 'notEqual', value: 'Closed Lost,Closed Won' }] },
      want: [{ is: 'pass Opportunity.Closing' }],
    },
    { name: 'no sharing is visible to all users', listView: 'Customers', expect: { visibility: 'all-users' }, want: [{ is: 'pass Account.Customers' }] },
    { name: 'shared with all internal users is visible to all users', listView: 'Internal', expect: { visibility: 'all-users' }, want: [{ is: 'pass Account.Internal' }] },
    {
      name: 'shared with a group is restricted',
      listView: 'Sales team',
      expect: { visibility: 'all-users' },
      want: [
        {
          is: 'fail Account.Sales_Team | visibility',
          expected: 'visible to all users',
          actual: 'shared with group:Sales',
          fix: ['to: visible to all users.'],
        },
      ],
    },
    { name: 'restricted as expected', listView: 'Leadership', expect: { visibility: 'restricted' }, want: [{ is: 'pass Account.Leadership' }] },
    {
      name: 'restricted expected, visible to all',
      listView: 'Customers',
      expect: { visibility: 'restricted' },
      want: [{ is: 'fail Account.Customers | visibility', expected: 'shared with specific groups or roles', actual: 'visible to all users' }],
    },
    {
      name: 'every problem is its own finding',
      listView: 'Leadership',
      expect: { filterScope: 'Mine', filters: TYPE_CUSTOMER, visibility: 'all-users' },
      want: [
        { is: 'fail Account.Leadership | filter scope' },
        { is: 'fail Account.Leadership | filters' },
        { is: 'fail Account.Leadership | visibility', actual: 'shared with role:CEO, role:VP_Sales' },
      ],
    },
  ])('$name', ({ object, listView, expect: e, want }) => {
    const r = rule('list-view', { object: object ?? 'Account', listView }, e);
    expectOutcomes(runCheck(r, org), want, r);
  });

  it('points at the list view', () => {
    const r = rule('list-view', { object: 'Account', listView: 'Customers' }, { filterScope: 'Mine' });
    expect((runCheck(r, org)[0] as Finding).source).toEqual({ file: 'objects/Account', line: 100 });
  });
});
