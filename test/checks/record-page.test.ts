import { describe, expect, it } from 'vitest';
import { buildOrg, rule, runCheck, type RawOrg } from './org-builder.js';
import { expectOutcomes, type Want } from './expect-outcomes.js';
import type { RawAliases } from '../../src/ruleset/aliases.js';
import type { Finding } from '../../src/report/finding.js';

// ── FlexiPage records as the Metadata API holds them ──
const comp = (componentName: string, props: Record<string, string> = {}) => ({
  componentInstance: {
    componentInstanceProperties: Object.entries(props).map(([name, value]) => ({ name, value })),
    componentName,
    identifier: componentName.replace(/[:]/g, '_'),
  },
});
const region = (name: string, type: 'Region' | 'Facet', ...items: unknown[]) => ({ itemInstances: items, mode: 'Replace', name, type });
const page = (label: string, regions: unknown[], sobjectType = 'Account', template = 'flexipage:recordHomeTemplateDesktop') => ({
  flexiPageRegions: regions,
  masterLabel: label,
  sobjectType,
  template: { name: template },
  type: 'RecordPage',
});
const related = (api: string) => comp('force:relatedListSingleContainer', { relatedListApiName: api });

const ALIASES: RawAliases = {
  components: {
    Activity: 'runtime_sales_activities:activityPanel',
    'Meeting notes': 'c:meetingNotes',
    'Opportunities related list': { component: 'force:relatedListSingleContainer', properties: { relatedListApiName: 'Opportunities' } },
    'Stage history': { component: 'force:relatedListSingleContainer', properties: { relatedListApiName: 'OpportunityHistories' } },
    Notes: { component: 'force:relatedListSingleContainer', properties: { relatedListApiName: 'AttachedContentNotes' } },
  },
};

/** The usual record page: tabs in main; on the right, activity, the Opportunities list and a tab set whose tab holds meeting notes. */
const FULL = page('Account page A', [
  region('header', 'Region', comp('force:highlightsPanel')),
  region('main', 'Region', comp('flexipage:tabset', { tabs: 'maintabs' })),
  region('maintabs', 'Facet', comp('flexipage:tab', { body: 'detailTab', title: 'Standard.Tab.detail' })),
  region('detailTab', 'Facet', comp('force:detailPanel')),
  region('sidebar', 'Region', comp('runtime_sales_activities:activityPanel'), related('Opportunities'), comp('flexipage:tabset', { tabs: 'sideTabs' })),
  region('sideTabs', 'Facet', comp('flexipage:tab', { body: 'notesTab', title: 'Notes' })),
  region('notesTab', 'Facet', comp('c:meetingNotes', { folder: 'Meeting notes' })),
]);
/** Another page: only activity on the right, and the Notes related list. */
const SHORT = page('Account page B', [
  region('header', 'Region', comp('force:highlightsPanel')),
  region('main', 'Region', comp('c:meetingNotes')),
  region('sidebar', 'Region', comp('runtime_sales_activities:activityPanel'), related('AttachedContentNotes'), related('Contacts')),
]);

const viewOverride = (content: string, formFactor = 'Large') => ({ actionName: 'View', content, formFactor, type: 'Flexipage' });
const appOverride = (content: string, extra: Record<string, string> = {}) => ({
  actionName: 'View',
  content,
  formFactor: 'Large',
  pageOrSobjectType: 'Account',
  type: 'Flexipage',
  ...extra,
});

const WANT_RIGHT = ['Opportunities related list', 'Meeting notes', 'Activity'];

function check(raw: RawOrg, target: Record<string, string>, expect: Record<string, unknown>) {
  const r = rule('record-page', { object: 'Account', ...target }, expect, { aliases: ALIASES });
  return { r, outcomes: runCheck(r, buildOrg(raw)) };
}

