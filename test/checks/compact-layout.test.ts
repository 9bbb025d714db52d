import { describe, expect, it } from 'vitest';
import { buildOrg, field, rule, runCheck, type RawOrg } from './org-builder.js';
import { expectOutcomes, type Want } from './expect-outcomes.js';
import type { Finding } from '../../src/report/finding.js';

const HIGHLIGHTS = { fullName: 'Opp_Highlights', label: 'Opportunity highlights', fields: ['Name', 'AccountId', 'Amount', 'CloseDate'] };
const SHORT = { fullName: 'Short', label: 'Short', fields: ['Name'] };

function opportunity(assignment: string | undefined, extra: Partial<RawOrg> = {}): RawOrg {
  return {
    objects: {
      Opportunity: {
        ...(assignment ? { compactLayoutAssignment: assignment } : {}),
        compactLayouts: [HIGHLIGHTS, SHORT],
        fields: [field('Next_Step_Due__c', "Next step's due date", 'Date')],
      },
    },
    ...extra,
  };
}

const ACTUAL = 'Opportunity Name (Name), Account Name (AccountId), Amount (Amount), Close Date (CloseDate)';

describe('compact-layout: which compact layout', () => {
  it.each<{ name: string; org: RawOrg; target: Record<string, string>; want: Want }>([
    {
      name: 'the assigned one',
      org: opportunity('Opp_Highlights'),
      target: { object: 'Opportunity' },
      want: { is: 'pass Opportunity.Opp_Highlights' },
    },
    {
      name: 'a child record in its own file (source format)',
      org: { objects: { Opportunity: { compactLayoutAssignment: 'Opp_Highlights' } }, compactLayouts: { 'Opportunity.Opp_Highlights': HIGHLIGHTS } },
      target: { object: 'Opportunity' },
      want: { is: 'pass Opportunity.Opp_Highlights' },
    },
    {
      name: 'one named by API name, over the assigned one',
      org: opportunity('Short'),
      target: { object: 'Opportunity', compactLayout: 'Opp_Highlights' },
      want: { is: 'pass Opportunity.Opp_Highlights' },
    },
    {
      name: 'one named by label',
      org: opportunity('Short'),
      target: { object: 'Opportunity', compactLayout: 'opportunity highlights' },
      want: { is: 'pass Opportunity.Opp_Highlights' },
    },
    {
      name: 'the system default (SYSTEM)',
      org: opportunity('SYSTEM'),
      target: { object: 'Opportunity' },
      want: {
        is: 'fail Opportunity (assigned compact layout)',
        expected: 'a compact layout with Account Name, Amount',
        actual: 'the system default compact layout',
        message: ['Opportunity uses the system default compact layout'],
        fix: ['Setup › Object Manager › Opportunity › Compact Layouts', 'assign it as the primary compact layout'],
      },
    },
    {
      name: 'no assignment at all (the system default)',
      org: opportunity(undefined),
      target: { object: 'Opportunity' },
      want: { is: 'fail Opportunity (assigned compact layout)', actual: 'the system default compact layout' },
    },
    {
      name: 'an assigned one that does not exist',
      org: opportunity('Gone'),
      target: { object: 'Opportunity' },
      want: { is: 'fail Opportunity.Gone', expected: 'compact layout Gone', actual: 'not found', message: ['Compact layout Opportunity.Gone does not exist'] },
    },
    {
      name: 'a named one that does not exist',
      org: opportunity('Opp_Highlights'),
      target: { object: 'Opportunity', compactLayout: 'Sales Highlights' },
      want: { is: 'fail Opportunity.Sales Highlights', actual: 'not found', message: ['Compact layout Opportunity.Sales Highlights does not exist'] },
    },
    {
      name: 'an object missing from the metadata',
      org: opportunity('Opp_Highlights'),
      target: { object: 'Lead' },
      want: {
        is: 'fail Lead (assigned compact layout)',
        actual: 'not found',
        message: ['Lead is not in the metadata that was read'],
        notMessage: ['system default'],
        fix: ['CustomObject Lead'],
      },
    },
  ])('$name', ({ org, target, want }) => {
    const r = rule('compact-layout', target, { fields: ['Account Name', 'Amount'] });
    expectOutcomes(runCheck(r, buildOrg(org)), [want], r);
  });
});

describe('compact-layout: fields', () => {
  const org = buildOrg(opportunity('Opp_Highlights'));
  const fail = 'fail Opportunity.Opp_Highlights | highlights panel';

  it.each<{ match?: string; fields: string[]; want: Want }>([
    { fields: ['Amount', 'Account Name'], want: { is: 'pass Opportunity.Opp_Highlights' } },
    { match: 'contains', fields: ['AccountId', 'amount', 'Close Date', 'Opportunity Name'], want: { is: 'pass Opportunity.Opp_Highlights' } },
    {
      match: 'contains',
      fields: ['Account Name', 'Amount', 'Close Date', 'Next Step', 'Opportunity Owner'],
      want: {
        is: fail,
        expected: 'contains: Account Name (AccountId), Amount (Amount), Close Date (CloseDate), Next Step (NextStep), Opportunity Owner (OwnerId)',
        actual: ACTUAL,
        message: ['Compact layout Opportunity.Opp_Highlights: missing Next Step (NextStep), Opportunity Owner (OwnerId)'],
        fix: ['Setup › Object Manager › Opportunity › Compact Layouts › Opportunity highlights', 'Account Name, Amount, Close Date, Next Step, Opportunity Owner'],
      },
    },
    { match: 'contains', fields: ["Next step's due date"], want: { is: fail, message: ["missing Next step's due date (Next_Step_Due__c)"] } },
    { match: 'first', fields: ['Opportunity Name', 'Account Name'], want: { is: 'pass Opportunity.Opp_Highlights' } },
    { match: 'first', fields: ['Account Name', 'Amount'], want: { is: fail, message: ['Opportunity Name (Name) comes before the expected fields'], fix: ['in this order'] } },
    { match: 'ordered', fields: ['Amount', 'Account Name'], want: { is: fail, message: ['out of order: Amount (Amount)'] } },
    { match: 'exact', fields: ['Name', 'AccountId', 'Amount', 'CloseDate'], want: { is: 'pass Opportunity.Opp_Highlights' } },
    { match: 'exact', fields: ['Name', 'AccountId', 'Amount'], want: { is: fail, message: ['not expected: Close Date (CloseDate)'] } },
  ])('$match $fields', ({ match, fields, want }) => {
    const r = rule('compact-layout', { object: 'Opportunity' }, match ? { match, fields } : { fields });
    expectOutcomes(runCheck(r, org), [want], r);
  });

  it('points at the compact layout and gives the comparison', () => {
    const r = rule('compact-layout', { object: 'Opportunity' }, { fields: ['Next Step'] });
    const f = runCheck(r, org)[0] as Finding;
    expect(f.source).toEqual({ file: 'objects/Opportunity', line: 100 });
    expect(f.comparison?.expected).toEqual([{ label: 'Next Step (NextStep)', mark: 'missing' }]);
  });
});
