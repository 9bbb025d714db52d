import { describe, expect, it } from 'vitest';
import { buildOrg, layout, lineOf, rule, runCheck, section, type RawOrg } from './org-builder.js';
import { expectOutcomes, type Want } from './expect-outcomes.js';
import { linkHost, mergeFields } from '../../src/checks/custom-links.js';
import type { Finding } from '../../src/report/finding.js';

const link = (fullName: string, masterLabel: string, url: string) => ({
  fullName,
  availability: 'online',
  displayType: 'link',
  linkType: 'url',
  masterLabel,
  openType: 'newWindow',
  protected: false,
  url,
});

const LINKS = [
  link('Purchase_Orders', 'POs', 'https://drive.google.com/drive/search?q={!Account.Name}'),
  link('Signed_NDA', 'Signed NDA', 'https://app.docusign.com/documents?search={!URLENCODE(Account.Name)}'),
  link('Google', 'Google search', 'http://www.google.com/search?q={!Account_Name}'),
  link('Invoices_Sent', 'Invoices sent', 'https://quickbooks.intuit.com/app/invoices?customer={!Account.Id}'),
  link('Lookalike', 'Lookalike', 'https://evildocusign.com/?q={!Account.Name}'),
  link('Relative', 'Relative', '/apex/Invoices?id={!Account.Id}'),
];
const L = 'Account-Account Layout';
const RAW: RawOrg = {
  objects: { Account: { webLinks: LINKS } },
  layouts: {
    [L]: layout([section('Details', 'OneColumn', ['Name']), section('Useful Links', 'CustomLinks', ['link:Purchase_Orders', 'link:Google'], ['link:Signed_NDA'])]),
  },
};
const org = buildOrg(RAW);

type Spec = { label: string; url?: Record<string, string> };

