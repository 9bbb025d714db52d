/**
 * Labels and types of the standard fields of the objects the ritual walks
 * through, as Salesforce shows them in an English-language org. A folder
 * retrieve carries no labels for standard fields; a live org gives them
 * through describe, which overrides this table.
 */
type Entry = readonly [apiName: string, label: string, type: string];

const TABLE: Record<string, readonly Entry[]> = {
  Account: [
    ['Name', 'Account Name', 'Text'],
    ['AccountNumber', 'Account Number', 'Text'],
    ['OwnerId', 'Account Owner', 'Lookup'],
    ['ParentId', 'Parent Account', 'Hierarchy'],
    ['Rating', 'Account Rating', 'Picklist'],
    ['Site', 'Account Site', 'Text'],
    ['AccountSource', 'Account Source', 'Picklist'],
    ['AnnualRevenue', 'Annual Revenue', 'Currency'],
    ['BillingAddress', 'Billing Address', 'Address'],
    ['ShippingAddress', 'Shipping Address', 'Address'],
    ['Description', 'Description', 'LongTextArea'],
    ['NumberOfEmployees', 'Employees', 'Number'],
    ['Fax', 'Account Fax', 'Fax'],
    ['Industry', 'Industry', 'Picklist'],
    ['Ownership', 'Ownership', 'Picklist'],
    ['Phone', 'Account Phone', 'Phone'],
    ['Sic', 'SIC Code', 'Text'],
    ['TickerSymbol', 'Ticker Symbol', 'Text'],
    ['Type', 'Account Type', 'Picklist'],
    ['Website', 'Website', 'Url'],
    ['CreatedById', 'Created By', 'Lookup'],
    ['LastModifiedById', 'Last Modified By', 'Lookup'],
    ['RecordTypeId', 'Account Record Type', 'RecordType'],
  ],
  Contact: [
    ['Name', 'Name', 'Text'],
    ['FirstName', 'First Name', 'Text'],
    ['LastName', 'Last Name', 'Text'],
    ['Salutation', 'Salutation', 'Picklist'],
    ['AccountId', 'Account Name', 'Lookup'],
    ['AssistantName', 'Assistant', 'Text'],
    ['AssistantPhone', 'Asst. Phone', 'Phone'],
    ['Birthdate', 'Birthdate', 'Date'],
    ['OwnerId', 'Contact Owner', 'Lookup'],
    ['Department', 'Department', 'Text'],
    ['Description', 'Description', 'LongTextArea'],
    ['Email', 'Email', 'Email'],
    ['Fax', 'Business Fax', 'Fax'],
    ['HomePhone', 'Home Phone', 'Phone'],
    ['LeadSource', 'Lead Source', 'Picklist'],
    ['MailingAddress', 'Mailing Address', 'Address'],
    ['MobilePhone', 'Mobile', 'Phone'],
    ['OtherAddress', 'Other Address', 'Address'],
    ['OtherPhone', 'Other Phone', 'Phone'],
    ['Phone', 'Business Phone', 'Phone'],
    ['ReportsToId', 'Reports To', 'Lookup'],
    ['Title', 'Title', 'Text'],
    ['CreatedById', 'Created By', 'Lookup'],
    ['LastModifiedById', 'Last Modified By', 'Lookup'],
  ],
  Opportunity: [
    ['Name', 'Opportunity Name', 'Text'],
    ['AccountId', 'Account Name', 'Lookup'],
    ['Amount', 'Amount', 'Currency'],
    ['CampaignId', 'Primary Campaign Source', 'Lookup'],
    ['CloseDate', 'Close Date', 'Date'],
    ['Description', 'Description', 'LongTextArea'],
    ['ExpectedRevenue', 'Expected Revenue', 'Currency'],
    ['ForecastCategoryName', 'Forecast Category', 'Picklist'],
    ['IsPrivate', 'Private', 'Checkbox'],
    ['LeadSource', 'Lead Source', 'Picklist'],
    ['NextStep', 'Next Step', 'Text'],
    ['OwnerId', 'Opportunity Owner', 'Lookup'],
    ['Probability', 'Probability (%)', 'Percent'],
    ['StageName', 'Stage', 'Picklist'],
    ['TotalOpportunityQuantity', 'Quantity', 'Number'],
    ['Type', 'Type', 'Picklist'],
    ['CreatedById', 'Created By', 'Lookup'],
    ['LastModifiedById', 'Last Modified By', 'Lookup'],
  ],
  Lead: [
    ['Name', 'Name', 'Text'],
    ['FirstName', 'First Name', 'Text'],
    ['LastName', 'Last Name', 'Text'],
    ['Address', 'Address', 'Address'],
    ['AnnualRevenue', 'Annual Revenue', 'Currency'],
    ['Company', 'Company', 'Text'],
    ['Description', 'Description', 'LongTextArea'],
    ['Email', 'Email', 'Email'],
    ['Industry', 'Industry', 'Picklist'],
    ['LeadSource', 'Lead Source', 'Picklist'],
    ['MobilePhone', 'Mobile', 'Phone'],
    ['NumberOfEmployees', 'No. of Employees', 'Number'],
    ['OwnerId', 'Lead Owner', 'Lookup'],
    ['Phone', 'Phone', 'Phone'],
    ['Rating', 'Rating', 'Picklist'],
    ['Status', 'Lead Status', 'Picklist'],
    ['Title', 'Title', 'Text'],
    ['Website', 'Website', 'Url'],
    ['CreatedById', 'Created By', 'Lookup'],
    ['LastModifiedById', 'Last Modified By', 'Lookup'],
  ],
};

