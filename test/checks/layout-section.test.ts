import { describe, expect, it } from 'vitest';
import { buildOrg, field, layout, lineOf, rule, runCheck, section, type RawOrg } from './org-builder.js';
import { expectOutcomes, type Want } from './expect-outcomes.js';
import type { Finding } from '../../src/report/finding.js';

const ACCOUNT_FIELDS = {
  fields: [
    field('LinkedIn_Company_URL__c', 'LinkedIn company URL', 'Url'),
    field('License_Key__c', 'License key'),
  ],
};

/** Account with one layout holding the given sections. */
function accountOrg(...sections: ReturnType<typeof section>[]): RawOrg {
  return { objects: { Account: ACCOUNT_FIELDS }, layouts: { 'Account-Account Layout': layout(sections) } };
}

const L = 'Account-Account Layout';

describe('layout-section: the order people read a section', () => {
  // Unlabelled custom fields display as their API names, which keeps the orders readable.
  it.each([
    { style: 'OneColumn', columns: [['A__c', 'B__c', 'C__c']], order: 'A__c, B__c, C__c' },
    { style: 'TwoColumnsTopToBottom', columns: [['A__c', 'B__c'], ['C__c', 'D__c']], order: 'A__c, B__c, C__c, D__c' },
    { style: 'TwoColumnsTopToBottom', columns: [['A__c', '', 'B__c'], ['C__c']], order: 'A__c, B__c, C__c' },
    { style: 'TwoColumnsLeftToRight', columns: [['A__c', 'B__c'], ['C__c', 'D__c']], order: 'A__c, C__c, B__c, D__c' },
    { style: 'TwoColumnsLeftToRight', columns: [['A__c', 'B__c', 'C__c'], ['D__c']], order: 'A__c, D__c, B__c, C__c' },
    // A blank space holds its row: B sits on the third row, after D on the second.
    { style: 'TwoColumnsLeftToRight', columns: [['A__c', '', 'B__c'], ['C__c', 'D__c', 'E__c']], order: 'A__c, C__c, D__c, B__c, E__c' },
    { style: 'TwoColumnsLeftToRight', columns: [['A__c', 'B__c'], ['', 'C__c']], order: 'A__c, B__c, C__c' },
    { style: 'ThreeColumnsTopToBottom', columns: [['A__c', 'B__c'], ['C__c'], ['D__c', 'E__c']], order: 'A__c, B__c, C__c, D__c, E__c' },
    { style: 'ThreeColumnsLeftToRight', columns: [['A__c', 'B__c'], ['C__c'], ['D__c', 'E__c']], order: 'A__c, C__c, D__c, B__c, E__c' },
    { style: undefined, columns: [['A__c', 'B__c'], ['C__c']], order: 'A__c, B__c, C__c' },
    // Custom links and blank spaces are not fields.
    { style: 'OneColumn', columns: [['A__c', 'link:Google', '', 'B__c']], order: 'A__c, B__c' },
  ])('$style $columns reads $order', ({ style, columns, order }) => {
    const org = buildOrg(accountOrg(section('Details', style, ...columns)));
    const inOrder = order.split(', ');
    const ok = rule('layout-section', { object: 'Account', section: 'Details' }, { match: 'exact', fields: inOrder });
    expectOutcomes(runCheck(ok, org), [{ is: `pass ${L} | section "Details"` }], ok);

    const reversed = rule('layout-section', { object: 'Account', section: 'Details' }, { match: 'exact', fields: [...inOrder].reverse() });
    expectOutcomes(runCheck(reversed, org), [{ is: `fail ${L} | section "Details"`, actual: order, message: ['out of order'] }], reversed);
  });
});