describe('custom-links: the link and its URL', () => {
  it.each<{ name: string; links: Spec[]; want: Want[] }>([
    { name: 'by label', links: [{ label: 'POs' }], want: [{ is: 'pass Account.Purchase_Orders' }] },
    { name: 'by label in other case', links: [{ label: 'signed nda' }], want: [{ is: 'pass Account.Signed_NDA' }] },
    { name: 'by API name', links: [{ label: 'Purchase_Orders' }], want: [{ is: 'pass Account.Purchase_Orders' }] },
    { name: 'host, exact', links: [{ label: 'POs', url: { host: 'drive.google.com' } }], want: [{ is: 'pass Account.Purchase_Orders' }] },
    { name: 'host, a subdomain of it', links: [{ label: 'Signed NDA', url: { host: 'docusign.com' } }], want: [{ is: 'pass Account.Signed_NDA' }] },
    { name: 'host in other case', links: [{ label: 'Signed NDA', url: { host: 'DocuSign.com' } }], want: [{ is: 'pass Account.Signed_NDA' }] },
    {
      name: 'host, another one',
      links: [{ label: 'Invoices sent', url: { host: 'quickbooks.com' } }],
      want: [
        {
          is: 'fail Account.Invoices_Sent | URL',
          expected: 'a URL on quickbooks.com',
          actual: 'https://quickbooks.intuit.com/app/invoices?customer={!Account.Id}',
          message: ['Custom link "Invoices sent" opens quickbooks.intuit.com, expected quickbooks.com'],
          fix: ['Setup › Object Manager › Account › Buttons, Links, and Actions › Invoices sent, set the URL to a URL on quickbooks.com'],
        },
      ],
    },
    { name: 'host, a lookalike is not a subdomain', links: [{ label: 'Lookalike', url: { host: 'docusign.com' } }], want: [{ is: 'fail Account.Lookalike | URL', message: ['opens evildocusign.com, expected docusign.com'] }] },
    { name: 'host, a relative URL opens no host', links: [{ label: 'Relative', url: { host: 'example.com' } }], want: [{ is: 'fail Account.Relative | URL', message: ['opens no valid URL, expected example.com'] }] },
    { name: 'merge field {!Account.Name}', links: [{ label: 'POs', url: { mergeField: 'Account.Name' } }], want: [{ is: 'pass Account.Purchase_Orders' }] },
    { name: 'merge field inside URLENCODE()', links: [{ label: 'Signed NDA', url: { mergeField: 'Account.Name' } }], want: [{ is: 'pass Account.Signed_NDA' }] },
    { name: 'legacy merge field {!Account_Name}', links: [{ label: 'Google search', url: { mergeField: 'Account.Name' } }], want: [{ is: 'pass Account.Google' }] },
    { name: 'merge field written with braces, in other case', links: [{ label: 'POs', url: { mergeField: '{!account.name}' } }], want: [{ is: 'pass Account.Purchase_Orders' }] },
    {
      name: 'merge field, another one',
      links: [{ label: 'Invoices sent', url: { host: 'intuit.com', mergeField: 'Account.Name' } }],
      want: [
        {
          is: 'fail Account.Invoices_Sent | URL',
          expected: 'a URL on intuit.com carrying {!Account.Name}',
          message: ['Custom link "Invoices sent" does not use the merge field {!Account.Name}, so it cannot search for this record'],
          notMessage: ['opens'],
        },
      ],
    },
    { name: 'pattern', links: [{ label: 'POs', url: { pattern: '^https://drive\\.google\\.com/drive/search\\?q=' } }], want: [{ is: 'pass Account.Purchase_Orders' }] },
    {
      name: 'pattern, no match',
      links: [{ label: 'Google search', url: { pattern: '^https://' } }],
      want: [{ is: 'fail Account.Google | URL', expected: 'matching /^https:///', message: ['does not match /^https:///'] }],
    },
    {
      name: 'every problem of a URL in one finding',
      links: [{ label: 'Invoices sent', url: { host: 'quickbooks.com', mergeField: 'Account.Name', pattern: 'search' } }],
      want: [{ is: 'fail Account.Invoices_Sent | URL', message: ['opens quickbooks.intuit.com, expected quickbooks.com; does not use the merge field {!Account.Name}, so it cannot search for this record; does not match /search/'] }],
    },
    {
      name: 'a link that does not exist',
      links: [{ label: 'Meeting notes', url: { host: 'drive.google.com', mergeField: 'Account.Name' } }],
      want: [
        {
          is: 'fail Account.Meeting notes',
          expected: 'custom link "Meeting notes"',
          actual: 'not found',
          message: ['Custom link "Meeting notes" does not exist on Account'],
          fix: ['New Button or Link (Display Type: Detail Page Link, URL using {!Account.Name})'],
        },
      ],
    },
    {
      name: 'one outcome per link, in rule order',
      links: [{ label: 'Signed NDA' }, { label: 'Missing' }, { label: 'POs' }],
      want: [{ is: 'pass Account.Signed_NDA' }, { is: 'fail Account.Missing' }, { is: 'pass Account.Purchase_Orders' }],
    },
  ])('$name', ({ links, want }) => {
    const r = rule('custom-links', { object: 'Account' }, { links });
    expectOutcomes(runCheck(r, org), want, r);
  });

  it('points a URL finding at the link', () => {
    const r = rule('custom-links', { object: 'Account' }, { links: [{ label: 'Invoices sent', url: { host: 'quickbooks.com' } }] });
    expect((runCheck(r, org)[0] as Finding).source).toEqual({ file: 'objects/Account', line: lineOf(3) });
  });

  it('refuses, at validation, a pattern that is not a regular expression', () => {
    expect(() => rule('custom-links', { object: 'Account' }, { links: [{ label: 'POs', url: { pattern: 'search(' } }] })).toThrow(/bad regular expression/);
  });
});

