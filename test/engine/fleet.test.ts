import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { auditFolder, findingKeys, ORGS } from '../support/audit-helpers.js';
import { exitCodeFor } from '../../src/report/exit-code.js';

describe('the ritual against the fleet fixture orgs', () => {
  it('reports exactly the deliberate discrepancies of fleet', async () => {
    const report = await auditFolder(path.join(ORGS, 'fleet'));
    expect(findingKeys(report)).toEqual([
      'fail standard-user-tabs | Standard | tab Leads (standard-Lead)',
      'fail standard-user-tabs | Standard | tab Cases (standard-Case)',
      'fail sales-app-tabs | Fleet_Sales | tab Cases (standard-Case)',
      'fail accounts-default-list-view | Account.Customers | filter scope',
      'fail account-highlights | Account.Account_Highlights | highlights panel',
      'fail account-useful-links | Account.Invoices_Sent | URL',
      'fail account-useful-links | Account-Account Layout | section "Useful Links"',
      'manual meeting-notes-naming | Google Drive',
      'fail no-notes-on-accounts | Account-Account Layout | related lists',
      'fail account-additional-information | Account-Account Layout | section "Additional Information"',
      'fail account-linkedin-fields | Account.LinkedIn_Company_URL__c',
      'fail account-linkedin-links-work | Acme Corporation (AccountRef1) | field LinkedIn company URL (LinkedIn_Company_URL__c)',
      'fail account-linkedin-links-work | Globex Corporation (AccountRef2) | field LinkedIn company URL (LinkedIn_Company_URL__c)',
      'fail account-accounting-section | Account-Account Layout | section "Accounting"',
      'fail opportunity-information-section | Opportunity-Opportunity Layout | section "Opportunity Information"',
      'fail opportunity-name-has-year | Acme expansion (OpportunityRef2) | field Opportunity Name (Name)',
      'fail opportunity-name-has-year | Globex pilot (OpportunityRef4) | field Opportunity Name (Name)',
      'fail opportunity-name-has-year | Initech upsell (OpportunityRef6) | field Opportunity Name (Name)',
      'fail opportunity-name-has-year | Umbrella renewal (OpportunityRef8) | field Opportunity Name (Name)',
      'fail opportunity-right-column | Opportunity_Record_Page | region "right"',
      'fail contact-highlights | Contact.Contact_Highlights | highlights panel',
      'fail contact-linkedin-links-work | Dana Whitfield (ContactRef5) | field LinkedIn (LinkedIn_URL__c)',
      'fail contact-related-contacts-at-bottom | Contact-Contact Layout | related lists',
      'fail leads-default-list-view | Lead.All Leads',
    ]);
    expect(report.summary.verdict).toBe('fail');
    expect(exitCodeFor(report, 'warning')).toBe(1);
    expect(exitCodeFor(report, 'never')).toBe(0);
  });

  it('passes every rule on fleet-clean (the manual step stays manual, never a pass)', async () => {
    const report = await auditFolder(path.join(ORGS, 'fleet-clean'));
    expect(findingKeys(report)).toEqual(['manual meeting-notes-naming | Google Drive']);
    expect(report.summary).toMatchObject({ failed: 0, errors: 0, manual: 1, verdict: 'pass' });
    expect(report.rules.find((r) => r.id === 'meeting-notes-naming')?.status).toBe('manual');
    expect(exitCodeFor(report, 'info')).toBe(0);
  });

  it('gives the same findings for the Metadata API format copy of fleet-clean', async () => {
    const source = await auditFolder(path.join(ORGS, 'fleet-clean'));
    const mdapi = await auditFolder(path.join(ORGS, 'fleet-mdapi'));
    // fleet-mdapi has no data/ export: its data rules are manual checks (never passes), the rest must match.
    const dataRules = new Set(source.rules.filter((r) => r.kind === 'records' || r.kind === 'links').map((r) => r.id));
    const strip = (r: typeof source) => r.findings.filter((f) => !dataRules.has(f.ruleId)).map(({ source: _s, ...f }) => f);
    const passed = (r: typeof source) => r.rules.filter((x) => !dataRules.has(x.id)).reduce((n, x) => n + x.passed, 0);
    expect(strip(mdapi)).toEqual(strip(source));
    expect(passed(mdapi)).toBe(passed(source));
    expect(mdapi.rules.filter((r) => dataRules.has(r.id)).map((r) => r.status)).toEqual([...dataRules].map(() => 'manual'));
  });

  it('points layout findings at the section in the file', async () => {
    const report = await auditFolder(path.join(ORGS, 'fleet'));
    const f = report.findings.find((x) => x.ruleId === 'account-accounting-section')!;
    expect(f.source?.file).toBe('fixtures/orgs/fleet/force-app/main/default/layouts/Account-Account Layout.layout-meta.xml');
    expect(f.source?.line).toBeGreaterThan(2);
    expect(f.comparison?.expected.find((i) => i.mark === 'missing')?.label).toBe('Press approval (Press_Approval__c)');
  });
});
