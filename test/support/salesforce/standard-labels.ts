/**
 * Labels and describe types of standard fields. Source-format files of standard
 * fields usually carry neither `<label>` nor `<type>` (Salesforce owns them),
 * yet `sobjects/<X>/describe` on a live org reports both, so the emulator
 * needs them from somewhere. Values follow what a live org's describe gives
 * for these fields, except where the emulator deliberately uses the label a
 * page layout shows (noted inline).
 */
import { hash32 } from './ids.js';

/** Field types in describe's lowercase form (REST API, DescribeSObjectResult.fields[].type). */
export type DescribeFieldType =
  | 'id' | 'string' | 'textarea' | 'email' | 'phone' | 'url' | 'picklist' | 'multipicklist' | 'boolean'
  | 'int' | 'double' | 'currency' | 'percent' | 'date' | 'datetime' | 'time' | 'reference' | 'address' | 'location'
  | 'encryptedstring';

export interface StandardField {
  label: string;
  type: DescribeFieldType;
  referenceTo?: string[];
}

export interface StandardObject {
  label: string;
  labelPlural: string;
  keyPrefix: string;
  fields: Record<string, StandardField>;
}

const ref = (label: string, ...referenceTo: string[]): StandardField => ({ label, type: 'reference', referenceTo });
const f = (label: string, type: DescribeFieldType): StandardField => ({ label, type });

/** Audit fields every object has; the Id label is "<Object label> ID". */
export function commonFields(objectLabel: string): Record<string, StandardField> {
  return {
    Id: f(`${objectLabel} ID`, 'id'),
    IsDeleted: f('Deleted', 'boolean'),
    CreatedById: ref('Created By ID', 'User'),
    CreatedDate: f('Created Date', 'datetime'),
    LastModifiedById: ref('Last Modified By ID', 'User'),
    LastModifiedDate: f('Last Modified Date', 'datetime'),
    SystemModstamp: f('System Modstamp', 'datetime'),
  };
}

export const STANDARD_OBJECTS: Record<string, StandardObject> = {
  Account: {
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    fields: {
      Name: f('Account Name', 'string'),
      AccountNumber: f('Account Number', 'string'),
      AccountSource: f('Account Source', 'picklist'),
      AnnualRevenue: f('Annual Revenue', 'currency'),
      BillingAddress: f('Billing Address', 'address'),
      Description: f('Account Description', 'textarea'),
      Industry: f('Industry', 'picklist'),
      NumberOfEmployees: f('Employees', 'int'),
      OwnerId: ref('Owner ID', 'User'),
      ParentId: ref('Parent Account', 'Account'),
      Phone: f('Account Phone', 'phone'),
      Rating: f('Account Rating', 'picklist'),
      ShippingAddress: f('Shipping Address', 'address'),
      Type: f('Account Type', 'picklist'),
      Website: f('Website', 'url'),
    },
  },
  Contact: {
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    fields: {
      // A live describe calls Name "Full Name" and MobilePhone "Mobile Phone";
      // the emulator uses the labels page layouts show ("Name", "Mobile").
      Name: f('Name', 'string'),
      FirstName: f('First Name', 'string'),
      LastName: f('Last Name', 'string'),
      AccountId: ref('Account Name', 'Account'),
      Department: f('Department', 'string'),
      Description: f('Description', 'textarea'),
      Email: f('Email', 'email'),
      LeadSource: f('Lead Source', 'picklist'),
      MailingAddress: f('Mailing Address', 'address'),
      MobilePhone: f('Mobile', 'phone'),
      OwnerId: ref('Contact Owner', 'User'),
      Phone: f('Business Phone', 'phone'),
      ReportsToId: ref('Reports To', 'Contact'),
      Title: f('Title', 'string'),
    },
  },
  Lead: {
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: '00Q',
    fields: {
      Name: f('Name', 'string'),
      FirstName: f('First Name', 'string'),
      LastName: f('Last Name', 'string'),
      Company: f('Company', 'string'),
      Email: f('Email', 'email'),
      Industry: f('Industry', 'picklist'),
      LeadSource: f('Lead Source', 'picklist'),
      OwnerId: ref('Lead Owner', 'User', 'Group'),
      Phone: f('Phone', 'phone'),
      Rating: f('Rating', 'picklist'),
      Status: f('Lead Status', 'picklist'),
      Title: f('Title', 'string'),
    },
  },
  Opportunity: {
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    fields: {
      Name: f('Opportunity Name', 'string'),
      AccountId: ref('Account Name', 'Account'),
      Amount: f('Amount', 'currency'),
      CloseDate: f('Close Date', 'date'),
      Description: f('Description', 'textarea'),
      ForecastCategoryName: f('Forecast Category', 'picklist'),
      IsClosed: f('Closed', 'boolean'),
      IsWon: f('Won', 'boolean'),
      LeadSource: f('Lead Source', 'picklist'),
      NextStep: f('Next Step', 'string'),
      OwnerId: ref('Opportunity Owner', 'User'),
      Probability: f('Probability (%)', 'percent'),
      StageName: f('Stage', 'picklist'),
      Type: f('Opportunity Type', 'picklist'),
    },
  },
  User: {
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    fields: {
      Name: f('Full Name', 'string'),
      Email: f('Email', 'email'),
      IsActive: f('Active', 'boolean'),
      Username: f('Username', 'string'),
    },
  },
};

/** Key prefixes of a few more standard objects, for ids of records loaded from data/. */
const OTHER_KEY_PREFIXES: Record<string, string> = {
  Campaign: '701',
  Case: '500',
  Task: '00T',
  Event: '00U',
  Product2: '01t',
  Pricebook2: '01s',
  Contract: '800',
  Order: '801',
  Asset: '02i',
};

/** Standard objects use their real key prefix; others get a stable `a0X` prefix, as custom objects have. */
export function objectKeyPrefix(objectName: string): string {
  const known = STANDARD_OBJECTS[objectName]?.keyPrefix ?? OTHER_KEY_PREFIXES[objectName];
  if (known) return known;
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return `a0${alphabet.charAt(hash32(objectName) % alphabet.length)}`;
}