describe('record-page: which page people see', () => {
  const both = { A: FULL, B: SHORT };
  const pages = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).map(([k, v]) => [`Account_Page_${k}`, v])) as RawOrg['flexiPages'];
  const failB = { is: 'fail Account_Page_B | region "right"', message: ['missing Opportunities related list'] };

  it.each<{ name: string; raw: RawOrg; target?: Record<string, string>; want: Want }>([
    { name: 'the org default (object View override)', raw: { objects: { Account: { actionOverrides: [viewOverride('Account_Page_B')] } }, flexiPages: pages(both) }, want: failB },
    { name: 'an app default', raw: { apps: { Fleet_Sales: { actionOverrides: appOverride('Account_Page_B') } }, flexiPages: pages(both) }, want: failB },
    { name: 'the only record page of the object', raw: { flexiPages: pages({ A: FULL }) }, want: { is: 'pass Account_Page_A | region "right"' } },
    {
      name: 'record pages of other objects and app pages do not count',
      raw: { flexiPages: { ...pages({ A: FULL }), Contact_Page: page('Contact', [], 'Contact'), Home: { ...SHORT, type: 'AppPage', sobjectType: undefined } } },
      want: { is: 'pass Account_Page_A | region "right"' },
    },
    { name: 'a page named by API name', raw: { objects: { Account: { actionOverrides: [viewOverride('Account_Page_A')] } }, flexiPages: pages(both) }, target: { page: 'Account_Page_B' }, want: failB },
    { name: 'a page named by label', raw: { flexiPages: pages(both) }, target: { page: 'account page b' }, want: failB },
    {
      name: 'a phone-only org default is not the desktop page',
      raw: { objects: { Account: { actionOverrides: [viewOverride('Account_Page_B', 'Small')] } }, apps: { Fleet_Sales: { actionOverrides: appOverride('Account_Page_A') } }, flexiPages: pages(both) },
      want: { is: 'pass Account_Page_A | region "right"' },
    },
    {
      name: 'a phone-only app default is not the desktop page',
      raw: { apps: { Fleet_Sales: { actionOverrides: [appOverride('Account_Page_B', { formFactor: 'Small' })] } }, flexiPages: pages({ A: FULL, B: SHORT }) },
      want: { is: 'fail Account record page', actual: '2 record pages exist, none assigned' },
    },
    {
      name: 'profile-specific app assignments are not the default',
      raw: { apps: { Fleet_Sales: { profileActionOverrides: [appOverride('Account_Page_B', { profile: 'Standard' })] } }, flexiPages: pages(both) },
      want: {
        is: 'fail Account record page',
        expected: 'a Lightning record page for Account',
        actual: '2 record pages exist, none assigned',
        message: ['No Lightning record page found for Account: 2 record pages exist, none assigned'],
        fix: ['Lightning App Builder', 'Setup › Object Manager › Account › Lightning Record Pages'],
      },
    },
    { name: 'no record page at all', raw: {}, want: { is: 'fail Account record page', actual: 'no record page exists' } },
    {
      name: 'a named page that does not exist',
      raw: { flexiPages: pages(both) },
      target: { page: 'Account_Page_X' },
      want: { is: 'fail Account_Page_X', actual: 'not found', message: ['No Lightning record page found for Account: Account_Page_X does not exist'] },
    },
    {
      name: 'an org default that is not in the metadata',
      raw: { objects: { Account: { actionOverrides: [viewOverride('Account_Page_Gone')] } }, flexiPages: pages(both) },
      want: {
        is: 'fail Account record page',
        actual: 'the org default for Account, Account_Page_Gone, is not in the metadata that was read',
        message: ['No Lightning record page found for Account: the org default for Account, Account_Page_Gone, is not in the metadata that was read'],
      },
    },
  ])('$name', ({ raw, target, want }) => {
    const { r, outcomes } = check(raw, target ?? {}, { components: WANT_RIGHT });
    expectOutcomes(outcomes, [want], r);
  });
});

