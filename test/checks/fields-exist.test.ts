import { describe, expect, it } from 'vitest';
import { buildOrg, field, rule, runCheck } from './org-builder.js';
import { expectOutcomes, type Want } from './expect-outcomes.js';
import type { Finding } from '../../src/report/finding.js';

const org = buildOrg({
  objects: {
    Account: {
      fields: [
        field('LinkedIn_Company_URL__c', 'LinkedIn company URL', 'Url'),
        field('LinkedIn_Sales_Navigator_URL__c', 'LinkedIn sales navigator URL', 'Text'),
        field('CISO_Employees__c', 'CISO employees (#)', 'Number'),
        field('Notes__c', 'Notes', 'LongTextArea'),
        { fullName: 'Untyped__c', label: 'Untyped' },
      ],
    },
  },
  // A field in its own file (source format), as describe types would arrive mapped from a live org.
  fields: { 'Contact.LinkedIn_URL__c': field('LinkedIn_URL__c', 'LinkedIn', 'Url') },
});

type FieldRef = string | { field: string; type?: string };

describe('fields-exist', () => {
  it.each<{ name: string; object?: string; fields: FieldRef[]; want: Want[] }>([
    { name: 'by label', fields: ['LinkedIn company URL'], want: [{ is: 'pass Account.LinkedIn_Company_URL__c' }] },
    { name: 'by API name', fields: ['LinkedIn_Company_URL__c'], want: [{ is: 'pass Account.LinkedIn_Company_URL__c' }] },
    { name: 'by API name in other case', fields: ['linkedin_company_url__c'], want: [{ is: 'pass Account.LinkedIn_Company_URL__c' }] },
    { name: 'a label with punctuation', fields: ['CISO employees (#)'], want: [{ is: 'pass Account.CISO_Employees__c' }] },
    { name: 'a standard field by label, without metadata', fields: ['Account Name', 'Employees'], want: [{ is: 'pass Account.Name' }, { is: 'pass Account.NumberOfEmployees' }] },
    { name: 'a field in its own file', object: 'Contact', fields: [{ field: 'LinkedIn', type: 'Url' }], want: [{ is: 'pass Contact.LinkedIn_URL__c' }] },
    { name: 'type Url', fields: [{ field: 'LinkedIn company URL', type: 'Url' }], want: [{ is: 'pass Account.LinkedIn_Company_URL__c' }] },
    { name: 'type url (describe spelling)', fields: [{ field: 'LinkedIn company URL', type: 'url' }], want: [{ is: 'pass Account.LinkedIn_Company_URL__c' }] },
    { name: 'type string is Text', fields: [{ field: 'LinkedIn sales navigator URL', type: 'string' }], want: [{ is: 'pass Account.LinkedIn_Sales_Navigator_URL__c' }] },
    { name: 'type Text', fields: [{ field: 'LinkedIn sales navigator URL', type: 'Text' }], want: [{ is: 'pass Account.LinkedIn_Sales_Navigator_URL__c' }] },
    { name: 'type double is Number', fields: [{ field: 'CISO employees (#)', type: 'double' }], want: [{ is: 'pass Account.CISO_Employees__c' }] },
    { name: 'a standard field type from the built-in table', fields: [{ field: 'Website', type: 'Url' }, { field: 'Account Name', type: 'string' }], want: [{ is: 'pass Account.Website' }, { is: 'pass Account.Name' }] },
    { name: 'a standard lookup, describe spelling', object: 'Contact', fields: [{ field: 'Account Name', type: 'reference' }], want: [{ is: 'pass Contact.AccountId' }] },
    {
      name: 'the wrong type',
      fields: [{ field: 'LinkedIn sales navigator URL', type: 'Url' }],
      want: [
        {
          is: 'fail Account.LinkedIn_Sales_Navigator_URL__c',
          expected: 'type Url',
          actual: 'type Text',
          message: ['Field LinkedIn sales navigator URL (LinkedIn_Sales_Navigator_URL__c) has type Text, expected Url'],
          fix: ['Setup › Object Manager › Account › Fields & Relationships › LinkedIn sales navigator URL, change the field type to Url', 'check the data first'],
        },
      ],
    },
    { name: 'a long text area is not a text field', fields: [{ field: 'Notes', type: 'Text' }], want: [{ is: 'fail Account.Notes__c', actual: 'type LongTextArea' }] },
    { name: 'a type sfaudit does not know', fields: [{ field: 'Untyped', type: 'Url' }], want: [{ is: 'fail Account.Untyped__c', actual: 'type unknown', message: ['has type unknown, expected Url'] }] },
    {
      name: 'a label that names no field',
      fields: ['LinkedIn company URLs'],
      want: [
        {
          is: 'fail Account.LinkedIn company URLs',
          expected: 'field LinkedIn company URLs',
          actual: 'not found',
          message: ['Field LinkedIn company URLs does not exist: no field labelled "LinkedIn company URLs" on Account (did you mean "LinkedIn company URL"?)'],
          fix: ['Create the field in Setup › Object Manager › Account › Fields & Relationships.'],
        },
      ],
    },
    {
      name: 'a custom API name that is not in the metadata',
      fields: [{ field: 'Orbit_Feed__c', type: 'Url' }],
      want: [{ is: 'fail Account.Orbit_Feed__c', expected: 'field Orbit_Feed__c of type Url', message: ['Field Orbit_Feed__c does not exist on Account'], fix: ['with type Url'] }],
    },
    { name: 'a custom field of another object', object: 'Lead', fields: ['LinkedIn company URL'], want: [{ is: 'fail Lead.LinkedIn company URL', actual: 'not found' }] },
    {
      name: 'one outcome per field, in rule order',
      fields: ['Orbit_Feed__c', 'LinkedIn company URL', { field: 'Notes', type: 'Url' }],
      want: [{ is: 'fail Account.Orbit_Feed__c' }, { is: 'pass Account.LinkedIn_Company_URL__c' }, { is: 'fail Account.Notes__c' }],
    },
  ])('$name', ({ object, fields, want }) => {
    const r = rule('fields-exist', { object: object ?? 'Account' }, { fields });
    expectOutcomes(runCheck(r, org), want, r);
  });

  it('points a type finding at the field', () => {
    const r = rule('fields-exist', { object: 'Account' }, { fields: [{ field: 'Notes', type: 'Text' }] });
    expect((runCheck(r, org)[0] as Finding).source).toEqual({ file: 'objects/Account', line: 103 });
  });
});