export interface StandardField {
  name: string;
  label: string;
  type: string;
}

export function standardFields(object: string): StandardField[] {
  return (TABLE[object] ?? []).map(([name, label, type]) => ({ name, label, type }));
}

/**
 * Standard objects sfaudit knows by name (for "unknown object" checks on rules);
 * custom objects are recognised by their suffix.
 */
export const STANDARD_OBJECTS: readonly string[] = [
  'Account', 'Contact', 'Opportunity', 'Lead', 'Case', 'Campaign', 'CampaignMember', 'Contract',
  'Order', 'OrderItem', 'Product2', 'Pricebook2', 'PricebookEntry', 'Quote', 'QuoteLineItem', 'Asset',
  'Task', 'Event', 'User', 'Solution', 'Idea', 'Entitlement', 'ServiceContract', 'WorkOrder',
  'OpportunityLineItem', 'OpportunityContactRole', 'AccountContactRelation', 'Document', 'Individual',
];

const CUSTOM_SUFFIXES = ['__c', '__mdt', '__e', '__x', '__b', '__kav', '__ka', '__share', '__history'];

export function isKnownObjectName(name: string): boolean {
  return STANDARD_OBJECTS.includes(name) || CUSTOM_SUFFIXES.some((s) => name.endsWith(s));
}

/** Standard object labels, singular and plural, for tab references such as "Accounts". */
export const STANDARD_OBJECT_LABELS: Record<string, readonly [singular: string, plural: string]> = {
  Account: ['Account', 'Accounts'],
  Contact: ['Contact', 'Contacts'],
  Opportunity: ['Opportunity', 'Opportunities'],
  Lead: ['Lead', 'Leads'],
  Case: ['Case', 'Cases'],
  Campaign: ['Campaign', 'Campaigns'],
  Contract: ['Contract', 'Contracts'],
  Order: ['Order', 'Orders'],
  Product2: ['Product', 'Products'],
  Quote: ['Quote', 'Quotes'],
  Asset: ['Asset', 'Assets'],
  Solution: ['Solution', 'Solutions'],
  Task: ['Task', 'Tasks'],
  Event: ['Event', 'Events'],
  Dashboard: ['Dashboard', 'Dashboards'],
  report: ['Report', 'Reports'],
  Document: ['Document', 'Documents'],
  Chatter: ['Chatter', 'Chatter'],
  home: ['Home', 'Home'],
  File: ['File', 'Files'],
  Forecasting3: ['Forecast', 'Forecasts'],
};
