import { describe, expect, it } from 'vitest';
import { fieldResolver } from '../../src/checks/fields.js';
import { buildOrg, field } from './org-builder.js';

const org = buildOrg({
  objects: {
    Account: {
      label: 'Account',
      fields: [
        field('LinkedIn_Company_URL__c', 'LinkedIn company URL', 'Url'),
        field('CISO_Employees__c', 'CISO employees (#)', 'Number'),
        // A custom field with a standard field's label: the custom one is the one people mean.
        field('Account_Source__c', 'Account Source', 'Picklist'),
        // A standard field in the retrieve, without a label (folders carry none): the built-in table fills it in.
        { fullName: 'Industry', type: 'Picklist' },
      ],
    },
  },
  // Source format keeps each field in its own file: Object.Field.
  fields: { 'Contact.Personal_Email__c': field('Personal_Email__c', 'Personal email', 'Email') },
});
const fields = fieldResolver(org);

describe('fieldResolver.resolve: what a rules author wrote → API name', () => {
  it.each([
    ['Account', 'LinkedIn company URL', 'LinkedIn_Company_URL__c', true],
    ['Account', 'linkedin company url', 'LinkedIn_Company_URL__c', true],
    ['Account', '  LinkedIn   company URL ', 'LinkedIn_Company_URL__c', true],
    ['Account', 'LinkedIn_Company_URL__c', 'LinkedIn_Company_URL__c', true],
    ['Account', 'LINKEDIN_COMPANY_URL__C', 'LinkedIn_Company_URL__c', true],
    ['Account', 'CISO employees (#)', 'CISO_Employees__c', true],
    ['Account', 'Account Name', 'Name', true],
    ['Account', 'Name', 'Name', true],
    ['Account', 'Account Source', 'Account_Source__c', true],
    ['Account', 'AccountSource', 'AccountSource', true],
    ['Account', 'Industry', 'Industry', true],
    ['Account', 'Employees', 'NumberOfEmployees', true],
    ['Account', 'Parent Account', 'ParentId', true],
    ['Contact', 'Account Name', 'AccountId', true],
    ['Contact', 'Name', 'Name', true],
    ['Contact', 'Mobile', 'MobilePhone', true],
    ['Contact', 'Personal email', 'Personal_Email__c', true],
    ['Opportunity', 'Account Name', 'AccountId', true],
    ['Opportunity', 'Opportunity Name', 'Name', true],
    ['Opportunity', 'Stage', 'StageName', true],
    ['Lead', 'Lead Status', 'Status', true],
    // Looks like an API name sfaudit has no metadata for: compared by name, marked unknown.
    ['Account', 'Orbit_Feed__c', 'Orbit_Feed__c', false],
    ['Contact', 'LinkedIn', 'LinkedIn', false],
    ['Case', 'Subject', 'Subject', false],
  ])('%s "%s" → %s', (object, ref, name, known) => {
    expect(fields.resolve(object, ref)).toMatchObject({ ok: true, name, known });
  });

  it('gives the label and type of what it resolved', () => {
    expect(fields.resolve('Account', 'LinkedIn company URL')).toEqual({
      ok: true,
      name: 'LinkedIn_Company_URL__c',
      label: 'LinkedIn company URL',
      type: 'Url',
      known: true,
    });
    expect(fields.resolve('Account', 'Industry')).toMatchObject({ label: 'Industry', type: 'Picklist' });
  });

  it.each([
    ['Account', 'LinkedIn company URLs', 'no field labelled "LinkedIn company URLs" on Account (did you mean "LinkedIn company URL"?)'],
    ['Account', 'Orbit feed', 'no field labelled "Orbit feed" on Account'],
    ['Contact', 'personal emial', 'no field labelled "personal emial" on Contact (did you mean "Personal email"?)'],
    ['Account', 'Number of CISOs', 'no field labelled "Number of CISOs" on Account'],
  ])('%s "%s" does not resolve: %s', (object, ref, message) => {
    expect(fields.resolve(object, ref)).toEqual({ ok: false, ref, message });
  });

  it('does not suggest a distant field', () => {
    const r = fields.resolve('Account', 'Orbit feed');
    expect(r.ok === false && r.message).not.toContain('did you mean');
  });
});

describe('fieldResolver.display and fieldsOf', () => {
  it.each([
    ['Account', 'Name', 'Account Name (Name)'],
    ['Account', 'linkedin_company_url__c', 'LinkedIn company URL (LinkedIn_Company_URL__c)'],
    ['Contact', 'AccountId', 'Account Name (AccountId)'],
    ['Account', 'Unknown__c', 'Unknown__c'],
  ])('%s %s shows as %s', (object, api, text) => {
    expect(fields.display(object, api)).toBe(text);
  });

  it('lists metadata fields over the built-in table, once each', () => {
    const account = fields.fieldsOf('Account');
    expect(account.filter((f) => f.name === 'Industry')).toEqual([{ name: 'Industry', label: 'Industry', type: 'Picklist' }]);
    expect(account.map((f) => f.name)).toContain('LinkedIn_Company_URL__c');
    expect(account.map((f) => f.name)).toContain('BillingAddress');
    expect(fields.fieldsOf('Contact').map((f) => f.name)).toContain('Personal_Email__c');
    expect(fields.fieldsOf('Nothing__c')).toEqual([]);
  });
});