describe('layout-section: match modes', () => {
  // Reading order: Account Name, Account Phone, Account Type, Industry.
  const org = buildOrg(accountOrg(section('Details', 'OneColumn', ['Name', 'Phone', 'Type', 'Industry']), section('Empty', 'OneColumn', [])));
  const fail = `fail ${L} | section "Details"`;
  const pass = `pass ${L} | section "Details"`;
  const ACTUAL = 'Account Name (Name), Account Phone (Phone), Account Type (Type), Industry (Industry)';

  it.each<{ match?: string; fields: string[]; want: Want }>([
    { match: undefined, fields: ['Industry', 'Name'], want: { is: pass } },
    { match: 'contains', fields: ['Industry', 'Account Name'], want: { is: pass } },
    {
      match: 'contains',
      fields: ['Name', 'Website'],
      want: {
        is: fail,
        expected: 'contains: Account Name (Name), Website (Website)',
        actual: ACTUAL,
        message: [`Section "Details" of ${L}: missing Website (Website)`],
        fix: ['Setup › Object Manager › Account › Page Layouts › Account Layout', 'drag Website (Website) into the "Details" section'],
      },
    },
    { match: 'ordered', fields: ['Name', 'Type'], want: { is: pass } },
    { match: 'ordered', fields: ['Name', 'Phone', 'Type', 'Industry'], want: { is: pass } },
    { match: 'ordered', fields: ['Type', 'Name'], want: { is: fail, message: ['out of order: Account Type (Type)'], notMessage: ['missing'], fix: ['move Account Type (Type) into the expected order'] } },
    { match: 'ordered', fields: ['Name', 'Industry', 'Type'], want: { is: fail, message: ['out of order: Industry (Industry)'], notMessage: ['Account Type'] } },
    { match: 'ordered', fields: ['Name', 'Website', 'Type'], want: { is: fail, message: ['missing Website (Website)'], notMessage: ['out of order'] } },
    { match: 'first', fields: ['Name', 'Phone'], want: { is: pass } },
    { match: 'first', fields: ['Name', 'Phone', 'Type', 'Industry'], want: { is: pass } },
    {
      match: 'first',
      fields: ['Name', 'Type'],
      want: { is: fail, message: ['Account Phone (Phone) comes before the expected fields'], notMessage: ['missing', 'out of order'], fix: ['move Account Phone (Phone) below the expected fields'] },
    },
    { match: 'first', fields: ['Phone', 'Type'], want: { is: fail, message: ['Account Name (Name) comes before the expected fields'] } },
    { match: 'first', fields: ['Type', 'Name'], want: { is: fail, message: ['out of order: Account Type (Type)', 'Account Phone (Phone) comes before'] } },
    { match: 'first', fields: ['Name', 'Website'], want: { is: fail, message: ['missing Website (Website)'], notMessage: ['comes before'] } },
    { match: 'exact', fields: ['Name', 'Phone', 'Type', 'Industry'], want: { is: pass } },
    { match: 'exact', fields: ['Name', 'Phone', 'Type'], want: { is: fail, message: ['not expected: Industry (Industry)'], fix: ['remove Industry (Industry) from the section'] } },
    { match: 'exact', fields: ['Name', 'Phone', 'Industry', 'Type'], want: { is: fail, message: ['out of order: Industry (Industry)'], notMessage: ['not expected', 'missing'] } },
    {
      match: 'exact',
      fields: ['Name', 'Website'],
      want: { is: fail, message: ['missing Website (Website); not expected: Account Phone (Phone), Account Type (Type), Industry (Industry)'] },
    },
  ])('$match $fields', ({ match, fields, want }) => {
    const r = rule('layout-section', { object: 'Account', section: 'Details' }, match ? { match, fields } : { fields });
    expectOutcomes(runCheck(r, org), [want], r);
  });

  it('marks each item in the side-by-side comparison', () => {
    const r = rule('layout-section', { object: 'Account', section: 'Details' }, { match: 'exact', fields: ['Type', 'Name', 'Website'] });
    const [f] = runCheck(r, org) as Finding[];
    expect(f!.comparison).toEqual({
      mode: 'exact',
      expected: [
        { label: 'Account Type (Type)', mark: 'out-of-order' },
        { label: 'Account Name (Name)', mark: 'ok' },
        { label: 'Website (Website)', mark: 'missing' },
      ],
      actual: [
        { label: 'Account Name (Name)', mark: 'ok' },
        { label: 'Account Phone (Phone)', mark: 'extra' },
        { label: 'Account Type (Type)', mark: 'out-of-order' },
        { label: 'Industry (Industry)', mark: 'extra' },
      ],
    });
  });

  it('says a section holds no fields', () => {
    const r = rule('layout-section', { object: 'Account', section: 'Empty' }, { fields: ['Name'] });
    expectOutcomes(runCheck(r, org), [{ is: `fail ${L} | section "Empty"`, actual: '(no fields)', message: ['missing Account Name (Name)'] }], r);
  });

  it('points the finding at the section in the layout file', () => {
    const r = rule('layout-section', { object: 'Account', section: 'Empty' }, { fields: ['Name'] });
    expect((runCheck(r, org)[0] as Finding).source).toEqual({ file: `layouts/${L}`, line: lineOf(1) });
  });
});

