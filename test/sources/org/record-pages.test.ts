import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST, comparable, copyOfFleet, folderAudit, liveAudit, rulesFromYaml, startOrg } from './helpers.js';
import { ORGS } from '../../support/audit-helpers.js';
import type { SalesforceEmulator } from '../../support/salesforce/index.js';
import type { Ruleset } from '../../../src/ruleset/types.js';

const SOURCE = 'force-app/main/default';
const RULES = `
name: record pages
rules:
  - { id: account-page, step: s, kind: record-page, target: { object: Account }, expect: { absent: [c:notes] } }
  - { id: contact-page, step: s, kind: record-page, target: { object: Contact }, expect: { absent: [c:notes] } }
  - { id: opportunity-page, step: s, kind: record-page, target: { object: Opportunity }, expect: { absent: [c:notes] } }
`;

/** The object's desktop View override, set by Lightning App Builder on activation, made the default again. */
function withoutOverride(xml: string, page: string): string {
  const out = xml.replace(new RegExp(`<content>${page}</content>([\\s\\S]*?)<type>Flexipage</type>`), '$1<type>Default</type>');
  expect(out).not.toBe(xml);
  return out.replace(/<comment>Action override created by Lightning App Builder during activation.<\/comment>/, '');
}

/**
 * The three ways a record page is found, one object each: Account by its View override, Contact by an app's
 * default (its override removed), Opportunity as the only record page of the object (no assignment at all).
 */
describe('record pages: read in steps, found as the check finds them', () => {
  let dir: string;
  let emulator: SalesforceEmulator;
  let rules: Ruleset;

  beforeAll(async () => {
    dir = await copyOfFleet('sfaudit-pages-');
    for (const object of ['Contact', 'Opportunity']) {
      const file = path.join(dir, SOURCE, `objects/${object}/${object}.object-meta.xml`);
      await writeFile(file, withoutOverride(await readFile(file, 'utf8'), `${object}_Record_Page`));
    }
    const app = path.join(dir, SOURCE, 'applications/Fleet_Sales.app-meta.xml');
    const assignment =
      '<actionOverrides><actionName>View</actionName><content>Contact_Record_Page</content><formFactor>Large</formFactor>' +
      '<pageOrSobjectType>Contact</pageOrSobjectType><skipRecordTypeSelect>false</skipRecordTypeSelect><type>Flexipage</type></actionOverrides>';
    await writeFile(app, (await readFile(app, 'utf8')).replace(/(<CustomApplication[^>]*>)/, `$1\n    ${assignment}`));
    emulator = await startOrg(dir);
    rules = await rulesFromYaml(RULES);
  });
  afterAll(async () => {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the page an override names, the apps only for an object without one, every page only for an object no app assigns', async () => {
    const from = emulator.calls.length;
    const { report } = await liveAudit(emulator, rules);
    const calls = emulator.calls.slice(from);
    expect(comparable(report.findings)).toEqual(comparable((await folderAudit(dir, rules)).findings));
    expect(report.rules.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    const pages = calls.filter((c) => c.method === 'readMetadata' && c.type === 'FlexiPage').map((c) => c.names);
    // Account's page first (its object named it), each page read once.
    expect(pages[0]).toEqual(['Account_Record_Page']);
    expect(pages.flat().sort()).toEqual(['Account_Record_Page', 'Contact_Record_Page', 'Opportunity_Record_Page']);
    expect(calls.filter((c) => c.method === 'readMetadata' && c.type === 'CustomApplication')).toHaveLength(1);
  });

  it('only the ritual objects with overrides: no app and no other page is read', async () => {
    const fleet = await startOrg(path.join(ORGS, 'fleet'));
    try {
      const { report } = await liveAudit(fleet, rules);
      expect(comparable(report.findings)).toEqual(comparable((await folderAudit(path.join(ORGS, 'fleet'), rules)).findings));
      const reads = fleet.calls.filter((c) => c.method === 'readMetadata');
      expect(reads.map((c) => c.type).sort()).toEqual(['CustomObject', 'FlexiPage']);
      expect(fleet.calls.filter((c) => c.method === 'listMetadata')).toEqual([]);
    } finally {
      await fleet.close();
    }
  });

  it('apps that cannot be read make the rules that needed them errors, and only those', async () => {
    emulator.faults.failNext(100, { status: 500 }, { method: 'listMetadata' });
    try {
      const { report } = await liveAudit(emulator, rules, { policy: FAST });
      expect(report.rules.map((r) => [r.id, r.status])).toEqual([
        ['account-page', 'pass'],
        ['contact-page', 'error'],
        ['opportunity-page', 'error'],
      ]);
      expect(report.findings.find((f) => f.ruleId === 'contact-page')?.message).toMatch(
        /^Could not evaluate: could not (list CustomApplication|read the apps that may assign the record page of Contact)/,
      );
    } finally {
      emulator.faults.reset();
    }
  });
});
