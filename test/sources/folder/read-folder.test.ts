import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFolder, SourceNotFoundError } from '../../../src/sources/folder/read-folder.js';
import { readingOrder } from '../../../src/model/map-layout.js';
import { ORGS, REALWORLD, auditFolder, findingKeys } from '../../support/audit-helpers.js';

// pmmOrgDump is 7 MB of profiles: read it once for the tests that look inside it.
let pmm: ReturnType<typeof readFolder> | undefined;
const readPmm = () => (pmm ??= readFolder(path.join(REALWORLD, 'pmmOrgDump')));

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'sfaudit-folder-'));
}

describe('readFolder on real-world metadata written by other people', () => {
  it.each([
    ['pmmOrgDump', { layouts: 132, profiles: 64, apps: 18, flexiPages: 19 }],
    ['ebikes-lwc', { layouts: 6, profiles: 0, apps: 1, flexiPages: 4 }],
    ['lwc-recipes', { layouts: 2, profiles: 0, apps: 2, flexiPages: 25 }],
  ])('loads every file of %s without a problem', async (name, counts) => {
    const { org, stats } = await readFolder(path.join(REALWORLD, name));
    expect(org.problems).toEqual([]);
    expect({ layouts: org.layouts.size, profiles: org.profiles.size, apps: org.apps.size, flexiPages: org.flexiPages.size }).toEqual(counts);
    expect(stats.files).toBeGreaterThan(50);
  });

  it('keeps Salesforce %-encoding in full names and decodes it for people', async () => {
    const { org } = await readPmm();
    const layout = org.layouts.get('DandBCompany-D%26B Company Layout');
    expect(layout?.name).toBe('D&B Company Layout');
    expect(layout?.object).toBe('DandBCompany');
  });

  it('maps list views, web links, profiles, apps and record pages', async () => {
    const { org } = await readPmm();
    const account = org.objects.get('Account')!;
    expect(account.listViews.get('AllAccounts')).toMatchObject({ label: 'All Accounts', filterScope: 'Everything', filters: [] });
    expect(account.webLinks.get('GoogleSearch')?.url).toBe('http://www.google.com/search?q={!Account_Name}');
    expect(org.profiles.get('Standard')?.tabVisibilities.length).toBe(39);
    expect(org.apps.get('standard__Sales')?.tabs).toContain('standard-Opportunity');
    expect(org.objects.get('Project__c')?.recordPageOverride).toBe('Project_Task_View');
    const recipes = await readFolder(path.join(REALWORLD, 'lwc-recipes'));
    expect(recipes.org.apps.get('LWC_Recipes')?.recordPageAssignments).toContainEqual(
      expect.objectContaining({ sobject: 'Contact', page: 'Contact_Record_Page' }),
    );
  });

  it('reads sections in the order people read them', async () => {
    const { org } = await readPmm();
    const sections = org.layouts.get('Account-Account Layout')!.sections;
    const topToBottom = sections.find((s) => s.label === 'Account Information')!;
    expect(readingOrder(topToBottom).map((i) => i.field)).toEqual(['OwnerId', 'Name', 'ParentId', 'Phone', 'Fax', 'Website', 'Rating_Indicator__c']);
    const leftToRight = sections.find((s) => s.label === 'Additional Information')!;
    expect(leftToRight.style).toBe('TwoColumnsLeftToRight');
    expect(readingOrder(leftToRight).map((i) => i.field)).toEqual(['Type', 'NumberOfEmployees', 'Industry', 'AnnualRevenue']);
  });
});

describe('readFolder on broken input', () => {
  it('says when the folder does not exist', async () => {
    await expect(readFolder('/nonexistent/sfaudit')).rejects.toBeInstanceOf(SourceNotFoundError);
  });

  it('turns a malformed file into a load problem, and the rules needing it into errors, never passes', async () => {
    const dir = await tempDir();
    await cp(path.join(ORGS, 'fleet-clean'), dir, { recursive: true });
    const layout = path.join(dir, 'force-app/main/default/layouts/Account-Account Layout.layout-meta.xml');
    await writeFile(layout, '<?xml version="1.0"?>\n<Layout xmlns="http://soap.sforce.com/2006/04/metadata">\n  <layoutSections>\n</Layout>\n');
    const { org } = await readFolder(dir);
    expect(org.problems).toHaveLength(1);
    expect(org.problems[0]).toMatchObject({ metadataType: 'Layout', component: 'Account-Account Layout' });
    expect(org.problems[0]!.message).toMatch(/^malformed XML \(line \d+, column \d+\)/);

    const report = await auditFolder(dir);
    const errors = report.findings.filter((f) => f.status === 'error').map((f) => f.ruleId);
    expect(new Set(errors)).toEqual(
      new Set(['account-useful-links', 'no-notes-on-accounts', 'account-additional-information', 'account-accounting-section']),
    );
    expect(report.summary.verdict).toBe('error');
  });

  it('reports a file whose root element is not the type its name says', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'layouts'), { recursive: true });
    await writeFile(path.join(dir, 'layouts', 'Account-Account Layout.layout-meta.xml'), '<Profile><custom>false</custom></Profile>');
    const { org } = await readFolder(dir);
    expect(org.problems[0]?.message).toBe('expected a <Layout> root element, found <Profile>');
  });

  it('a missing component is a discrepancy (fail), not an error and not a pass', async () => {
    const report = await auditFolder(path.join(ORGS, 'fleet'));
    expect(findingKeys(report)).toContain('fail leads-default-list-view | Lead.All Leads');
  });
});