describe('layout-section: fields by label or API name', () => {
  const org = buildOrg({
    objects: {
      Account: ACCOUNT_FIELDS,
      Opportunity: { fields: field('Next_Step_Due__c', "Next step's due date", 'Date') },
    },
    layouts: {
      'Account-Account Layout': layout([section('Details', 'OneColumn', ['Name', 'LinkedIn_Company_URL__c', 'Rating'])]),
      'Contact-Contact Layout': layout([section('Details', 'OneColumn', ['Name', 'AccountId', 'MobilePhone'])]),
      'Opportunity-Opportunity Layout': layout([section('Details', 'OneColumn', ['Name', 'AccountId', 'Next_Step_Due__c'])]),
    },
  });

  it.each([
    ['Account', 'Account Name'],
    ['Account', 'Name'],
    ['Account', 'name'],
    ['Account', 'LinkedIn company URL'],
    ['Account', 'linkedin  Company URL'],
    ['Account', 'LinkedIn_Company_URL__c'],
    ['Account', 'linkedin_company_url__c'],
    ['Account', 'Account Rating'],
    ['Contact', 'Account Name'],
    ['Contact', 'AccountId'],
    ['Contact', 'Name'],
    ['Contact', 'Mobile'],
    ['Opportunity', 'Account Name'],
    ['Opportunity', 'Opportunity Name'],
    ['Opportunity', 'Next Step’s Due Date'],
  ])('%s: "%s" is found', (object, ref) => {
    const r = rule('layout-section', { object, section: 'Details' }, { fields: [ref] });
    expectOutcomes(runCheck(r, org), [{ is: `pass ${object}-${object} Layout | section "Details"` }], r);
  });

  it.each([
    // "Account Name" on an opportunity is the AccountId lookup, not the opportunity's own Name.
    ['Opportunity', 'Account Name', 'missing Account Name (AccountId)', ['Name']],
    ['Account', 'LinkedIn sales navigator URL', 'missing LinkedIn sales navigator URL (no such field on Account)', ['LinkedIn_Company_URL__c']],
    ['Account', 'Orbit_Feed__c', 'missing Orbit_Feed__c', ['Name']],
  ])('%s: "%s" is reported missing', (object, ref, message, present) => {
    const org2 = buildOrg({
      objects: { Account: ACCOUNT_FIELDS },
      layouts: { [`${object}-${object} Layout`]: layout([section('Details', 'OneColumn', present)]) },
    });
    const r = rule('layout-section', { object, section: 'Details' }, { fields: [ref] });
    expectOutcomes(runCheck(r, org2), [{ is: `fail ${object}-${object} Layout | section "Details"`, message: [message] }], r);
  });

  it('shows fields with their labels in expected and actual', () => {
    const r = rule('layout-section', { object: 'Account', section: 'Details' }, { match: 'exact', fields: ['LinkedIn company URL', 'Account Name'] });
    expectOutcomes(
      runCheck(r, org),
      [
        {
          is: `fail ${L} | section "Details"`,
          expected: 'exact: LinkedIn company URL (LinkedIn_Company_URL__c), Account Name (Name)',
          actual: 'Account Name (Name), LinkedIn company URL (LinkedIn_Company_URL__c), Account Rating (Rating)',
        },
      ],
      r,
    );
  });
});