describe('custom-links: the layout section', () => {
  const useful = (extra: Record<string, string> = {}) => ({ label: 'Useful Links', ...extra });

  it.each<{ name: string; raw?: RawOrg; links: Spec[]; section: Record<string, string>; want: Want[] }>([
    { name: 'in the section (any column)', links: [{ label: 'POs' }, { label: 'Signed NDA' }], section: useful(), want: [{ is: 'pass Account.Purchase_Orders' }, { is: 'pass Account.Signed_NDA' }] },
    { name: 'section label in other case', links: [{ label: 'POs' }], section: { label: 'useful links' }, want: [{ is: 'pass Account.Purchase_Orders' }] },
    {
      name: 'not in the section',
      links: [{ label: 'Invoices sent' }],
      section: useful(),
      want: [
        {
          is: `fail ${L} | section "Useful Links"`,
          expected: 'custom link "Invoices sent" in section "Useful Links"',
          actual: 'not in the section',
          message: [`Custom link "Invoices sent" is not in the "Useful Links" section of ${L}`],
          fix: ['Page Layouts › Account Layout, drag "Invoices sent" from Custom Links into the "Useful Links" section.'],
        },
        { is: 'pass Account.Invoices_Sent' },
      ],
    },
    {
      name: 'no such section',
      links: [{ label: 'POs' }],
      section: { label: 'Links' },
      want: [{ is: `fail ${L} | section "Links"`, actual: 'no section "Links"' }, { is: 'pass Account.Purchase_Orders' }],
    },
    {
      name: 'every layout of the object',
      raw: { ...RAW, layouts: { ...RAW.layouts, 'Account-Partner Layout': layout([section('Useful Links', 'CustomLinks', ['link:Google'])]) } },
      links: [{ label: 'POs' }],
      section: useful(),
      want: [{ is: 'fail Account-Partner Layout | section "Useful Links"' }, { is: 'pass Account.Purchase_Orders' }],
    },
    {
      name: 'only the named layout',
      raw: { ...RAW, layouts: { ...RAW.layouts, 'Account-Partner Layout': layout([section('Useful Links', 'CustomLinks', ['link:Google'])]) } },
      links: [{ label: 'POs' }],
      section: useful({ layout: 'Account Layout' }),
      want: [{ is: 'pass Account.Purchase_Orders' }],
    },
    {
      name: 'a named layout that does not exist',
      links: [{ label: 'POs' }],
      section: useful({ layout: 'Partner Layout' }),
      want: [{ is: 'fail Account-Partner Layout', actual: 'not found', message: ['Account has no page layout named "Partner Layout"'] }, { is: 'pass Account.Purchase_Orders' }],
    },
    {
      name: 'an object without layouts',
      raw: { objects: RAW.objects },
      links: [{ label: 'POs' }],
      section: useful(),
      want: [{ is: 'fail Account', actual: 'not found', message: ['Account has no page layout'] }, { is: 'pass Account.Purchase_Orders' }],
    },
    { name: 'a missing link is not also reported as misplaced', links: [{ label: 'Missing' }], section: useful(), want: [{ is: 'fail Account.Missing' }] },
  ])('$name', ({ raw, links, section: s, want }) => {
    const r = rule('custom-links', { object: 'Account' }, { links, section: s });
    expectOutcomes(runCheck(r, raw ? buildOrg(raw) : org), want, r);
  });
});

describe('custom-links: reading URLs', () => {
  it.each([
    ['https://x.com/?q={!Account.Name}', ['Account.Name']],
    ['https://x.com/?q={!URLENCODE(Account.Name)}&id={!Account.Id}', ['URLENCODE', 'Account.Name', 'Account.Id']],
    ['http://www.google.com/search?q={!Account_Name}', ['Account_Name']],
    ['https://x.com/{!$User.Email}', ['User.Email']],
    ['https://x.com/', []],
  ])('merge fields of %s', (url, fields) => {
    expect(mergeFields(url)).toEqual(fields);
  });

  it.each([
    ['https://Drive.Google.com/drive?q={!Account.Name}', 'drive.google.com'],
    ['https://{!Account.Site}.example.com/', 'x.example.com'],
    ['/apex/Page', undefined],
    ['drive.google.com/x', undefined],
  ])('host of %s', (url, host) => {
    expect(linkHost(url)).toBe(host);
  });
});