describe('record-page: regions and components', () => {
  const raw: RawOrg = { flexiPages: { Account_Page_A: FULL } };
  const passRight = { is: 'pass Account_Page_A | region "right"' };

  it.each<{ name: string; region?: string; expect: Record<string, unknown>; want: Want[]; pages?: RawOrg }>([
    { name: 'right is the default region; a component inside a tab counts', expect: { components: WANT_RIGHT }, want: [passRight] },
    { name: 'region "right" is the sidebar', region: 'right', expect: { components: ['Activity'] }, want: [passRight] },
    { name: 'region "sidebar" by its own name', region: 'sidebar', expect: { components: ['Activity'] }, want: [{ is: 'pass Account_Page_A | region "sidebar"' }] },
    { name: 'region "main", through its tabs', region: 'main', expect: { components: ['force:detailPanel'] }, want: [{ is: 'pass Account_Page_A | region "main"' }] },
    { name: 'region "header"', region: 'header', expect: { components: ['force:highlightsPanel'] }, want: [{ is: 'pass Account_Page_A | region "header"' }] },
    { name: 'a component by its name, without an alias', expect: { components: ['c:meetingNotes', 'runtime_sales_activities:activityPanel'] }, want: [passRight] },
    { name: 'component names in other case', expect: { components: ['C:MeetingNotes'] }, want: [passRight] },
    { name: 'ordered, in page order (tab contents where the tab set is)', expect: { match: 'ordered', components: ['Activity', 'Opportunities related list', 'Meeting notes'] }, want: [passRight] },
    {
      name: 'ordered, out of order',
      expect: { match: 'ordered', components: ['Meeting notes', 'Activity'] },
      want: [{ is: 'fail Account_Page_A | region "right"', message: ['out of order: Meeting notes (c:meetingNotes)'], fix: ['in the expected order'] }],
    },
    {
      name: 'an alias pinned by properties only matches that related list',
      expect: { components: ['Stage history', 'Activity'] },
      want: [
        {
          is: 'fail Account_Page_A | region "right"',
          expected: 'contains: Stage history (force:relatedListSingleContainer), Activity (runtime_sales_activities:activityPanel)',
          actual:
            'Activity (runtime_sales_activities:activityPanel), Opportunities related list (force:relatedListSingleContainer), Meeting notes (c:meetingNotes)',
          message: ['Record page Account_Page_A, right region: missing Stage history (force:relatedListSingleContainer)'],
          fix: ['open Account page A and drag Stage history (force:relatedListSingleContainer) into the right column'],
        },
      ],
    },
    {
      name: 'other components are named by their alias, or by the related list they show',
      pages: { flexiPages: { Account_Page_B: SHORT } },
      expect: { components: ['Meeting notes'] },
      want: [
        {
          is: 'fail Account_Page_B | region "right"',
          actual: 'Activity (runtime_sales_activities:activityPanel), Notes (force:relatedListSingleContainer), force:relatedListSingleContainer (Contacts)',
        },
      ],
    },
    {
      name: 'a component in another region is named there',
      expect: { components: ['force:detailPanel'] },
      want: [{ is: 'fail Account_Page_A | region "right"', message: ['missing force:detailPanel (force:detailPanel is in the main region)'] }],
    },
    { name: 'absent and not there', expect: { absent: ['Notes'] }, want: [passRight] },
    {
      name: 'absent but there',
      pages: { flexiPages: { Account_Page_B: SHORT } },
      expect: { absent: ['Notes', 'Stage history'] },
      want: [
        {
          is: 'fail Account_Page_B | region "right"',
          expected: 'no Notes',
          actual: 'Notes (force:relatedListSingleContainer) is shown',
          message: ['Record page Account_Page_B shows Notes in the right region, which should not be there'],
          fix: ['remove Notes from Account page B'],
        },
      ],
    },
    {
      name: 'components and absent in one rule give one finding each',
      pages: { flexiPages: { Account_Page_B: SHORT } },
      expect: { components: ['Activity', 'Meeting notes'], absent: ['Notes'] },
      want: [
        { is: 'fail Account_Page_B | region "right"', message: ['missing Meeting notes (c:meetingNotes) (Meeting notes is in the main region)'] },
        { is: 'fail Account_Page_B | region "right"', message: ['shows Notes'] },
      ],
    },
    {
      name: 'a template without a right column',
      pages: { flexiPages: { One: page('One column', [region('header', 'Region'), region('main', 'Region', comp('c:meetingNotes'))], 'Account', 'flexipage:recordHomeSingleColNoHeaderTemplateDesktop') } },
      expect: { components: ['Meeting notes'] },
      want: [
        {
          is: 'fail One | region "right"',
          expected: 'a right region',
          actual: 'regions: header, main',
          message: ['Record page One (template flexipage:recordHomeSingleColNoHeaderTemplateDesktop) has no right region'],
          fix: ['switch One column to a template with a right column'],
        },
      ],
    },
    {
      name: 'older pages list components directly on the region',
      pages: { flexiPages: { Old: { ...page('Old', []), flexiPageRegions: [{ componentInstances: [{ componentName: 'c:meetingNotes' }], name: 'sidebar', type: 'Region' }] } } },
      expect: { components: ['Meeting notes'] },
      want: [{ is: 'pass Old | region "right"' }],
    },
  ])('$name', ({ region: regionName, expect: e, want, pages }) => {
    const { r, outcomes } = check(pages ?? raw, regionName ? { region: regionName } : {}, e);
    expectOutcomes(outcomes, want, r);
  });

  it('points the finding at the region in the file', () => {
    const { outcomes } = check(raw, {}, { components: ['Stage history'] });
    expect((outcomes[0] as Finding).source).toEqual({ file: 'flexipages/Account_Page_A', line: 104 });
  });

  it('refuses, at validation, a component that is neither an alias nor a component name', () => {
    expect(() => rule('record-page', { object: 'Account' }, { components: ['Meeting note'] }, { aliases: ALIASES })).toThrow(
      /"Meeting note" is neither a component alias nor a component name/,
    );
  });
});