describe('layout-section: finding the section', () => {
  const org = buildOrg(accountOrg(section('Details', 'OneColumn', ['Name']), section('Useful Links', 'CustomLinks', ['link:Google'])));

  it.each(['Details', 'details', 'DETAILS', '  Details '])('section "%s" is the "Details" section', (label) => {
    const r = rule('layout-section', { object: 'Account', section: label }, { fields: ['Name'] });
    expectOutcomes(runCheck(r, org), [{ is: `pass ${L} | section "Details"` }], r);
  });

  it('suggests the closest section when the named one does not exist', () => {
    const r = rule('layout-section', { object: 'Account', section: 'Detials' }, { fields: ['Name', 'Website'] });
    expectOutcomes(
      runCheck(r, org),
      [
        {
          is: `fail ${L} | section "Detials"`,
          expected: 'a section "Detials"',
          actual: 'sections: Details, Useful Links',
          message: [`Layout ${L} has no section "Detials" (did you mean "Details"?)`],
          fix: ['add a section labelled "Detials" with Name, Website'],
        },
      ],
      r,
    );
    expect((runCheck(r, org)[0] as Finding).source).toEqual({ file: `layouts/${L}`, line: 1 });
  });

  it('does not suggest a section that is not close', () => {
    const r = rule('layout-section', { object: 'Account', section: 'Accounting' }, { fields: ['Name'] });
    expectOutcomes(runCheck(r, org), [{ is: `fail ${L} | section "Accounting"`, notMessage: ['did you mean'] }], r);
  });
});

describe('layout-section: which layouts', () => {
  const org = buildOrg({
    layouts: {
      'Account-Account Layout': layout([section('Details', 'OneColumn', ['Name', 'Phone'])]),
      'Account-Account %28Marketing%29 Layout': layout([section('Details', 'OneColumn', ['Phone'])]),
      'Contact-Contact Layout': layout([section('Details', 'OneColumn', ['Phone'])]),
    },
  });
  const marketing = 'Account-Account (Marketing) Layout';

  it('checks every layout of the object when none is named, in name order', () => {
    const r = rule('layout-section', { object: 'Account', section: 'Details' }, { fields: ['Name'] });
    expectOutcomes(
      runCheck(r, org),
      [
        { is: `fail ${marketing} | section "Details"`, message: [`Section "Details" of ${marketing}: missing Account Name (Name)`] },
        { is: `pass ${L} | section "Details"` },
      ],
      r,
    );
  });

  it.each(['Account Layout', 'Account-Account Layout', 'account layout'])('layout "%s" is Account-Account Layout', (name) => {
    const r = rule('layout-section', { object: 'Account', layout: name, section: 'Details' }, { fields: ['Name'] });
    expectOutcomes(runCheck(r, org), [{ is: `pass ${L} | section "Details"` }], r);
  });

  it.each(['Account (Marketing) Layout', 'Account-Account (Marketing) Layout', 'Account-Account %28Marketing%29 Layout'])(
    'layout "%s" is the %-encoded marketing layout, shown decoded',
    (name) => {
      const r = rule('layout-section', { object: 'Account', layout: name, section: 'Details' }, { fields: ['Name'] });
      expectOutcomes(
        runCheck(r, org),
        [{ is: `fail ${marketing} | section "Details"`, fix: ['Setup › Object Manager › Account › Page Layouts › Account (Marketing) Layout'] }],
        r,
      );
    },
  );

  it('reports a named layout that does not exist (the Contact layout is not an Account layout)', () => {
    const r = rule('layout-section', { object: 'Account', layout: 'Contact Layout', section: 'Details' }, { fields: ['Phone'] });
    expectOutcomes(
      runCheck(r, org),
      [
        {
          is: 'fail Account-Contact Layout',
          expected: 'layout "Contact Layout"',
          actual: 'not found',
          message: ['Page layout "Contact Layout" of Account does not exist'],
        },
      ],
      r,
    );
  });

  it('reports an object without any layout', () => {
    const r = rule('layout-section', { object: 'Lead', section: 'Details' }, { fields: ['Name'] });
    expectOutcomes(runCheck(r, org), [{ is: 'fail Lead', actual: 'not found', message: ['Lead has no page layout'] }], r);
  });
});
